// The digest card of a storm in the alerts channel: how many alerts in how many groups in the last
// minute, the worst groups first (severity, then how many alerts), and the short id of every other
// group, so each group is named somewhere while its own card waits its turn.
import type { CardField, Message } from '../../../chat/card.js';
import type { Clock } from '../../../kernel/clock.js';
import type { Translate } from '../../../kernel/i18n.js';
import { ALERT_SEVERITIES, type AlertModel } from '../../../../models/alerts/alert.js';
import type { AlertGroup, AlertGroupModel } from '../../../../models/alerts/alert-group.js';
import { alertGroupTitle } from './group.js';
import { formatTime } from '../../../chat/time.js';

const WINDOW_MS = 60_000;
export const WORST_SHOWN = 10;
/** The other groups by id only: a hundred ids fit a Discord field (1024 characters). */
export const IDS_SHOWN = 100;

export interface AlertDigestDeps {
  alerts: AlertModel;
  groups: AlertGroupModel;
  t: Translate;
  clock: Clock;
  timezone: string;
}

type Listed = Pick<AlertGroup, '_id' | 'name' | 'system' | 'severity' | 'firing'> & { shortId: string };
type Ranked = Listed & { recent: number };
/** The title reads only the fields Listed has. */
type Titled = Parameters<typeof alertGroupTitle>[1];

export class AlertDigest {
  constructor(private readonly deps: AlertDigestDeps) {}

  /** The DigestSource of the alerts channel: `heldSubjects` are `alert-group:ALG-n[:episode]`. */
  async render(heldSubjects: readonly string[], since: Date): Promise<Message> {
    const { t, timezone } = this.deps;
    const from = new Date(this.deps.clock.now().getTime() - WINDOW_MS);
    const recent = await this.deps.alerts.aggregate<{ _id: string; count: number }>([
      { $match: { lastSeenAt: { $gte: from } } },
      { $group: { _id: '$groupKey', count: { $sum: 1 } } },
    ]);
    const alerts = recent.reduce((sum, group) => sum + group.count, 0);
    const ranked = await this.ranked(recent, heldIds(heldSubjects));
    const worst = ranked.slice(0, WORST_SHOWN);
    const others = ranked.slice(WORST_SHOWN).map((group) => group.shortId);
    const title = alerts > 0 ? t('storm.alerts.title', { alerts, groups: recent.length }) : t('storm.alerts.quiet');
    const lines = worst.map(
      (g) => `• ${alertGroupTitle(t, g as unknown as Titled)} — ${t('storm.alerts.count', { count: g.recent })}`,
    );
    return {
      text: title,
      cards: [
        {
          title,
          ...(lines.length > 0 ? { text: [t('storm.alerts.worst'), ...lines].join('\n') } : {}),
          tone: worst[0]?.severity ?? 'major',
          fields: [
            { label: t('storm.field.since'), value: formatTime(since, timezone), short: true },
            { label: t('storm.field.waiting'), value: String(heldSubjects.length), short: true },
            ...othersField(t, others),
          ],
          footer: t('storm.alerts.footer'),
        },
      ],
    };
  }

  /** Groups seen in the last minute or waiting for their card, worst first. */
  private async ranked(recent: ReadonlyArray<{ _id: string; count: number }>, held: string[]): Promise<Ranked[]> {
    const counts = new Map(recent.map((group) => [group._id, group.count]));
    const found = await this.deps.groups
      .find(
        { $or: [{ _id: { $in: [...counts.keys()] } }, { shortId: { $in: held } }], shortId: { $exists: true } },
        { shortId: 1, name: 1, system: 1, severity: 1, firing: 1 },
      )
      .lean<Listed[]>();
    const rank = (group: Listed) => ALERT_SEVERITIES.indexOf(group.severity);
    return found
      .map((group) => ({ ...group, recent: counts.get(group._id) ?? 0 }))
      .sort(
        (a, b) =>
          rank(a) - rank(b) ||
          b.recent - a.recent ||
          b.firing - a.firing ||
          a.shortId.localeCompare(b.shortId, 'en', { numeric: true }),
      );
  }
}

function othersField(t: Translate, ids: readonly string[]): CardField[] {
  if (ids.length === 0) return [];
  const more = ids.length - IDS_SHOWN;
  const listed = ids.slice(0, IDS_SHOWN).join(', ');
  return [
    {
      label: t('storm.alerts.others'),
      value: more > 0 ? `${listed} ${t('storm.alerts.more', { count: more })}` : listed,
    },
  ];
}

/** `alert-group:ALG-40:2` → `ALG-40`. */
function heldIds(subjects: readonly string[]): string[] {
  const ids = subjects.flatMap((subject) => /^alert-group:([^:]+)/.exec(subject)?.[1] ?? []);
  return [...new Set(ids)];
}
