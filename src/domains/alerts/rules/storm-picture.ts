// What a storm in the alerts channel looks like right now: alerts seen in the last minute per group,
// and the groups seen then or waiting for their card, worst first (severity, then how many alerts,
// then how many fire). The digest card (cards/digest.ts) only draws it. A storm in another channel
// that alert groups are said in (the backup findings' `backups`) is pictured from its own groups.
import type { ChannelKind } from '../../../chat/commands.js';
import type { Clock } from '../../../kernel/clock.js';
import { ALERT_SEVERITIES, type AlertModel } from '../../../../models/alerts/alert.js';
import type { AlertGroup, AlertGroupModel } from '../../../../models/alerts/alert-group.js';

const WINDOW_MS = 60_000;

export type StormGroup = Pick<AlertGroup, '_id' | 'name' | 'system' | 'severity' | 'firing'> & {
  shortId: string;
  /** Alerts of the group seen in the last minute. */
  recent: number;
};

export interface StormPicture {
  /** Alerts seen in the last minute, and in how many groups. */
  alerts: number;
  groups: number;
  /** Worst first. */
  ranked: StormGroup[];
}

export interface StormPictureDeps {
  alerts: AlertModel;
  groups: AlertGroupModel;
  clock: Clock;
}

/**
 * Reads the picture of the channel of `kind`; `heldSubjects` are the outbox subjects
 * `alert-group:ALG-n[:episode]` waiting there.
 */
export async function stormPicture(
  deps: StormPictureDeps,
  heldSubjects: readonly string[],
  kind: ChannelKind = 'alerts',
): Promise<StormPicture> {
  const from = new Date(deps.clock.now().getTime() - WINDOW_MS);
  // Alerts and groups from before channels had a kind have none: they are the alerts channel's.
  const channel = kind === 'alerts' ? { $in: [null, 'alerts' as const] } : kind;
  const recent = await deps.alerts.aggregate<{ _id: string; count: number }>([
    { $match: { lastSeenAt: { $gte: from }, channel } },
    { $group: { _id: '$groupKey', count: { $sum: 1 } } },
  ]);
  const counts = new Map(recent.map((group) => [group._id, group.count]));
  const found = await deps.groups
    .find(
      {
        $or: [{ _id: { $in: [...counts.keys()] } }, { shortId: { $in: heldIds(heldSubjects) } }],
        shortId: { $exists: true },
        channel,
      },
      { shortId: 1, name: 1, system: 1, severity: 1, firing: 1 },
    )
    .lean<Array<Omit<StormGroup, 'recent'>>>();
  const rank = (group: Omit<StormGroup, 'recent'>) => ALERT_SEVERITIES.indexOf(group.severity);
  const ranked = found
    .map((group) => ({ ...group, recent: counts.get(group._id) ?? 0 }))
    .sort(
      (a, b) =>
        rank(a) - rank(b) ||
        b.recent - a.recent ||
        b.firing - a.firing ||
        a.shortId.localeCompare(b.shortId, 'en', { numeric: true }),
    );
  return { alerts: recent.reduce((sum, group) => sum + group.count, 0), groups: recent.length, ranked };
}

/** `alert-group:ALG-40:2` → `ALG-40`. */
function heldIds(subjects: readonly string[]): string[] {
  const ids = subjects.flatMap((subject) => /^alert-group:([^:]+)/.exec(subject)?.[1] ?? []);
  return [...new Set(ids)];
}
