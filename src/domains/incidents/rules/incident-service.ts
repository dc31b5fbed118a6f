// The incident rules: declaring with a short id, exactly-once transitions, updates, summaries.
// Every change is one conditional update on one document plus an audit event, then an announcement.
import { truncate } from '../../../chat/text.js';
import type { Clock } from '../../../kernel/clock.js';
import { UserError } from '../../../chat/user-error.js';
import type { CounterModel } from '../../../../models/core/counter.js';
import type {
  Category,
  Incident,
  IncidentModel,
  IncidentState,
  Severity,
  TimelineEntry,
} from '../../../../models/incidents/incident.js';
import { OPEN_STATES } from '../../../../models/incidents/incident.js';
import { claimRequestKey, type RequestKeyModel } from '../../../../models/core/request-key.js';
import { SYSTEM_ACTOR_KEY, type DoneAction } from '../../ops/audit-vocabulary.js';
import type { AuditTrail } from '../../ops/rules/audit-trail.js';
import type { EscalationPager } from './escalation-pager.js';
import { isOpen, NEXT_STEP, RESOLVABLE } from './lifecycle.js';

export interface DeclareInput {
  title: string;
  severity: Severity;
  category: Category;
  system?: string | undefined;
  description?: string | undefined;
}

/** Told of every change, after it is stored: cards, threads, escalation jobs, metrics. */
export interface IncidentObserver {
  changed(incident: Incident, entry: TimelineEntry): Promise<void>;
}

/** An incident's id, or the incident as just read. */
export type Target = string | Incident;

export interface Actor {
  key: string;
  via: string;
}

export class IncidentService {
  private readonly observers: IncidentObserver[] = [];
  private escalationPager: EscalationPager | undefined;

  constructor(
    private readonly incidents: IncidentModel,
    private readonly counters: CounterModel,
    private readonly requestKeys: RequestKeyModel,
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
  ) {}

  observe(observer: IncidentObserver): void {
    this.observers.push(observer);
  }

  /** Who is paged at each escalation step, from a later domain (duty's roster); the roles otherwise. */
  pageWith(pager: EscalationPager): void {
    this.escalationPager = pager;
  }

  /** The pager given by `pageWith`, if any. */
  get pager(): EscalationPager | undefined {
    return this.escalationPager;
  }

  /** A retried request (same `requestKey`) returns the incident the first one made. */
  async declare(
    input: DeclareInput,
    actor: Actor,
    requestKey?: string,
  ): Promise<{ incident: Incident; repeated: boolean }> {
    if (requestKey) {
      const seen = await this.requestKeys.findById(requestKey).lean();
      if (seen) return { incident: await this.get(seen.result), repeated: true };
    }
    const now = this.clock.now();
    const shortId = `INC-${await this.counters.next('INC')}`;
    const entry: TimelineEntry = { at: now, actor: actor.key, kind: 'declared', to: 'reported', text: input.title };
    const incident = (
      await this.incidents.create({
        _id: shortId,
        shortId,
        ...input,
        state: 'reported',
        reporter: actor.key,
        stateAt: { reported: now },
        lastUpdateAt: now,
        timeline: [entry],
      })
    ).toObject() as Incident;
    if (requestKey) {
      // The same request raced us and won: its incident stands, ours goes.
      const winner = await claimRequestKey(this.requestKeys, requestKey, shortId, now, () =>
        this.incidents.deleteOne({ _id: shortId }),
      );
      if (winner) return { incident: await this.get(winner), repeated: true };
    }
    await this.record(actor, 'incident.declare', shortId, null, { state: 'reported', severity: input.severity });
    await this.announce(incident, entry);
    return { incident, repeated: false };
  }

  async get(shortId: string): Promise<Incident> {
    const found = await this.incidents.findById(normalizeId(shortId)).lean<Incident>();
    if (!found) throw new UserError('incident.errors.not_found', { id: shortId.slice(0, 20) });
    return found;
  }

  async list(scope: 'open' | 'all', limit = 20): Promise<Incident[]> {
    const filter = scope === 'open' ? { state: { $in: OPEN_STATES } } : {};
    return this.incidents.find(filter).sort({ lastUpdateAt: -1 }).limit(limit).lean<Incident[]>();
  }

  async acknowledge(target: Target, actor: Actor, seen?: number): Promise<Incident> {
    const incident = await this.current(target, seen);
    return this.transition(incident, ['reported'], 'acknowledged', actor, {
      acknowledgedBy: actor.key,
      ...(incident.assignee ? {} : { assignee: actor.key }),
    });
  }

  /** The next step of the plan; `verifying` is left by resolving, with what fixed it. */
  async advance(target: Target, actor: Actor, seen?: number): Promise<Incident> {
    const incident = await this.current(target, seen);
    const next = NEXT_STEP[incident.state];
    if (!next) throw new UserError('incident.errors.no_next_step', { id: incident.shortId, state: incident.state });
    const extra =
      next === 'acknowledged' ? { acknowledgedBy: actor.key, assignee: incident.assignee ?? actor.key } : {};
    return this.transition(incident, [incident.state], next, actor, extra);
  }

  async resolve(target: Target, fix: string, actor: Actor, seen?: number): Promise<Incident> {
    const incident = await this.current(target, seen);
    return this.transition(incident, RESOLVABLE, 'resolved', actor, { resolution: fix }, fix);
  }

  async summarize(
    target: Target,
    summary: { cause: string; fix: string; lesson: string },
    actor: Actor,
    seen?: number,
  ) {
    const incident = await this.current(target, seen);
    if (incident.state !== 'resolved') {
      throw new UserError('incident.errors.summary_needs_resolved', { id: incident.shortId });
    }
    const text = `${summary.cause}\n${summary.fix}\n${summary.lesson}`;
    return this.transition(incident, ['resolved'], 'closed', actor, { summary }, text, 'summary');
  }

  async assign(target: Target, assignee: string, actor: Actor, seen?: number): Promise<Incident> {
    const incident = await this.current(target, seen);
    if (!isOpen(incident.state)) throw new UserError('incident.errors.not_open', { id: incident.shortId });
    const entry = this.entry(actor, 'assigned', assignee);
    const updated = await this.incidents
      .findOneAndUpdate(
        { _id: incident._id, state: { $in: OPEN_STATES }, assignee: { $ne: assignee }, ...versionIs(seen) },
        { $set: { assignee, lastUpdateAt: entry.at }, $push: { timeline: entry }, $inc: { cardVersion: 1 } },
        { returnDocument: 'after' },
      )
      .lean<Incident>();
    if (!updated && seen !== undefined) throw await this.conflict(incident._id);
    if (!updated) throw new UserError('incident.errors.already_assigned', { id: incident.shortId, assignee });
    await this.record(
      actor,
      'incident.assign',
      incident.shortId,
      { assignee: incident.assignee ?? null },
      { assignee },
    );
    await this.announce(updated, entry);
    return updated;
  }

  async addUpdate(target: Target, text: string, actor: Actor): Promise<Incident> {
    return this.note(target, 'update', text, actor);
  }

  /** A line in the incident's thread that changes no state: an update, an escalation, a reminder. */
  async note(
    target: Target,
    kind: NoteKind,
    text: string,
    actor: Actor,
    page?: Page,
    seen?: number,
  ): Promise<Incident> {
    const incident = await this.current(target, seen);
    if (incident.state === 'closed') throw new UserError('incident.errors.closed', { id: incident.shortId });
    const entry: TimelineEntry = {
      ...this.entry(actor, kind, text),
      ...(page?.to.length ? { notify: [...page.to] } : {}),
      ...(page ? { pagedRoles: [...page.roles] } : {}),
      ...(page?.level ? { level: page.level } : {}),
    };
    // An escalation shows on the card (its count), so it is a new card version; a thread line is not.
    const inc = kind === 'escalated' ? { $inc: { escalations: 1, cardVersion: 1 } } : {};
    const touch = kind === 'update' ? { lastUpdateAt: entry.at } : {};
    const updated = await this.incidents
      .findOneAndUpdate(
        { _id: incident._id, state: { $ne: 'closed' }, ...versionIs(seen) },
        { $set: touch, $push: { timeline: entry }, ...inc },
        { returnDocument: 'after' },
      )
      .lean<Incident>();
    if (!updated && seen !== undefined) throw await this.conflict(incident._id);
    if (!updated) throw new UserError('incident.errors.closed', { id: incident.shortId });
    await this.record(actor, `incident.${kind}`, incident.shortId, null, null, text);
    await this.announce(updated, entry);
    return updated;
  }

  /** Handlers have usually just read the incident to check the role; the transition is conditional anyway. */
  private resolveTarget(target: Target): Promise<Incident> {
    return typeof target === 'string' ? this.get(target) : Promise.resolve(target);
  }

  /**
   * The alerts of the group it was opened from (`group`, `ALG-3`) all resolved, or fire again: said in
   * its thread and shown on its card (which then offers to resolve it). Nothing for a closed incident
   * or when that is already what the card says.
   */
  async alertsChanged(id: string, group: string, state: 'firing' | 'resolved'): Promise<Incident | null> {
    const kind = state === 'resolved' ? 'alerts_resolved' : 'alerts_firing';
    const entry: TimelineEntry = { ...this.entry(SYSTEM_ACTOR, kind, group) };
    const updated = await this.incidents
      .findOneAndUpdate(
        { _id: normalizeId(id), state: { $ne: 'closed' }, $nor: [{ 'alerts.group': group, 'alerts.state': state }] },
        { $set: { alerts: { group, state, at: entry.at } }, $push: { timeline: entry }, $inc: { cardVersion: 1 } },
        { returnDocument: 'after' },
      )
      .lean<Incident>();
    if (!updated) return null;
    await this.record(SYSTEM_ACTOR, `incident.${kind}`, updated.shortId, null, { alerts: state }, group);
    await this.announce(updated, entry);
    return updated;
  }

  /**
   * Throws `incident.errors.conflict` (who changed it, what, and its step now) when the card version a
   * button carried (`seen`) is no longer the incident's; a click without a version passes.
   */
  async ensureSeen(incident: Incident, seen: number | undefined): Promise<void> {
    if (seen !== undefined && (incident.cardVersion ?? 0) !== seen) throw await this.conflict(incident._id);
  }

  /**
   * The incident to act on. With `seen` (the card version a button carried), a card that is no
   * longer current is refused at once with what happened since, and the update itself is
   * conditional on that version too (two clicks at once: one wins).
   */
  private async current(target: Target, seen: number | undefined): Promise<Incident> {
    const incident = await this.resolveTarget(target);
    await this.ensureSeen(incident, seen);
    return seen === undefined ? incident : ({ ...incident, seenVersion: seen } as Seen);
  }

  private async transition(
    incident: Incident,
    from: readonly IncidentState[],
    to: IncidentState,
    actor: Actor,
    extra: Record<string, unknown> = {},
    text?: string,
    kind: TimelineEntry['kind'] = 'state',
  ): Promise<Incident> {
    const entry: TimelineEntry = { ...this.entry(actor, kind, text), from: incident.state, to };
    const seen = (incident as Seen).seenVersion;
    const updated = await this.incidents
      .findOneAndUpdate(
        { _id: incident._id, state: { $in: from }, ...versionIs(seen) },
        {
          $set: { ...extra, state: to, [`stateAt.${to}`]: entry.at, lastUpdateAt: entry.at },
          $push: { timeline: entry },
          $inc: { cardVersion: 1 },
        },
        { returnDocument: 'after' },
      )
      .lean<Incident>();
    if (!updated) throw await this.conflict(incident._id);
    await this.record(actor, `incident.${to}`, incident.shortId, { state: incident.state }, { state: to }, text);
    await this.announce(updated, entry);
    return updated;
  }

  /** Someone else changed it first (or the card clicked was stale): say who, what, and where it is now. */
  private async conflict(id: string): Promise<UserError> {
    const now = await this.incidents.findById(id).lean<Incident>();
    const last = [...(now?.timeline ?? [])]
      .reverse()
      .find((e) => ['state', 'summary', 'assigned', 'escalated'].includes(e.kind));
    return new UserError('incident.errors.conflict', {
      id,
      state: now?.state ?? 'reported',
      by: last?.actor ?? '—',
      what: last?.kind ?? 'state',
    });
  }

  private entry(actor: Actor, kind: TimelineEntry['kind'], text?: string): TimelineEntry {
    return { at: this.clock.now(), actor: actor.key, kind, ...(text ? { text } : {}) };
  }

  private record(actor: Actor, action: DoneAction, id: string, before: unknown, after: unknown, reason?: string) {
    return this.audit.record({
      actor: actor.key,
      action,
      objectType: 'incident',
      objectId: id,
      before,
      after,
      ...(reason ? { reason: truncate(reason, 2000) } : {}),
      outcome: 'done',
      via: actor.via,
    });
  }

  private async announce(incident: Incident, entry: TimelineEntry): Promise<void> {
    for (const observer of this.observers) await observer.changed(incident, entry);
  }
}

/** Zhiban itself, as the author of what its jobs and links record. */
const SYSTEM_ACTOR: Actor = { key: SYSTEM_ACTOR_KEY, via: 'job' };

/** The thread lines that change no state, each recorded as `incident.<kind>`. */
export type NoteKind = Extract<TimelineEntry['kind'], 'update' | 'escalated' | 'renotified' | 'reminded' | 'paged'>;

/** Who a timeline line pages: the people found (`to`, user keys) for the roles it meant (`roles`). */
export interface Page {
  to: readonly string[];
  roles: readonly string[];
  /** A duty roster's step: whom it paged (the thread line says it in the reader's words). */
  level?: 'primary' | 'secondary' | 'pm';
}

/** An incident read for a click, with the card version that click saw. */
type Seen = Incident & { seenVersion?: number };

/** The filter that makes an update happen only on the card version a click saw (any, without one). */
function versionIs(seen: number | undefined): Record<string, unknown> {
  if (seen === undefined) return {};
  // Incidents stored before versions existed have none: that is version 0.
  return seen === 0 ? { cardVersion: { $in: [0, null] } } : { cardVersion: seen };
}

/** `inc-12`, `INC-12` and `12` all name INC-12. */
export function normalizeId(raw: string): string {
  const match = /^(?:inc-?)?(\d{1,9})$/i.exec(raw.trim());
  return match ? `INC-${Number(match[1])}` : raw.trim().slice(0, 20);
}
