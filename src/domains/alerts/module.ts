// Puts the alert grouping together (issue 4, "Groups and cards"): silences, the grouping that
// listens to the intake, the flush, the announcer in the alerts channel, the jobs, and the service
// the `/alert` handlers call. app.ts calls it once and wires the pieces to the intake, the
// scheduler and the router.
import type { Agenda } from 'agenda';
import type { Logger } from 'pino';
import { AlertGroupJobs, sweepEveryMs } from '../../../jobs/alerts/sweeps.js';
import type { Models } from '../../../models/index.js';
import type { Clock } from '../../kernel/clock.js';
import type { Translate } from '../../kernel/i18n.js';
import type { Notifier } from '../../notify/notifier.js';
import { AlertGroupAnnouncer } from './announcer.js';
import { alertIncidentDescription } from './cards/incident-text.js';
import { AlertFlush } from './rules/flush.js';
import { AlertGroupService } from './rules/group-service.js';
import { AlertGrouping } from './rules/grouping.js';
import { AlertSilences } from './rules/silences.js';
import type { GroupTimers } from './rules/timers.js';
import type { AuditTrail } from '../ops/rules/audit-trail.js';
import type { IncidentService } from '../incidents/rules/incident-service.js';

export interface AlertGroupParts {
  models: Models;
  agenda: Agenda;
  notifier: Notifier;
  incidents: IncidentService;
  audit: AuditTrail;
  clock: Clock;
  logger: Logger;
  /** The team's language: the alerts channel and incidents opened from it are read by everyone. */
  teamT: Translate;
  timezone: string;
  timers: GroupTimers;
}

const RECONCILE_EVERY_MS = 60_000;

export function composeAlertGroups(parts: AlertGroupParts) {
  const { models, clock, timers } = parts;
  const logger = parts.logger.child({ component: 'alert-groups' });
  const presenter = new AlertGroupAnnouncer(parts.notifier, parts.teamT, clock, parts.timezone);
  const silences = new AlertSilences({
    silences: models.Silence,
    alerts: models.Alert,
    counters: models.Counter,
    audit: parts.audit,
    clock,
  });
  const grouping = new AlertGrouping({
    alerts: models.Alert,
    groups: models.AlertGroup,
    counters: models.Counter,
    clock,
    timers,
  });
  const flush = new AlertFlush({
    alerts: models.Alert,
    groups: models.AlertGroup,
    counters: models.Counter,
    silences,
    presenter,
    clock,
    timers,
    logger,
  });
  silences.onChange({
    silenced: async (keys) => {
      for (const key of keys) await flush.refresh(key);
    },
    released: (keys) => grouping.touch(keys),
  });
  const groups = new AlertGroupService({
    groups: models.AlertGroup,
    alerts: models.Alert,
    incidents: parts.incidents,
    presenter,
    audit: parts.audit,
    clock,
    describeForIncident: (group) => alertIncidentDescription(parts.teamT, group, parts.timezone),
  });
  const sweep = sweepEveryMs(timers);
  const jobs = new AlertGroupJobs(
    parts.agenda,
    {
      flushDue: () => flush.flushDue(),
      expireDue: () => silences.expireDue(),
      reconcile: () => grouping.reconcile(),
    },
    {
      flushEveryMs: sweep,
      expireEveryMs: sweep,
      reconcileEveryMs: Math.max(RECONCILE_EVERY_MS, timers.groupIntervalMs),
    },
    logger,
  );
  return { grouping, flush, silences, groups, jobs };
}

export type AlertGroups = ReturnType<typeof composeAlertGroups>;
