// Which channel, on each platform, is the home of each kind of message (`/ops channel set`), and
// the language a channel is spoken to in (`/ops lang channel`).
import type { Clock } from '../../../kernel/clock.js';
import type { Platform } from '../../../chat/actor.js';
import type { ChannelKind } from '../../../chat/commands.js';
import type { ChannelBinding, ChannelBindingModel } from '../../../../models/ops/channel-binding.js';
import type { ChannelLanguage, ChannelLanguageModel } from '../../../../models/ops/channel-language.js';
import { isLocale, type Locale } from '../../../kernel/i18n.js';
import type { AuditTrail } from './audit-trail.js';

export interface ChannelTarget {
  platform: Platform;
  channelId: string;
  channelName?: string | undefined;
}

/** How long a channel's language is remembered by a process (ms). */
export const LANGUAGE_MEMORY_MS = 5_000;
/** Channels remembered at once; beyond it the memory starts again (channels that post are few). */
const LANGUAGE_MEMORY_SIZE = 1_000;
/**
 * How long a process remembers which channel is a kind's home (ms): read for every card and thread
 * line stored, once per platform. A binding made through another process takes effect here within
 * this time (at once through this one); a kind found unbound is read again every time.
 */
export const BINDING_MEMORY_MS = 5_000;

export class ChannelDirectory {
  private readonly knownLanguages = new Map<string, { locale: Locale | undefined; until: number }>();
  private readonly knownBindings = new Map<string, { channelId: string; until: number }>();

  constructor(
    private readonly bindings: ChannelBindingModel,
    private readonly languages: ChannelLanguageModel,
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
  ) {}

  /** Makes `target` the home of `kind` on its platform; returns the channel it replaces, if any. */
  async bind(kind: ChannelKind, target: ChannelTarget, by: string): Promise<string | undefined> {
    const before = await this.bindings
      .findOneAndUpdate(
        { platform: target.platform, kind },
        {
          $set: {
            channelId: target.channelId,
            channelName: target.channelName,
            setBy: by,
            setAt: this.clock.now(),
          },
        },
        { upsert: true, returnDocument: 'before' },
      )
      .lean<ChannelBinding | null>();
    this.forgetBindings();
    await this.audit.record({
      actor: by,
      action: 'channel.bind',
      objectType: 'channel_binding',
      objectId: `${target.platform}:${kind}`,
      before: before ? { channelId: before.channelId } : null,
      after: { channelId: target.channelId },
      outcome: 'done',
      via: target.platform,
    });
    return before?.channelId === target.channelId ? undefined : (before?.channelId ?? undefined);
  }

  /** Binds `kind` to `target` only if nothing is bound on its platform yet; true when it did. */
  async bindIfUnbound(kind: ChannelKind, target: ChannelTarget, by: string): Promise<boolean> {
    try {
      const result = await this.bindings.updateOne(
        { platform: target.platform, kind },
        {
          $setOnInsert: {
            channelId: target.channelId,
            channelName: target.channelName,
            setBy: by,
            setAt: this.clock.now(),
          },
        },
        { upsert: true },
      );
      if (result.upsertedCount !== 1) return false;
      this.forgetBindings();
    } catch (error) {
      // Another process bound it at the same moment.
      if ((error as { code?: number }).code === 11000) return false;
      throw error;
    }
    await this.audit.record({
      actor: by,
      action: 'channel.bind',
      objectType: 'channel_binding',
      objectId: `${target.platform}:${kind}`,
      before: null,
      after: { channelId: target.channelId },
      outcome: 'done',
      via: target.platform,
    });
    return true;
  }

  async list(platform: Platform): Promise<ChannelBinding[]> {
    return this.bindings.find({ platform }).sort({ kind: 1 }).lean<ChannelBinding[]>();
  }

  /** The channel `kind` is bound to on `platform`, remembered BINDING_MEMORY_MS once found. */
  async channelFor(platform: Platform, kind: ChannelKind): Promise<string | undefined> {
    const key = `${platform}:${kind}`;
    const now = this.clock.now().getTime();
    const known = this.knownBindings.get(key);
    if (known && known.until > now) return known.channelId;
    const found = await this.bindings.findOne({ platform, kind }).lean<ChannelBinding | null>();
    if (found?.channelId) this.knownBindings.set(key, { channelId: found.channelId, until: now + BINDING_MEMORY_MS });
    else this.knownBindings.delete(key);
    return found?.channelId;
  }

  /**
   * Reads every binding afresh next time: after this process changed one, or (tests, repairs)
   * after the bindings were changed in the database directly.
   */
  forgetBindings(): void {
    this.knownBindings.clear();
  }

  /**
   * Speaks to `target` in `locale` from now on (null: the team's language again); audited with the
   * language before and after. Answers the language it had before (undefined: the team's).
   */
  async setLanguage(target: ChannelTarget, locale: Locale | null, by: string): Promise<Locale | undefined> {
    const key = { platform: target.platform, channelId: target.channelId };
    const before = locale
      ? await this.languages
          .findOneAndUpdate(key, { $set: { locale, setBy: by, setAt: this.clock.now() } }, { upsert: true })
          .lean<ChannelLanguage | null>()
      : await this.languages.findOneAndDelete(key).lean<ChannelLanguage | null>();
    const was = isLocale(before?.locale) ? before.locale : undefined;
    this.knownLanguages.delete(`${target.platform}:${target.channelId}`);
    await this.audit.record({
      actor: by,
      action: 'channel.language',
      objectType: 'channel',
      objectId: `${target.platform}:${target.channelId}`,
      before: { locale: was ?? null },
      after: { locale },
      outcome: 'done',
      via: target.platform,
    });
    return was;
  }

  /**
   * The language set for a channel; undefined when it speaks the team's. Read for every message
   * stored and every card clicked, it is remembered for LANGUAGE_MEMORY_MS: a change made through
   * another process takes effect here within that time (at once through this one).
   */
  async languageOf(platform: Platform, channelId: string): Promise<Locale | undefined> {
    const key = `${platform}:${channelId}`;
    const now = this.clock.now().getTime();
    const known = this.knownLanguages.get(key);
    if (known && known.until > now) return known.locale;
    const found = await this.languages.findOne({ platform, channelId }).lean<ChannelLanguage | null>();
    const locale = isLocale(found?.locale) ? found.locale : undefined;
    if (this.knownLanguages.size >= LANGUAGE_MEMORY_SIZE) this.knownLanguages.clear();
    this.knownLanguages.set(key, { locale, until: now + LANGUAGE_MEMORY_MS });
    return locale;
  }
}
