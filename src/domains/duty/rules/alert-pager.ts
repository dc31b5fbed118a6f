// Critical alert groups nobody acknowledges page the same way as incidents (issue 17): after
// INCIDENT_ESCALATION's P1 delay without an acknowledgement the on-duty sysops primary is mentioned
// in the group's thread, after another the secondary, then project management; each step a
// DutyPage record made once (`alert:ALG-4:1:2`, episode and step), each page also to the pager
// gateway. The alerts domain is not changed for it: its groups are read, and its thread is spoken
// in through the outbox under the subject the alerts domain gives the group's card.
import type { AlertGroup, AlertGroupModel } from '../../../../models/alerts/alert-group.js';
import type { DutyPage, DutyPageModel } from '../../../../models/duty/page.js';
import type { DutyTeam } from '../../../../models/duty/roster.js';
import type { Wording } from '../../../chat/wording.js';
import type { Clock } from '../../../kernel/clock.js';
import type { Notifier } from '../../../notify/notifier.js';
import { SYSTEM_ACTOR_KEY } from '../../ops/audit-vocabulary.js';
import type { AuditTrail } from '../../ops/rules/audit-trail.js';
import { alertGroupSubject, groupChannel } from '../../alerts/announcer.js';
import type { DutyDesk } from './duty-desk.js';
import { escalationLevels, type PageLevel } from './incident-pager.js';
import type { PagerGateway } from './pager-gateway.js';

/** Alert groups belong to system operations' watch (seed 2.3: "system ops starts the process at once"). */
const ALERT_TEAM: DutyTeam = 'sysops';
const BATCH = 50;

/** What paging an alert group needs. */
export interface AlertPagerDeps {
  groups: AlertGroupModel;
  pages: DutyPageModel;
  desk: DutyDesk;
  gateway: PagerGateway;
  notifier: Notifier;
  audit: AuditTrail;
  projectManagers(): Promise<string[]>;
  nobodyOnDuty(team: DutyTeam, subject: { shortId: string; title: string }): Promise<void>;
  /** The thread line of a page (in the channel's language), mentioning `level.to`. */
  line(group: AlertGroup & { shortId: string }, level: PageLevel): Wording;
  /** The P1 delay of INCIDENT_ESCALATION; undefined: critical groups are never paged. */
  delayMs: number | undefined;
  clock: Clock;
}

/** Pages unacknowledged critical alert groups from the roster, one step per delay. */
export class AlertPager {
  constructor(private readonly deps: AlertPagerDeps) {}

  /** Pages every step due of every unacknowledged critical group; answers how many steps were paged. */
  async pageDue(): Promise<number> {
    const delay = this.deps.delayMs;
    if (delay === undefined) return 0;
    const now = this.deps.clock.now();
    const groups = await this.deps.groups
      .find({
        state: 'firing',
        severity: 'critical',
        shortId: { $exists: true },
        ackedBy: null,
        firstSeenAt: { $lte: new Date(now.getTime() - delay) },
      })
      .sort({ firstSeenAt: 1 })
      .limit(BATCH)
      .lean<Array<AlertGroup & { shortId: string }>>();
    let paged = 0;
    for (const group of groups) {
      const paging = await this.deps.desk.paged(ALERT_TEAM, now);
      // A team without a roster: the alerts domain's card is what there is, as before.
      if (!paging) continue;
      const levels = escalationLevels(ALERT_TEAM, paging, await this.deps.projectManagers());
      const due = Math.min(Math.floor((now.getTime() - group.firstSeenAt.getTime()) / delay), levels.length);
      for (let step = 1; step <= due; step += 1) {
        if (await this.pageStep(group, step, levels[step - 1]!)) paged += 1;
      }
    }
    return paged;
  }

  private async pageStep(group: AlertGroup & { shortId: string }, step: number, level: PageLevel): Promise<boolean> {
    const id = `alert:${group.shortId}:${group.episode}:${step}`;
    const record: DutyPage = {
      _id: id,
      subject: `alert:${group.shortId}:${group.episode}`,
      step,
      team: ALERT_TEAM,
      to: level.to,
      level: level.level,
      at: this.deps.clock.now(),
    };
    try {
      await this.deps.pages.create(record);
    } catch (error) {
      if ((error as { code?: number }).code === 11000) return false;
      throw error;
    }
    await this.deps.audit.record({
      actor: SYSTEM_ACTOR_KEY,
      action: 'duty.page',
      objectType: 'alert_group',
      objectId: group.shortId,
      after: { step, level: level.level, to: level.to },
      outcome: 'done',
      via: 'job',
    });
    if (level.to.length === 0) {
      await this.deps.nobodyOnDuty(ALERT_TEAM, { shortId: group.shortId, title: group.name });
    }
    await this.deps.notifier.addToThread(groupChannel(group), alertGroupSubject(group), this.deps.line(group, level));
    await this.deps.gateway.enqueue(
      level.to.map((person) => ({
        id: `${id}:${person}`,
        person,
        what: `critical ${group.shortId} ${group.name}`.slice(0, 500),
        severity: 'critical',
      })),
    );
    return true;
  }
}
