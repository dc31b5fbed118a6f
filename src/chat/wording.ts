// What Zhiban says unasked is handed to the outbox as wording — a message still to be put into
// words — so that each channel reads it in its own language: a Slack or Discord channel in the
// language set for it (`/ops lang channel`, else the team's), the web console in every language,
// each viewer picking theirs (issue 10, "One vocabulary, in the reader's language").
import type { Platform } from './actor.js';
import type { Message } from './card.js';
import { LOCALES, type Locale, type Translate, type Translator } from '../kernel/i18n.js';

/**
 * A message written with a translation function; it is called once per language it is needed in.
 * A Message itself is accepted where wording is (it is then said as it is, in whatever words it has).
 */
export type Wording = ((t: Translate) => Message) | Message;

/** The language a channel has been given, if any (the team's default otherwise). */
export interface ChannelLanguages {
  languageOf(platform: Platform, channelId: string): Promise<Locale | undefined>;
}

/** Puts wording into the words of the channel it is said in. */
export class ChannelSpeech {
  constructor(
    private readonly translator: Pick<Translator, 'defaultLocale' | 'forLocale'>,
    private readonly languages: ChannelLanguages,
  ) {}

  /**
   * The message for `channelId` on `platform`: on the web console in the team's language with
   * `translations` into every other locale (each viewer reads their own); elsewhere in the channel's
   * language. Throws only what reading the channel's language from the database throws.
   */
  async render(wording: Wording, platform: Platform, channelId: string): Promise<Message> {
    if (typeof wording !== 'function') return wording;
    const team = this.translator.defaultLocale;
    if (platform === 'web') return inEveryLanguage(wording, this.translator);
    const locale = (await this.languages.languageOf(platform, channelId)) ?? team;
    return wording(this.translator.forLocale(locale));
  }
}

/** `wording` in the default locale, carrying its translations into the others. */
export function inEveryLanguage(
  wording: (t: Translate) => Message,
  translator: Pick<Translator, 'defaultLocale' | 'forLocale'>,
): Message {
  const team = translator.defaultLocale;
  const others = LOCALES.filter((locale) => locale !== team);
  return {
    ...wording(translator.forLocale(team)),
    translations: Object.fromEntries(others.map((locale) => [locale, wording(translator.forLocale(locale))])),
  };
}

/** The language one person chose (`/ops lang`), if any. */
export interface PersonLanguages {
  /** `person` is a `platform:id` key. */
  languageOf(person: string): Promise<Locale | undefined>;
}

/**
 * Puts wording into one person's words: what is said to them alone (a direct message, a page only
 * they are sent) is in the language they chose, else the team's (DEFAULT_LOCALE). Unlike a channel's
 * card on the web console, it carries no other languages: it has one reader.
 */
export class PersonSpeech {
  constructor(
    private readonly translator: Pick<Translator, 'defaultLocale' | 'forLocale'>,
    private readonly languages: PersonLanguages,
  ) {}

  /** The language `person` reads. Throws only what reading their profile from the database throws. */
  async localeOf(person: string): Promise<Locale> {
    return (await this.languages.languageOf(person)) ?? this.translator.defaultLocale;
  }

  /** The translate function of `person`'s language. */
  async wordsFor(person: string): Promise<Translate> {
    return this.translator.forLocale(await this.localeOf(person));
  }

  /** `wording` in `person`'s language (a Message is said as it is). */
  async render(wording: Wording, person: string): Promise<Message> {
    if (typeof wording !== 'function') return wording;
    return wording(await this.wordsFor(person));
  }
}
