// The incident lifecycle as data: which step follows which, and which steps are still open.
import type { IncidentState } from '../../../../models/incidents/incident.js';

/** `advance` walks the plan: confirm the symptom → analyse → plan and carry out → verify. */
export const NEXT_STEP: Partial<Record<IncidentState, IncidentState>> = {
  reported: 'acknowledged',
  acknowledged: 'investigating',
  investigating: 'mitigating',
  mitigating: 'verifying',
};

export const RESOLVABLE: readonly IncidentState[] = [
  'reported',
  'acknowledged',
  'investigating',
  'mitigating',
  'verifying',
];

export function isOpen(state: IncidentState): boolean {
  return state !== 'resolved' && state !== 'closed';
}
