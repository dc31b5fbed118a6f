// The seam through which a later domain says who is paged at each step of an incident's
// escalation (issue 17: the duty roster). Incidents are built before duty and never import it:
// duty registers its pager with `IncidentService.pageWith` at build time. Without a pager, or
// when it answers undefined (no roster for the incident's team), escalation pages the roles as
// before.
import type { Incident } from '../../../../models/incidents/incident.js';

/** One step's page: who, for which roles, and whether the chain ends with it. */
export interface EscalationStep {
  /** Identity keys to mention; empty when the roster has nobody on duty (said loudly). */
  to: string[];
  /** The roles this step stands for (the team; `pm` at the end). */
  roles: string[];
  /** `primary`, `secondary` or `pm`: which words the thread line uses. */
  level: 'primary' | 'secondary' | 'pm';
  /** This step was paged before (a job run again): nothing is said twice. */
  repeated: boolean;
  /** No step follows (project management was paged). */
  last: boolean;
}

/** Registered by a later domain with `IncidentService.pageWith`. */
export interface EscalationPager {
  /**
   * Who to page at `step` for `incident`: 0 when it is declared, n after n of its severity's
   * delays (INCIDENT_ESCALATION). Undefined leaves the step to the roles. Each step is stored by
   * the pager before it answers, so a step asked twice answers `repeated`.
   */
  page(incident: Incident, step: number): Promise<EscalationStep | undefined>;
}
