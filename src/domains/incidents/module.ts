// The incidents domain (issue 3): the lifecycle service, its announcer in the incidents channel,
// escalation and reminder jobs, the MTTA/MTTR gauges, and `/incident` with its buttons and forms.
import { registerIncident } from '../../../handlers/incidents/register.js';
import { DEFAULT_POLICY, IncidentEscalation } from '../../../jobs/incidents/escalation.js';
import { bindIncidentModels } from '../../../models/incidents/index.js';
import type { Severity } from '../../../models/incidents/incident.js';
import { requireUserRef } from '../../chat/preconditions.js';
import type { DomainModule } from '../module.js';
import { IncidentAnnouncer } from './announcer.js';
import { INCIDENT_CONFIG } from './config.js';
import { registerIncidentGauges, WINDOW_MS } from './metrics.js';
import { INCIDENT_PERMISSIONS } from './permissions.js';
import { IncidentService } from './rules/incident-service.js';
import { incidentStats } from './rules/stats.js';
import { incidentReportSection } from './report.js';

declare module '../module.js' {
  interface DomainServices {
    incidents: IncidentService;
  }
}

export const incidents: DomainModule = {
  name: 'incidents',
  commands: { incident: ['declare', 'list', 'show', 'update', 'assign', 'resolve', 'summary'] },
  permissions: INCIDENT_PERMISSIONS,
  config: INCIDENT_CONFIG,
  models: bindIncidentModels,
  build({ config, models, agenda, notifier, metrics, teamT, clock, logger, services }) {
    const { audit, roles } = services.ops;
    const incidents = new IncidentService(models.Incident, models.Counter, models.RequestKey, audit, clock);
    incidents.observe(new IncidentAnnouncer(notifier, clock, config.timezone));
    const escalation = new IncidentEscalation(
      agenda,
      incidents,
      {
        ...DEFAULT_POLICY,
        unackedAfterMs: config.incidents.unackedAfterMs,
        staleAfterMs: config.incidents.staleAfterMs,
      },
      {
        unacked: (i, attempt) => teamT('incident.reminder_unacked', { id: i.shortId, attempt }),
        stale: (i) =>
          teamT('incident.reminder_stale', {
            id: i.shortId,
            minutes: Math.round(config.incidents.staleAfterMs / 60_000),
          }),
        escalated: () => teamT('incident.escalation_text', { roles: teamT('roles.pm') }),
        escalatedToNobody: () => teamT('incident.escalation_nobody', { roles: teamT('roles.pm') }),
        paged: (_incident, step) => teamT('incident.paged_text', { level: teamT(`incident.page_level.${step.level}`) }),
      },
      (needed) => roles.onDuty(needed),
      clock,
      logger,
    );
    escalation.define();
    incidents.observe(escalation);
    registerIncidentGauges(metrics.registry, (severity) =>
      incidentStats(models.Incident, new Date(clock.now().getTime() - WINDOW_MS), severity as Severity),
    );
    return {
      reportSections: [incidentReportSection(models.Incident)],
      provides: { incidents },
      register: (router) =>
        registerIncident(router, {
          incidents,
          incidentModel: models.Incident,
          resolveUser: (ctx, typed) => requireUserRef(ctx, typed, 'incident'),
          escalate: (incident, by, seen) => escalation.escalate(incident, by, seen),
          clock,
          timezone: config.timezone,
        }),
    };
  },
};
