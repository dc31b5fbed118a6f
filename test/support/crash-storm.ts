// An alert storm to a Zhiban that is killed halfway, and the count of what it kept: shared by the
// crash test (a few hundred alerts) and `npm run chaos` (thousands).
import { MongoClient } from 'mongodb';
import { WEBHOOK_TOKEN } from './harness.js';

export interface StormPlan {
  /** Alerts in all, each its own fingerprint `<prefix>-<n>`. */
  total: number;
  batch: number;
  inFlight: number;
  /** Alerts are spread over this many groups (by name and system). */
  groups: number;
  prefix: string;
  /** Called once, as soon as this many alerts have been answered 202; no batch is sent after it. */
  killAt?: { accepted: number; kill: () => void };
}

export interface StormResult {
  /** Alerts whose request went out. */
  sent: number;
  /** Fingerprints of the alerts answered 202. */
  accepted: Set<string>;
  /** Alerts answered with anything else (a 503 while the database stalls). */
  refused: number;
  /** Alerts whose request got no answer (the process died under it). */
  unanswered: number;
}

/** A generic alert (README, "Sending alerts") of group `n % groups`. */
export function stormAlert(plan: Pick<StormPlan, 'prefix' | 'groups'>, n: number) {
  const group = n % plan.groups;
  return {
    source: 'chaos',
    name: `ChaosAlert${group}`,
    status: 'firing',
    severity: (['critical', 'major', 'minor', 'info'] as const)[group % 4],
    summary: `chaos alert ${n}`,
    labels: { system: `sys-${group}`, instance: `node-${n}` },
    fingerprint: `${plan.prefix}-${n}`,
  };
}

/** Sends the storm, `inFlight` batches at a time, until done or killed. */
export async function sendStorm(url: string, plan: StormPlan): Promise<StormResult> {
  const result: StormResult = { sent: 0, accepted: new Set(), refused: 0, unanswered: 0 };
  let next = 0;
  let killed = false;
  const worker = async () => {
    while (!killed && next < plan.total) {
      const first = next;
      next = Math.min(plan.total, next + plan.batch);
      const alerts = Array.from({ length: next - first }, (_, k) => stormAlert(plan, first + k));
      result.sent += alerts.length;
      let status: number;
      try {
        const res = await fetch(`${url}/webhooks/alerts`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${WEBHOOK_TOKEN}` },
          body: JSON.stringify(alerts),
        });
        await res.arrayBuffer();
        status = res.status;
      } catch {
        result.unanswered += alerts.length;
        continue;
      }
      if (status !== 202) {
        result.refused += alerts.length;
        continue;
      }
      for (const alert of alerts) result.accepted.add(alert.fingerprint);
      if (plan.killAt && !killed && result.accepted.size >= plan.killAt.accepted) {
        killed = true;
        plan.killAt.kill();
      }
    }
  };
  await Promise.all(Array.from({ length: plan.inFlight }, worker));
  return result;
}

export interface StoredCount {
  /** Of the accepted fingerprints, those stored. */
  stored: number;
  /** Accepted but not stored: must be none. */
  lost: string[];
  /** Groups an accepted alert belongs to that are not stored: must be none. */
  groupsLost: string[];
  /** Alerts of the storm stored in all (accepted, plus any whose answer was lost with the process). */
  storedInAll: number;
}

/** Counts what of `accepted` is in the database at `uri`: every alert, and the group of each. */
export async function countStored(uri: string, accepted: Set<string>, prefix: string): Promise<StoredCount> {
  const client = await MongoClient.connect(uri, { serverSelectionTimeoutMS: 10_000 });
  try {
    const db = client.db();
    const ids = [...accepted];
    const alerts = await db
      .collection<{ _id: string; groupKey: string }>('alerts')
      .find({ _id: { $in: ids } }, { projection: { groupKey: 1 } })
      .toArray();
    const found = new Set(alerts.map((a) => a._id));
    const keys = [...new Set(alerts.map((a) => a.groupKey))];
    const groups = await db
      .collection<{ _id: string }>('alert_groups')
      .find({ _id: { $in: keys } }, { projection: { _id: 1 } })
      .toArray();
    const groupIds = new Set(groups.map((g) => g._id));
    const storedInAll = await db
      .collection<{ _id: string }>('alerts')
      .countDocuments({ _id: { $regex: `^${prefix}-` } });
    return {
      stored: found.size,
      lost: ids.filter((id) => !found.has(id)),
      groupsLost: keys.filter((key) => !groupIds.has(key)),
      storedInAll,
    };
  } finally {
    await client.close();
  }
}
