// Puts the incident area together: the service, its announcer and escalation jobs, the MTTA/MTTR
// gauges and the `/incident` handlers. Agenda jobs are defined here, before the scheduler starts.
import type { Agenda } from 'agenda';
import type { Logger } from 'pino';
import { authorize } from '../../access/authorization.js';
import { registerIncident } from '../../../handlers/incidents/register.js';
import { DEFAULT_POLICY, IncidentEscalation } from '../../../jobs/incidents/escalation.js';
import type { Severity } from '../../../models/incidents/incident.js';
import type { Models } from '../../../models/index.js';
import { requireUserRef } from '../../chat/preconditions.js';
import type { Router } from '../../chat/router.js';
import type { Clock } from '../../kernel/clock.js';
import type { Config } from '../../config/index.js';
import type { Translate } from '../../kernel/i18n.js';
import type { Notifier } from '../../notify/notifier.js';
import { registerIncidentGauges, WINDOW_MS } from './metrics.js';
import type { Metrics } from '../../observability/metrics.js';
import { IncidentAnnouncer } from './announcer.js';
import type { AuditTrail } from '../ops/rules/audit-trail.js';
import { IncidentService } from './rules/incident-service.js';
import { incidentStats } from './rules/stats.js';
import type { RoleAssignments } from '../ops/rules/role-assignments.js';

export interface IncidentAreaDeps {
  config: Config;
  models: Models;
  agenda: Agenda;
  notifier: Notifier;
  audit: AuditTrail;
  roles: RoleAssignments;
  metrics: Metrics;
  /** The team's language: channel cards and thread lines are read by everyone. */
  teamT: Translate;
  clock: Clock;
  logger: Logger;
}

export function composeIncidents(deps: IncidentAreaDeps) {
  const { config, models, teamT, clock } = deps;
  const incidents = new IncidentService(models.Incident, models.Counter, models.RequestKey, deps.audit, clock);
  incidents.observe(new IncidentAnnouncer(deps.notifier, teamT, clock, config.timezone));
  const escalation = new IncidentEscalation(
    deps.agenda,
    incidents,
    { ...DEFAULT_POLICY, unackedAfterMs: config.incidents.unackedAfterMs, staleAfterMs: config.incidents.staleAfterMs },
    {
      unacked: (i, attempt) => teamT('incident.reminder_unacked', { id: i.shortId, attempt }),
      stale: (i) =>
        teamT('incident.reminder_stale', {
          id: i.shortId,
          minutes: Math.round(config.incidents.staleAfterMs / 60_000),
        }),
      escalated: () => teamT('incident.escalation_text', { roles: teamT('roles.pm') }),
    },
    (needed) => deps.roles.onDuty(needed),
    clock,
    deps.logger,
  );
  escalation.define();
  incidents.observe(escalation);
  registerIncidentGauges(deps.metrics.registry, (severity) =>
    incidentStats(models.Incident, new Date(clock.now().getTime() - WINDOW_MS), severity as Severity),
  );

  const register = (router: Router) =>
    registerIncident(router, {
      incidents,
      incidentModel: models.Incident,
      authorize: (ctx, action, incident) =>
        authorize(ctx, deps.audit, `incident.${action}`, {
          objectType: 'incident',
          objectId: incident.shortId,
          category: incident.category,
          assignee: incident.assignee,
        }),
      resolveUser: (ctx, typed) => requireUserRef(ctx, typed, 'incident'),
      escalate: (incident, by) => escalation.escalate(incident, by),
      clock,
      timezone: config.timezone,
    });
  return { incidents, register };
}
