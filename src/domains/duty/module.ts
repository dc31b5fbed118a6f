// The duty domain (issue 17): rosters per team (a rotation, imported shifts, overrides), `/duty`,
// the roster's answer to who is paged at each escalation step (registered with the incidents
// domain through its seam), pages beyond chat through the signed pager gateway, phone numbers
// sealed with DUTY_PHONE_KEY, handovers with their card and "take over", calendar feeds and the
// roster as a spreadsheet over HTTP.
import { registerDuty } from '../../../handlers/duty/register.js';
import { DutyJobs } from '../../../jobs/duty/sweep.js';
import { bindDutyModels } from '../../../models/duty/index.js';
import type { DomainModule } from '../module.js';
import { DutyAnnouncer } from './announcer.js';
import { maintenanceSource } from './handover-items/maintenance.js';
import { builtInSources } from './handover-items/sources.js';
import { DUTY_PERMISSIONS } from './permissions.js';
import { dutyRoutes } from './routes.js';
import { AlertPager } from './rules/alert-pager.js';
import { DutyDesk } from './rules/duty-desk.js';
import { Handovers } from './rules/handovers.js';
import { RosterPager } from './rules/incident-pager.js';
import { PagerGateway } from './rules/pager-gateway.js';
import { PhoneBox } from './rules/phone-box.js';
import { Phones } from './rules/phones.js';
import { Rosters } from './rules/rosters.js';
import { Swaps } from './rules/swaps.js';

/** The duty domain's module, listed in src/domains/index.ts after surveys. */
export const duty: DomainModule = {
  name: 'duty',
  commands: { duty: ['now', 'week', 'set', 'override', 'swap', 'import', 'export', 'phone', 'handovers'] },
  permissions: DUTY_PERMISSIONS,
  models: bindDutyModels,
  build({ config, models, agenda, notifier, teamT, clock, services, consoleUrl, httpUrl, adminUsers, ...kernel }) {
    const logger = kernel.logger.child({ component: 'duty' });
    const zone = config.timezone;
    const { ops, incidents } = services;
    const rolesOf = async (key: string) => {
      const group = await ops.users.group(key);
      // A person nobody ever gave a role is unknown to Zhiban, even if the key reads well.
      const stored = group.members.some((m) => m.roles.length > 0 || m.configAdmin);
      return stored ? (await ops.users.profile(key)).roles : undefined;
    };
    const identities = async (key: string) => (await ops.users.group(key)).members.map((m) => m.key);
    const box = config.pager.phoneKey ? new PhoneBox(config.pager.phoneKey) : undefined;
    const phones = new Phones(models.DutyPhone, box, ops.audit, clock);
    const rosters = new Rosters(models.DutyRoster, ops.audit, rolesOf, clock, zone, phones);
    const desk = new DutyDesk(rosters, models.DutyHandover, zone);
    const { url, secret } = config.pager;
    const gateway = new PagerGateway(
      models.DutyPagerCall,
      models.DutyPhone,
      box,
      url && secret ? { url, secret, clock } : undefined,
      clock,
      logger,
    );
    // pm and the admins, stored or of ADMIN_USERS: told of handovers nobody takes and of nobody on duty.
    const overseers = async () => [...new Set([...(await ops.roles.onDuty(['pm', 'admin'])), ...adminUsers])];
    const announcer = new DutyAnnouncer(notifier, zone, overseers);
    const handovers = new Handovers({
      model: models.DutyHandover,
      counters: models.Counter,
      rosters,
      sources: [
        ...builtInSources(models),
        maintenanceSource((from, to) => services.upgrades.windowsBetween(from, to), zone),
      ],
      audit: ops.audit,
      identities,
      clock,
      zone,
    });
    handovers.observe(announcer);
    const swaps = new Swaps({
      model: models.DutySwap,
      counters: models.Counter,
      rosters,
      audit: ops.audit,
      identities,
      clock,
      zone,
    });
    swaps.observe(announcer);
    incidents.pageWith(
      new RosterPager({
        desk,
        pages: models.DutyPage,
        gateway,
        projectManagers: () => ops.roles.onDuty(['pm']),
        nobodyOnDuty: (team, incident) => announcer.nobodyOnDuty(team, incident),
        link: () => consoleUrl(),
        clock,
      }),
    );
    const alertPager = new AlertPager({
      groups: models.AlertGroup,
      pages: models.DutyPage,
      desk,
      gateway,
      notifier,
      audit: ops.audit,
      projectManagers: () => ops.roles.onDuty(['pm']),
      nobodyOnDuty: (team, subject) => announcer.nobodyOnDuty(team, subject),
      line: (group, level) => (t) => ({
        text: t('duty.alert_paged', { id: group.shortId, level: t(`incident.page_level.${level.level}`) }),
        ...(level.to.length ? { mentions: level.to } : {}),
      }),
      delayMs: config.incidents.unackedAfterMs.P1,
      clock,
    });
    const jobs = new DutyJobs(
      agenda,
      {
        openDue: () => handovers.openDue(),
        remindDue: () => handovers.remindDue(),
        deliverDue: () => gateway.deliverDue(),
        pageAlertsDue: () => alertPager.pageDue(),
      },
      logger,
    );
    jobs.define();
    return {
      register: (router) =>
        registerDuty(router, { rosters, desk, handovers, swaps, phones, clock, timezone: zone, httpUrl }),
      scheduleJobs: () => jobs.schedule(),
      stop: () => gateway.stop(),
      routes: dutyRoutes({
        rosters,
        locale: config.defaultLocale,
        calendarToken: config.calendarToken,
        webhookToken: config.webhookToken,
        teamT,
        clock,
        zone,
      }),
    };
  },
};
