// The upgrades domain (issue 14): `/upgrade announce | list | show | history | start | complete |
// rollback | cancel | rule` and the announce form; the card in `announcements` edited in place
// from scheduled to completed, rolled back or cancelled; a pm's approval of a high-risk upgrade
// through the approval engine; the reminders 24 h and 1 h before, at the opening and past the end;
// the version registry; the alerts of a system in its window marked as expected; GET /maintenance.ics.
import { registerUpgrade } from '../../../handlers/upgrades/register.js';
import { UpgradeJobs } from '../../../jobs/upgrades/sweep.js';
import { bindUpgradeModels } from '../../../models/upgrades/index.js';
import type { DomainModule } from '../module.js';
import { UpgradeAnnouncer } from './announcer.js';
import { maintenanceFeedRoutes } from './maintenance-feed.js';
import { UPGRADE_PERMISSIONS } from './permissions.js';
import { UpgradeAnnouncing } from './rules/announcing.js';
import { UpgradeDecisions } from './rules/decisions.js';
import { VersionRegistry } from './rules/registry.js';
import { UpgradeReminding } from './rules/reminding.js';
import { UpgradeTransitions } from './rules/transitions.js';
import { UpgradeBook } from './rules/upgrade-book.js';
import { UpgradeWindows, type WindowView } from './rules/windows.js';
import { upgradeReportSection } from './report.js';

/** What the upgrades domain offers the domains after it (the duty roster, the reports). */
export interface UpgradeServices {
  /** Windows scheduled or in progress that overlap [from, to), soonest first. */
  windowsBetween(from: Date, to: Date): Promise<WindowView[]>;
}

declare module '../module.js' {
  interface DomainServices {
    upgrades: UpgradeServices;
  }
}

export const upgrades: DomainModule = {
  name: 'upgrades',
  commands: { upgrade: ['announce', 'list', 'show', 'history', 'start', 'complete', 'rollback', 'cancel', 'rule'] },
  permissions: UPGRADE_PERMISSIONS,
  models: bindUpgradeModels,
  build({ config, models, agenda, notifier, teamT, clock, services, ...kernel }) {
    const logger = kernel.logger.child({ component: 'upgrades' });
    const zone = config.timezone;
    const { ops, approvals } = services;
    const book = new UpgradeBook(models.Upgrade, ops.audit, clock);
    book.observe(new UpgradeAnnouncer(notifier, clock, zone));
    const registry = new VersionRegistry(models.SystemVersion, models.Upgrade, ops.audit, clock);
    const windows = new UpgradeWindows(models.Upgrade);
    const announcing = new UpgradeAnnouncing({
      book,
      registry,
      counters: models.Counter,
      requestKeys: models.RequestKey,
      approvals,
      timezone: zone,
    });
    const transitions = new UpgradeTransitions(book, registry, zone);
    const decisions = new UpgradeDecisions(book, approvals);
    const reminding = new UpgradeReminding(book, (roles) => ops.roles.onDuty(roles));
    // Alerts of a system whose window is in progress are expected (alerts never import upgrades).
    services.alerts.expectDuring((system, at) => windows.inProgress(system, at));
    const jobs = new UpgradeJobs(
      agenda,
      { remindDue: () => reminding.remindDue(), expireDue: () => decisions.expireDue() },
      logger,
    );
    jobs.define();
    return {
      register: (router) =>
        registerUpgrade(router, {
          book,
          announcing,
          transitions,
          decisions,
          registry,
          windows,
          approvals,
          timezone: zone,
          clock,
        }),
      scheduleJobs: () => jobs.schedule(),
      routes: maintenanceFeedRoutes({ windows, calendarToken: config.calendarToken, teamT, clock, logger }),
      reportSections: [upgradeReportSection(models.Upgrade)],
      provides: { upgrades: { windowsBetween: (from, to) => windows.between(from, to) } },
    };
  },
};
