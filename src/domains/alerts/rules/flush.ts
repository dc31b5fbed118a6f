// A flush: what a group's card and thread should say now, worked out from the stored alerts (the
// source of truth), said, and remembered. Any process may flush a due group; the claim is one
// conditional update on the due times, which also sets `nextFlushAt` one group_interval on, so a
// process that dies mid-flush leaves the group due again rather than forgotten.
import { createHash } from 'node:crypto';
import type { Collection } from 'mongodb';
import type { Logger } from 'pino';
import type { Alert, AlertModel } from '../../../../models/alerts/alert.js';
import type { AlertGroup, AlertGroupModel, GroupState } from '../../../../models/alerts/alert-group.js';
import type { CounterModel } from '../../../../models/core/counter.js';
import type { Clock } from '../../../kernel/clock.js';
import { ensureShortId } from './group-ids.js';
import { alertLine, type AlertGroupPresenter, type AlertLine } from './presenter.js';
import { newEpisode } from './grouping.js';
import { repeatDue, repeatFlushAt, type GroupTimers } from './timers.js';

/** Alerts named one by one in a thread line; the rest are counted ("+37 more"). */
export const LINES_SHOWN = 10;
export const SAMPLES_SHOWN = 5;
/** Groups flushed per sweep before giving the scheduler back its turn. */
const SWEEP_BATCH = 200;

export interface AlertFlushDeps {
  alerts: AlertModel;
  groups: AlertGroupModel;
  counters: CounterModel;
  /** Marks the group's firing alerts that a silence in force matches, before anything is counted or said. */
  silences: { markGroup(groupKey: string, now: Date): Promise<void> };
  presenter: AlertGroupPresenter;
  /** Which system is in a maintenance window now: its groups are marked and not repeated. */
  expected?: { during(system: string | undefined, at: Date): Promise<string | null> };
  clock: Clock;
  timers: GroupTimers;
  logger: Logger;
}

const LINE_FIELDS = { _id: 1, name: 1, summary: 1, labels: 1 } as const;

/** A group is due for its timer (a repeat, a retry), or for a change once group_wait / group_interval allow. */
const due = (now: Date) => ({
  $or: [{ nextFlushAt: { $lte: now } }, { pending: true, earliestFlushAt: { $lte: now } }],
});

interface Snapshot {
  firing: number;
  resolved: number;
  silenced: number;
  samples: string[];
  /** When the earliest firing alert started, as its sender says (receipt time when it said nothing). */
  startedAt: Date | null;
  /** Alerts the sender left out of its latest notification (Alertmanager's truncatedAlerts). */
  truncated: number;
  state: GroupState;
  /** The maintenance window the group's system is in now, or null. */
  maintenance: string | null;
  hash: string;
}

export class AlertFlush {
  constructor(private readonly deps: AlertFlushDeps) {}

  /** Flushes every group whose time has come; answers how many were flushed. */
  async flushDue(): Promise<number> {
    let flushed = 0;
    for (;;) {
      const now = this.deps.clock.now();
      const found = await this.deps.groups
        .find(due(now), { _id: 1 })
        .limit(SWEEP_BATCH)
        .lean<Array<Pick<AlertGroup, '_id'>>>();
      let progress = false;
      for (const { _id } of found) {
        try {
          if (await this.flush(_id)) flushed += 1;
          progress = true;
        } catch (error) {
          // One group's failure must not hold back the others; its claim keeps it due after an interval.
          this.deps.logger.error({ err: error, group: _id }, 'alert group flush failed');
        }
      }
      if (found.length < SWEEP_BATCH || !progress) return flushed;
    }
  }

  /** Claims and flushes one group if it is due; false when it is not (or another process took it). */
  async flush(key: string): Promise<boolean> {
    const { groups, clock, timers } = this.deps;
    const now = clock.now();
    const next = new Date(now.getTime() + timers.groupIntervalMs);
    const claimed = await groups
      .findOneAndUpdate(
        { _id: key, ...due(now) },
        { $set: { pending: false, earliestFlushAt: next, nextFlushAt: next, lastFlushAt: now } },
        { returnDocument: 'after' },
      )
      .lean<AlertGroup>();
    if (!claimed) return false;
    const group = await ensureShortId(groups, this.deps.counters, claimed);
    await this.deps.silences.markGroup(key, now);
    const snap = await this.snapshot(group);
    if (group.state === 'resolved') return this.reopen(group, snap.firing, now);
    const shown = Boolean(group.lastNotifiedAt);
    const active = snap.firing - snap.silenced;
    const ended = snap.firing === 0;
    let notifiedAt = group.lastNotifiedAt ?? null;
    let hash = group.lastNotifiedHash ?? null;
    const after = (): AlertGroup => ({ ...group, ...snap, lastNotifiedAt: notifiedAt, lastNotifiedHash: hash });

    if (!shown && active > 0) {
      // The first card of the episode names its first alerts itself; they need no thread line.
      const joined = await this.ids({ ...this.joinedFilter(key) });
      notifiedAt = now;
      hash = snap.hash;
      await this.deps.presenter.show(after());
      await this.deps.presenter.began?.(after());
      await this.mark(joined, 'firing');
    } else if (shown) {
      const joinedIds = await this.ids(this.joinedFilter(key));
      const resolvedIds = await this.ids({ groupKey: key, status: 'resolved', announced: 'firing' });
      const cardChanged = snap.hash !== group.lastNotifiedHash;
      // Expected during a maintenance window: the card says so, and it is not announced again (paged).
      const repeat = !ended && active > 0 && !snap.maintenance && repeatDue(group.lastNotifiedAt!, now, timers);
      if (cardChanged || repeat) {
        hash = snap.hash;
        if (repeat) notifiedAt = now;
        await this.deps.presenter.show(after());
      }
      if (joinedIds.length > 0 || resolvedIds.length > 0 || (ended && cardChanged)) {
        await this.deps.presenter.changes(after(), {
          joined: await this.lines(joinedIds),
          joinedCount: joinedIds.length,
          resolved: await this.lines(resolvedIds),
          resolvedCount: resolvedIds.length,
          allResolved: ended,
        });
      } else if (repeat) {
        await this.deps.presenter.note(after(), { kind: 'repeat' });
      }
      await this.mark(joinedIds, 'firing');
      await this.mark(resolvedIds, 'resolved');
    }
    // The sender's own words on what it left out, once per change, in the card's thread.
    if (notifiedAt && snap.truncated > 0 && snap.truncated !== (group.truncated ?? 0)) {
      await this.deps.presenter.note(after(), { kind: 'truncated', count: snap.truncated });
    }
    await this.commit(group, snap, { notifiedAt, hash, ended, active, now });
    return true;
  }

  /**
   * Brings the card up to date at once (after a silence, say) without thread lines or timers:
   * people acting on a card expect to see their act on it.
   */
  async refresh(key: string): Promise<void> {
    const group = await this.deps.groups.findById(key).lean<AlertGroup>();
    if (!group?.shortId) return;
    const snap = await this.snapshot(group);
    const fields = counted(snap);
    if (!group.lastNotifiedAt || snap.hash === group.lastNotifiedHash) {
      await this.deps.groups.updateOne({ _id: key }, { $set: fields });
      return;
    }
    await this.deps.groups.updateOne({ _id: key }, { $set: { ...fields, lastNotifiedHash: snap.hash } });
    await this.deps.presenter.show({ ...group, ...fields, lastNotifiedHash: snap.hash });
  }

  /**
   * A resolved group with firing alerts (they came while its last flush was ending the episode):
   * a new episode, shown after group_wait like any other.
   */
  private async reopen(group: AlertGroup, firing: number, now: Date): Promise<boolean> {
    const groups = this.deps.groups.collection as unknown as Collection<AlertGroup>;
    if (firing > 0) await groups.bulkWrite([newEpisode(group._id, now, this.deps.timers)]);
    else await this.deps.groups.updateOne({ _id: group._id, state: 'resolved' }, { $set: { nextFlushAt: null } });
    return true;
  }

  private async snapshot(group: AlertGroup): Promise<Snapshot> {
    const { alerts } = this.deps;
    const groupKey = group._id;
    const [firing, silenced, resolved, first, latest] = await Promise.all([
      alerts.countDocuments({ groupKey, status: 'firing' }),
      alerts.countDocuments({ groupKey, status: 'firing', silencedBy: { $ne: null } }),
      // Resolved in this episode: the alerts that resolved in earlier ones were last seen before it began.
      alerts.countDocuments({ groupKey, status: 'resolved', lastSeenAt: { $gte: group.firstSeenAt } }),
      alerts
        .find({ groupKey, status: 'firing' }, { ...LINE_FIELDS, startsAt: 1 })
        .sort({ startsAt: 1, _id: 1 })
        .limit(SAMPLES_SHOWN)
        .lean<Array<AlertLine & Pick<Alert, 'startsAt'>>>(),
      alerts
        .findOne({ groupKey, status: 'firing' }, { truncatedInBatch: 1 })
        .sort({ lastSeenAt: -1 })
        .lean<Pick<Alert, 'truncatedInBatch'>>(),
    ]);
    const samples = first.map((alert) => alertLine(alert, group.labels));
    const startedAt = first[0]?.startsAt ?? null;
    const truncated = firing > 0 ? (latest?.truncatedInBatch ?? 0) : 0;
    const state: GroupState = firing === 0 ? 'resolved' : 'firing';
    const maintenance = (await this.deps.expected?.during(group.system, this.deps.clock.now())) ?? null;
    const hash = createHash('sha256')
      .update(JSON.stringify([state, firing, resolved, silenced, truncated, samples, maintenance]))
      .digest('hex')
      .slice(0, 16);
    return { firing, resolved, silenced, samples, startedAt, truncated, state, maintenance, hash };
  }

  private joinedFilter(groupKey: string) {
    return { groupKey, status: 'firing' as const, silencedBy: null, announced: { $ne: 'firing' as const } };
  }

  private async ids(filter: Record<string, unknown>): Promise<string[]> {
    const found = await this.deps.alerts.find(filter, { _id: 1 }).sort({ startsAt: 1, _id: 1 }).lean<Alert[]>();
    return found.map((a) => a._id);
  }

  private async lines(ids: readonly string[]): Promise<AlertLine[]> {
    if (ids.length === 0) return [];
    const shown = ids.slice(0, LINES_SHOWN);
    const found = await this.deps.alerts.find({ _id: { $in: shown } }, LINE_FIELDS).lean<AlertLine[]>();
    const byId = new Map(found.map((a) => [a._id, a]));
    return shown.flatMap((id) => (byId.has(id) ? [byId.get(id)!] : []));
  }

  /** What each alert was last said to be, so the next flush tells only what differs. */
  private async mark(ids: readonly string[], status: Alert['status']): Promise<void> {
    if (ids.length > 0) await this.deps.alerts.updateMany({ _id: { $in: ids } }, { $set: { announced: status } });
  }

  /**
   * Remembers what was said, and sets the repeat. Ending the episode needs the revision claimed:
   * a batch stored meanwhile keeps the group firing, and its change is flushed one interval on.
   */
  private async commit(
    group: AlertGroup,
    snap: Snapshot,
    said: { notifiedAt: Date | null; hash: string | null; ended: boolean; active: number; now: Date },
  ): Promise<void> {
    const fields = {
      ...counted(snap),
      lastNotifiedAt: said.notifiedAt,
      lastNotifiedHash: said.hash,
    };
    // While expected, it is looked at every group_interval, so the mark goes soon after the window.
    const nextFlushAt =
      said.ended || said.active === 0 || !said.notifiedAt
        ? null
        : snap.maintenance
          ? new Date(said.now.getTime() + this.deps.timers.groupIntervalMs)
          : repeatFlushAt(said.notifiedAt, said.now, this.deps.timers);
    const settled = await this.deps.groups.updateOne(
      { _id: group._id, revision: group.revision },
      { $set: { ...fields, nextFlushAt, ...(said.ended ? { state: 'resolved' } : {}) } },
    );
    if (settled.matchedCount === 0) await this.deps.groups.updateOne({ _id: group._id }, { $set: fields });
  }
}

/** What a group remembers of a snapshot: its counts, first alerts, start and what the sender left out. */
function counted(snap: Snapshot) {
  const { firing, resolved, silenced, samples, startedAt, truncated, maintenance } = snap;
  return { firing, resolved, silenced, samples, startedAt, truncated, maintenance };
}
