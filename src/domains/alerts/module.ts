// The alerts domain (issue 4): intake from Alertmanager, Grafana and any tool; grouping with
// Alertmanager's timers; the flush that says each group in the alerts channel; silences; the jobs
// that sweep them; the storm digest of the alerts channel; and `/alert` with its buttons and forms.
import { registerAlert } from '../../../handlers/alerts/register.js';
import { AlertGroupJobs, sweepEveryMs } from '../../../jobs/alerts/sweeps.js';
import { bindAlertModels } from '../../../models/alerts/index.js';
import type { ChannelKind } from '../../chat/commands.js';
import type { DomainModule, StormDigest } from '../module.js';
import { AlertGroupAnnouncer } from './announcer.js';
import { alertDigestMessage } from './cards/digest.js';
import { alertIncidentDescription } from './cards/incident-text.js';
import { ALERT_CONFIG } from './config.js';
import { alertMetrics } from './metrics.js';
import { ALERT_PERMISSIONS } from './permissions.js';
import { ExpectedWindows, type ExpectedLookup } from './rules/expected.js';
import { AlertFlush } from './rules/flush.js';
import { withIncidentLink } from './rules/incident-link.js';
import { FlushWake } from './rules/flush-wake.js';
import { AlertGroupService } from './rules/group-service.js';
import { AlertGrouping } from './rules/grouping.js';
import { AlertIntake } from './rules/intake.js';
import { LayerRules } from './rules/layer.js';
import { AlertNormalizer, type IncomingAlert } from './rules/normalizer.js';
import { AlertSilences } from './rules/silences.js';
import { stormPicture } from './rules/storm-picture.js';
import { alertWebhookHandlers } from './webhooks.js';
import { alertReportSection } from './report.js';

const RECONCILE_EVERY_MS = 60_000;

/** What the alerts domain offers the others: raising alerts of Zhiban's own checks, in a channel of their own. */
export interface AlertServices {
  /**
   * Takes alerts through the same intake as the webhooks (grouping, silences, cards, storms), their
   * groups said in the channel of `kind`. Resolves once they are stored; an alert its normalizer
   * refuses is left out (and logged).
   */
  raise(alerts: IncomingAlert[], kind: ChannelKind): Promise<void>;
  /** The storm digest of a channel alert groups are said in. */
  stormDigest(kind: ChannelKind): StormDigest;
  /**
   * Registers a lookup of maintenance windows (the upgrades domain's, at its build): while it names
   * one for a group's `system`, the group's card says "during maintenance <id>" and it is not
   * announced again; resolved notices still appear.
   */
  expectDuring(lookup: ExpectedLookup): void;
}

declare module '../module.js' {
  interface DomainServices {
    alerts: AlertServices;
  }
}

export const alerts: DomainModule = {
  name: 'alerts',
  commands: { alert: ['list', 'silence', 'unsilence'] },
  permissions: ALERT_PERMISSIONS,
  config: ALERT_CONFIG,
  models: bindAlertModels,
  build({ config, models, agenda, notifier, metrics, teamT, clock, services, ...kernel }) {
    const logger = kernel.logger.child({ component: 'alerts' });
    const timers = config.alerts;
    const { audit } = services.ops;
    const presenter = new AlertGroupAnnouncer(notifier, clock, config.timezone);
    const silences = new AlertSilences({
      silences: models.Silence,
      alerts: models.Alert,
      counters: models.Counter,
      audit,
      clock,
    });
    const grouping = new AlertGrouping({
      alerts: models.Alert,
      groups: models.AlertGroup,
      counters: models.Counter,
      clock,
      timers,
    });
    const expected = new ExpectedWindows();
    const flush = new AlertFlush({
      alerts: models.Alert,
      groups: models.AlertGroup,
      counters: models.Counter,
      silences,
      presenter: withIncidentLink(presenter, services.incidents),
      expected,
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
      incidents: services.incidents,
      presenter,
      audit,
      clock,
      describeForIncident: (group) => alertIncidentDescription(teamT, group, config.timezone),
    });
    const intake = new AlertIntake(models.Alert, clock, logger);
    const normalizer = new AlertNormalizer(new LayerRules(timers.layerRules), clock);
    intake.listen(grouping);
    // The first card of a new group about when group_wait ends, not at the next sweep.
    const wake = new FlushWake(() => flush.flushDue(), clock, logger);
    intake.listen({ stored: async () => wake.after(timers.groupWaitMs) });
    const sweep = sweepEveryMs(timers);
    const jobs = new AlertGroupJobs(
      agenda,
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
    jobs.define();
    /** The digest card of a storm in a channel of `kind` that alert groups are said in. */
    function stormDigest(kind: ChannelKind): StormDigest {
      return async (held, since) => {
        const picture = await stormPicture({ alerts: models.Alert, groups: models.AlertGroup, clock }, held, kind);
        return (t) => alertDigestMessage(t, picture, { since, waiting: held.length }, config.timezone);
      };
    }
    return {
      reportSections: [alertReportSection(models.Alert)],
      register: (router) => registerAlert(router, { groups, silences, timezone: config.timezone }),
      scheduleJobs: () => jobs.schedule(),
      stop: () => wake.stop(),
      webhooks: alertWebhookHandlers({
        intake,
        testNotice: (alert) => presenter.testNotice(alert),
        normalizer,
        metrics: alertMetrics(metrics.registry),
        logger,
      }),
      stormDigests: { alerts: stormDigest('alerts') },
      provides: {
        alerts: {
          async raise(raised, kind) {
            const valid = raised.flatMap((alert) => {
              const result = normalizer.normalize(alert);
              // The group key is prefixed by the kind, so no webhook's alert can join these groups.
              if (result.ok) return [{ ...result.alert, channel: kind, groupKey: `${kind}:${result.alert.groupKey}` }];
              logger.warn({ source: alert.source, reason: result.reason }, 'an alert raised inside Zhiban was refused');
              return [];
            });
            await intake.accept(valid);
          },
          stormDigest,
          expectDuring: (lookup) => expected.add(lookup),
        },
      },
    };
  },
};
