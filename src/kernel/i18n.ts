// The translator: every word a person reads comes from locales/<locale>.json through here.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import i18next, { type i18n } from 'i18next';
import { projectRoot } from './paths.js';

export const LOCALES = ['zh-CN', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export type Translate = (key: string, params?: Record<string, unknown>) => string;

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/** Maps a platform's locale tag (Discord `zh-CN`, `en-US`; Slack `en-GB`) onto ours, if we have it. */
export function matchLocale(tag: string | undefined | null): Locale | undefined {
  if (!tag) return undefined;
  const lower = tag.toLowerCase();
  if (lower.startsWith('zh')) return 'zh-CN';
  if (lower.startsWith('en')) return 'en';
  return undefined;
}

export class Translator {
  private readonly engine: i18n;

  constructor(readonly defaultLocale: Locale) {
    const resources = Object.fromEntries(LOCALES.map((locale) => [locale, { translation: loadLocale(locale) }]));
    this.engine = i18next.createInstance();
    void this.engine.init({
      resources,
      lng: defaultLocale,
      fallbackLng: defaultLocale,
      initAsync: false,
      returnNull: false,
      interpolation: { escapeValue: false },
    });
  }

  t(locale: Locale, key: string, params?: Record<string, unknown>): string {
    // `params.lng` may ask for another language on purpose ("answered in the language just chosen").
    return this.engine.t(key, { lng: locale, ...params }) as string;
  }

  forLocale(locale: Locale): Translate {
    return (key, params) => this.t(locale, key, params);
  }

  /** A whole subtree of a locale file (the web page's own words), for a reader that looks words up itself. */
  section(locale: Locale, key: string): Record<string, unknown> {
    const found = this.engine.getResource(locale, 'translation', key) as unknown;
    return found !== null && typeof found === 'object' ? (found as Record<string, unknown>) : {};
  }

  has(locale: Locale, key: string): boolean {
    return this.engine.exists(key, { lng: locale, fallbackLng: [] });
  }
}

function loadLocale(locale: Locale): Record<string, unknown> {
  return JSON.parse(readFileSync(join(projectRoot(), 'locales', `${locale}.json`), 'utf8')) as Record<string, unknown>;
}
