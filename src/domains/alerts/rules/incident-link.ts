// Keeps an incident opened from an alert group told of its alerts (issue 10, part 3): when every
// alert of the episode resolves, the incident's thread says so and its card offers to resolve it;
// when the group fires again later, the incident it led to hears that too.
import type { AlertGroup } from '../../../../models/alerts/alert-group.js';
import type { AlertGroupPresenter, GroupChanges, GroupNote } from './presenter.js';

/** The incidents domain's side of the link (IncidentService.alertsChanged). */
export interface LinkedIncidents {
  alertsChanged(incidentId: string, group: string, state: 'firing' | 'resolved'): Promise<unknown>;
}

/** Says everything through `presenter`, and tells the linked incident what its alerts did. */
export function withIncidentLink(presenter: AlertGroupPresenter, incidents: LinkedIncidents): AlertGroupPresenter {
  return {
    show: (group) => presenter.show(group),
    note: (group: AlertGroup, note: GroupNote) => presenter.note(group, note),
    async changes(group: AlertGroup, changes: GroupChanges) {
      await presenter.changes(group, changes);
      if (changes.allResolved && group.incidentId && group.shortId) {
        await incidents.alertsChanged(group.incidentId, group.shortId, 'resolved');
      }
    },
    async began(group: AlertGroup) {
      await presenter.began?.(group);
      // A new episode has no incident of its own yet: the last one it led to hears it fires again.
      if (group.episode > 1 && group.lastIncidentId && group.shortId) {
        await incidents.alertsChanged(group.lastIncidentId, group.shortId, 'firing');
      }
    },
  };
}
