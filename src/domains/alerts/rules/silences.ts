// Silences: made from chat (a card's button or `/alert silence`), ended by a person or by the expiry
// job. A silence marks the alerts it matches (`silencedBy`); marked alerts are still stored and
// counted, and their resolution is still announced, but they are not announced as firing.
import { truncate } from '../../../chat/text.js';
import type { AlertModel } from '../../../../models/alerts/alert.js';
import type { CounterModel } from '../../../../models/core/counter.js';
import type { Matcher, Silence, SilenceModel } from '../../../../models/alerts/silence.js';
import { UserError } from '../../../chat/user-error.js';
import type { Clock } from '../../../kernel/clock.js';
import type { GroupedAlert } from './grouping.js';
import { matcherFilter, matcherKey, matchesAll } from './matchers.js';
import type { AuditTrail } from '../../ops/rules/audit-trail.js';
import type { DoneAction } from '../../ops/audit-vocabulary.js';

export interface SilenceRequest {
  matchers: Matcher[];
  durationMs: number;
  reason?: string | undefined;
  /** `ALG-40` when made from that group's card. */
  groupId?: string | undefined;
}

export interface Actor {
  key: string;
  via: string;
}

/** Told which groups' alerts a silence began or stopped covering. */
export interface SilenceEffects {
  /** A silence began: the cards should show it now. */
  silenced(groupKeys: string[]): Promise<void>;
  /** A silence ended: what it held back is said at the groups' next flush. */
  released(groupKeys: string[]): Promise<void>;
}

export interface AlertSilencesDeps {
  silences: SilenceModel;
  alerts: AlertModel;
  counters: CounterModel;
  audit: AuditTrail;
  clock: Clock;
}

const SYSTEM: Actor = { key: 'system', via: 'job' };
const MATCHED_FIELDS = { _id: 1, name: 1, severity: 1, layer: 1, labels: 1, groupKey: 1 } as const;

export class AlertSilences {
  private effects: SilenceEffects = { silenced: async () => undefined, released: async () => undefined };

  constructor(private readonly deps: AlertSilencesDeps) {}

  /** Set once the grouping and the flush exist (the flush needs the silences first). */
  onChange(effects: SilenceEffects): void {
    this.effects = effects;
  }

  active(now = this.deps.clock.now()): Promise<Silence[]> {
    return this.deps.silences
      .find({ expired: false, startsAt: { $lte: now }, endsAt: { $gt: now } })
      .sort({ endsAt: 1 })
      .lean<Silence[]>();
  }

  /** The flush's first step: a group's firing alerts that a silence in force matches are marked. */
  async markGroup(groupKey: string, now: Date): Promise<void> {
    const active = await this.active(now);
    if (active.length === 0) return;
    const unmarked = await this.deps.alerts
      .find({ groupKey, status: 'firing', silencedBy: null }, MATCHED_FIELDS)
      .lean<GroupedAlert[]>();
    const bySilence = new Map<string, string[]>();
    for (const alert of unmarked) {
      const silence = active.find((s) => matchesAll(alert, s.matchers));
      if (silence) bySilence.set(silence._id, [...(bySilence.get(silence._id) ?? []), alert._id]);
    }
    for (const [id, ids] of bySilence) {
      await this.deps.alerts.updateMany({ _id: { $in: ids }, silencedBy: null }, { $set: { silencedBy: id } });
    }
  }

  /** One active silence per set of matchers: asking again extends it instead of adding another. */
  async create(request: SilenceRequest, actor: Actor): Promise<{ silence: Silence; extended: boolean }> {
    const now = this.deps.clock.now();
    const activeKey = matcherKey(request.matchers);
    const endsAt = new Date(now.getTime() + request.durationMs);
    const existing = await this.extend(activeKey, endsAt);
    if (existing) return { silence: existing, extended: true };
    const id = `SIL-${await this.deps.counters.next('SIL')}`;
    try {
      const created = await this.deps.silences.create({
        _id: id,
        matchers: request.matchers,
        activeKey,
        createdBy: actor.key,
        ...(request.reason ? { reason: request.reason } : {}),
        ...(request.groupId ? { groupId: request.groupId } : {}),
        startsAt: now,
        endsAt,
        expired: false,
      });
      const silence = created.toObject() as Silence;
      const after = { endsAt, matchers: activeKey, ...(request.groupId ? { group: request.groupId } : {}) };
      await this.record(actor, 'alert.silence', silence, null, after, request.reason);
      await this.effects.silenced(await this.cover(silence));
      return { silence, extended: false };
    } catch (error) {
      if ((error as { code?: number }).code !== 11000) throw error;
      // Someone made the same silence at the same moment: theirs stands, extended to ours.
      const theirs = await this.extend(activeKey, endsAt);
      if (!theirs) throw error;
      return { silence: theirs, extended: true };
    }
  }

  /** `/alert unsilence SIL-3`. */
  async unsilence(typedId: string, actor: Actor): Promise<Silence> {
    const id = normalizeSilenceId(typedId);
    const ended = await this.end(id, actor);
    if (ended) return ended;
    const found = await this.deps.silences.findById(id).lean<Silence>();
    if (!found) throw new UserError('alert.errors.silence_not_found', { id });
    throw new UserError('alert.errors.silence_ended', { id });
  }

  /** The expiry job: every silence past its end is ended by `system`; answers how many. */
  async expireDue(): Promise<number> {
    const due = await this.deps.silences
      .find({ expired: false, endsAt: { $lte: this.deps.clock.now() } }, { _id: 1 })
      .lean<Silence[]>();
    let ended = 0;
    for (const { _id } of due) if (await this.end(_id, SYSTEM)) ended += 1;
    return ended;
  }

  private async extend(activeKey: string, endsAt: Date): Promise<Silence | null> {
    const now = this.deps.clock.now();
    return this.deps.silences
      .findOneAndUpdate(
        { activeKey, expired: false, endsAt: { $gt: now } },
        { $max: { endsAt } },
        { returnDocument: 'after' },
      )
      .lean<Silence>();
  }

  /** Exactly once per silence, whoever ends it first. */
  private async end(id: string, actor: Actor): Promise<Silence | null> {
    const now = this.deps.clock.now();
    const ended = await this.deps.silences
      .findOneAndUpdate(
        { _id: id, expired: false },
        { $set: { expired: true, expiredBy: actor.key, expiredAt: now }, $unset: { activeKey: 1 } },
        { returnDocument: 'after' },
      )
      .lean<Silence>();
    if (!ended) return null;
    const action = actor === SYSTEM ? 'alert.silence_expired' : 'alert.unsilence';
    await this.record(actor, action, ended, { endsAt: ended.endsAt }, { expired: true });
    await this.effects.released(await this.release(ended, now));
    return ended;
  }

  /** Marks the stored firing alerts the new silence matches; answers their groups. */
  private async cover(silence: Silence): Promise<string[]> {
    const candidates = await this.deps.alerts
      .find({ ...matcherFilter(silence.matchers), status: 'firing', silencedBy: null }, MATCHED_FIELDS)
      .lean<GroupedAlert[]>();
    const matched = candidates.filter((a) => matchesAll(a, silence.matchers));
    if (matched.length === 0) return [];
    await this.deps.alerts.updateMany(
      { _id: { $in: matched.map((a) => a._id) }, silencedBy: null },
      { $set: { silencedBy: silence._id } },
    );
    return [...new Set(matched.map((a) => a.groupKey))];
  }

  /** Unmarks what an ended silence held, unless another active silence holds it too. */
  private async release(silence: Silence, now: Date): Promise<string[]> {
    const held = await this.deps.alerts.find({ silencedBy: silence._id }, MATCHED_FIELDS).lean<GroupedAlert[]>();
    if (held.length === 0) return [];
    const others = await this.active(now);
    const moved = new Map<string | null, string[]>();
    for (const alert of held) {
      const to = others.find((s) => matchesAll(alert, s.matchers))?._id ?? null;
      moved.set(to, [...(moved.get(to) ?? []), alert._id]);
    }
    for (const [to, ids] of moved) {
      const filter = { _id: { $in: ids }, silencedBy: silence._id };
      await this.deps.alerts.updateMany(filter, to ? { $set: { silencedBy: to } } : { $unset: { silencedBy: 1 } });
    }
    return [...new Set(held.map((a) => a.groupKey))];
  }

  private record(actor: Actor, action: DoneAction, silence: Silence, before: unknown, after: unknown, reason?: string) {
    return this.deps.audit.record({
      actor: actor.key,
      action,
      objectType: 'silence',
      objectId: silence._id,
      before,
      after,
      ...(reason ? { reason: truncate(reason, 2000) } : {}),
      outcome: 'done',
      via: actor.via,
    });
  }
}

/** `sil-3`, `SIL-3` and `3` all name SIL-3. */
export function normalizeSilenceId(raw: string): string {
  const match = /^(?:sil-?)?(\d{1,9})$/i.exec(raw.trim());
  return match ? `SIL-${Number(match[1])}` : raw.trim().slice(0, 20);
}
