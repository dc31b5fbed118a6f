// Listens to the alert intake: each stored batch makes the groups it needs (ALG-n) and marks its
// groups as changed. It runs before the webhook's 202, so it is one bulk write per batch, one
// operation per group, reading nothing; timers, silences, new episodes and cards are the flush's.
import type { AnyBulkWriteOperation, Collection } from 'mongodb';
import type { Alert, AlertModel } from '../../../../models/alerts/alert.js';
import type { AlertGroup, AlertGroupModel } from '../../../../models/alerts/alert-group.js';
import type { CounterModel } from '../../../../models/core/counter.js';
import type { Clock } from '../../../kernel/clock.js';
import { groupKeyOf } from './group-key.js';
import { numberNewGroups } from './group-ids.js';
import type { GroupTimers } from './timers.js';

/** What the grouping needs of a stored alert (the intake's NormalizedAlert has all of it). */
export type GroupedAlert = Pick<
  Alert,
  '_id' | 'name' | 'status' | 'severity' | 'layer' | 'labels' | 'groupKey' | 'channel'
>;

export interface AlertGroupingDeps {
  alerts: AlertModel;
  groups: AlertGroupModel;
  counters: CounterModel;
  clock: Clock;
  timers: GroupTimers;
}

export class AlertGrouping {
  constructor(private readonly deps: AlertGroupingDeps) {}

  /** The intake's listener: `intake.listen(grouping)`. */
  async stored(alerts: readonly GroupedAlert[]): Promise<void> {
    if (alerts.length === 0) return;
    const now = this.deps.clock.now();
    const firstOf = new Map<string, GroupedAlert>();
    for (const alert of alerts) if (!firstOf.has(alert.groupKey)) firstOf.set(alert.groupKey, alert);
    const ops = [...firstOf.values()].map((alert) => this.upsert(alert, now));
    const written = await this.collection().bulkWrite(ops, { ordered: false });
    // Only the batch that made a group numbers it, so racing batches leave no gaps in ALG-n.
    const made = Object.values(written.upsertedIds).map(String);
    await numberNewGroups(this.deps.groups, this.deps.counters, made);
  }

  /**
   * Something other than the intake changed what groups should say (a silence ended): they are
   * flushed as soon as their timers allow.
   */
  async touch(keys: readonly string[]): Promise<void> {
    if (keys.length === 0) return;
    await this.deps.groups.updateMany({ _id: { $in: [...keys] } }, { $set: { pending: true }, $inc: { revision: 1 } });
  }

  /**
   * The safety net for a batch whose listener call failed (the intake stores first and goes on):
   * groups whose alerts differ from what their card says are made, or marked changed, again.
   */
  async reconcile(): Promise<number> {
    const keys = await this.deps.alerts.distinct('groupKey', {
      $or: [
        { status: 'firing', silencedBy: null, announced: { $ne: 'firing' } },
        { status: 'resolved', announced: 'firing' },
      ],
    });
    if (keys.length === 0) return 0;
    const known = await this.deps.groups.find({ _id: { $in: keys } }, { _id: 1 }).lean<AlertGroup[]>();
    const knownKeys = new Set(known.map((g) => g._id));
    for (const key of keys.filter((k) => !knownKeys.has(k))) {
      const alert = await this.deps.alerts.findOne({ groupKey: key }).sort({ status: 1 }).lean<GroupedAlert>();
      if (alert) await this.stored([alert]);
    }
    // A group already waiting for its flush needs nothing more; bumping its revision would refuse
    // the commit of a flush running now and keep a finished episode open one more group_interval.
    await this.deps.groups.updateMany(
      { _id: { $in: [...knownKeys] }, pending: { $ne: true } },
      { $set: { pending: true }, $inc: { revision: 1 } },
    );
    return keys.length;
  }

  private upsert(alert: GroupedAlert, now: Date): AnyBulkWriteOperation<AlertGroup> {
    const { labels } = groupKeyOf(alert.labels, alert.severity);
    const system = alert.labels.system ?? alert.labels.service;
    return {
      updateOne: {
        filter: { _id: alert.groupKey },
        update: {
          $setOnInsert: {
            labels,
            name: alert.labels.alertname ?? alert.name,
            severity: alert.severity,
            layer: alert.layer,
            ...(system ? { system } : {}),
            ...(alert.channel ? { channel: alert.channel } : {}),
            state: 'firing',
            episode: 1,
            firing: 0,
            resolved: 0,
            silenced: 0,
            firstSeenAt: now,
            earliestFlushAt: new Date(now.getTime() + this.deps.timers.groupWaitMs),
            samples: [],
          },
          $set: { pending: true },
          $max: { lastSeenAt: now },
          $inc: { revision: 1 },
        },
        upsert: true,
      },
    };
  }

  // The driver's own bulkWrite: mongoose would add its defaults to $setOnInsert and collide with $inc.
  private collection(): Collection<AlertGroup> {
    return this.deps.groups.collection as unknown as Collection<AlertGroup>;
  }
}

/** A resolved group fires again: a fresh card after group_wait, nobody on it yet. */
export function newEpisode(key: string, now: Date, timers: GroupTimers): AnyBulkWriteOperation<AlertGroup> {
  return {
    updateOne: {
      filter: { _id: key, state: 'resolved' },
      update: {
        $set: {
          state: 'firing',
          firstSeenAt: now,
          firing: 0,
          resolved: 0,
          silenced: 0,
          samples: [],
          pending: true,
          earliestFlushAt: new Date(now.getTime() + timers.groupWaitMs),
          nextFlushAt: null,
          lastFlushAt: null,
          lastNotifiedAt: null,
          lastNotifiedHash: null,
          ackedBy: null,
          ackedAt: null,
          incidentId: null,
          incidentClaimAt: null,
        },
        $inc: { episode: 1 },
      },
    },
  };
}
