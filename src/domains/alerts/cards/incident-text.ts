// The description of an incident opened from an alert group: which group (so the incident names
// its ALG id), what its labels are, and the first alerts as they were at that moment.
import { sinceOf } from './group.js';
import type { Translate } from '../../../kernel/i18n.js';
import type { AlertGroup } from '../../../../models/alerts/alert-group.js';
import { labelText } from './group.js';
import { formatTime } from '../../../chat/time.js';

export function alertIncidentDescription(t: Translate, group: AlertGroup, zone: string): string {
  const head = t('alert.incident_description', {
    id: group.shortId ?? group._id,
    labels: labelText(group.labels),
    firing: group.firing,
    since: formatTime(sinceOf(group), zone),
  });
  return [head, ...group.samples.map((line) => `• ${line}`)].join('\n');
}
