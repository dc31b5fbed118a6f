// The handover's sources of open work from the domains built before duty: open incidents the team
// owns, firing alert groups, restores waiting for a decision or a hand. Read straight from their
// models with small limits: a handover lists, it never changes them.
import type { Models } from '../../../../models/index.js';
import { OPEN_STATES, type Category, type Incident } from '../../../../models/incidents/incident.js';
import type { DutyTeam } from '../../../../models/duty/roster.js';
import type { HandoverItemSource } from './item-source.js';

/** Lines listed per kind: a handover card stays readable. */
const LIMIT = 10;

/** The handover's sources from domains built before duty: incidents the team owns, firing alert groups, restores waiting. */
export function builtInSources(models: Models): HandoverItemSource[] {
  return [
    {
      kind: 'incidents',
      async list(team: DutyTeam) {
        const categories: Category[] =
          team === 'secops' ? ['security'] : team === 'sysops' ? ['routine', 'technical', 'special'] : [];
        if (categories.length === 0) return [];
        const open = await models.Incident.find({ state: { $in: OPEN_STATES }, category: { $in: categories } })
          .sort({ severity: 1, lastUpdateAt: -1 })
          .limit(LIMIT)
          .lean<Incident[]>();
        return open.map((i) => ({ id: i.shortId, text: `${i.shortId} ${i.severity} ${i.title} (${i.state})` }));
      },
    },
    {
      kind: 'alerts',
      async list() {
        const firing = await models.AlertGroup.find({ state: 'firing' }).sort({ severity: 1 }).limit(LIMIT).lean();
        return firing.map((g) => ({
          id: g.shortId ?? String(g._id),
          text: `${g.shortId ?? ''} ${g.severity} ${g.name}`.trim(),
        }));
      },
    },
    {
      kind: 'restores',
      async list() {
        const waiting = await models.RestoreRequest.find({ state: { $in: ['pending', 'approved', 'running'] } })
          .sort({ _id: 1 })
          .limit(LIMIT)
          .lean();
        return waiting.map((r) => ({ id: r._id, text: `${r._id} ${r.system} (${r.state})` }));
      },
    },
  ];
}
