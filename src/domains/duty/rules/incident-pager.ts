// The roster's answer to "who is paged at escalation step N" (issue 17), registered with the
// incidents domain through its seam (IncidentService.pageWith): the on-duty primary of the team
// that owns the incident's category (secops for security, sysops otherwise) when it is declared,
// the secondary after one escalation delay, project management after the next. Each step is a
// DutyPage record made once; P1 and P2 pages also go to the pager gateway. Nobody on duty is an
// alarm of its own: pm and admins are told privately.
import type { Incident } from '../../../../models/incidents/incident.js';
import type { DutyPage, DutyPageModel } from '../../../../models/duty/page.js';
import type { DutyTeam } from '../../../../models/duty/roster.js';
import type { Clock } from '../../../kernel/clock.js';
import type { EscalationPager, EscalationStep } from '../../incidents/rules/escalation-pager.js';
import type { DutyDesk } from './duty-desk.js';
import type { PagerGateway } from './pager-gateway.js';

/** The team that owns an incident's category (issue 17: "secops for security"). */
export function owningTeam(category: string): DutyTeam {
  return category === 'security' ? 'secops' : 'sysops';
}

/** Severities whose pages also go beyond chat (issue 17: "for P1/P2 pages"). */
const GATEWAY_SEVERITIES = ['P1', 'P2'];

/** What the roster pager works with. */
export interface PagerDeps {
  desk: DutyDesk;
  pages: DutyPageModel;
  gateway: PagerGateway;
  /** Who holds `pm` (and their linked identities). */
  projectManagers(): Promise<string[]>;
  /** Tells pm and admins that a team has nobody on duty (once per page record). */
  nobodyOnDuty(team: DutyTeam, incident: Incident): Promise<void>;
  /** Where a paged person opens the incident, if anywhere. */
  link(incident: Incident): string | undefined;
  clock: Clock;
}

/** One level of the roster's escalation: who, standing for which roles. */
export interface PageLevel {
  level: 'primary' | 'secondary' | 'pm';
  to: string[];
  roles: string[];
}

/** Primary, secondary (when there is one), then project management: the order issue 17 sets. */
export function escalationLevels(
  team: DutyTeam,
  paged: { primary?: string; secondary?: string },
  projectManagers: string[],
): PageLevel[] {
  return [
    { level: 'primary', to: paged.primary ? [paged.primary] : [], roles: [team] },
    ...(paged.secondary ? [{ level: 'secondary' as const, to: [paged.secondary], roles: [team] }] : []),
    { level: 'pm', to: projectManagers, roles: ['pm'] },
  ];
}

/** The incidents seam's pager: who is paged at each escalation step, from the roster. */
export class RosterPager implements EscalationPager {
  constructor(private readonly deps: PagerDeps) {}

  async page(incident: Incident, step: number): Promise<EscalationStep | undefined> {
    const team = owningTeam(incident.category);
    const now = this.deps.clock.now();
    const paged = await this.deps.desk.paged(team, now);
    if (!paged) return undefined;
    const levels = escalationLevels(team, paged, await this.deps.projectManagers());
    const chosen = levels[Math.min(step, levels.length - 1)]!;
    const last = step >= levels.length - 1;
    const id = `incident:${incident.shortId}:${step}`;
    const record: DutyPage = {
      _id: id,
      subject: `incident:${incident.shortId}`,
      step,
      team,
      to: chosen.to,
      level: chosen.level,
      at: now,
    };
    try {
      await this.deps.pages.create(record);
    } catch (error) {
      if ((error as { code?: number }).code !== 11000) throw error;
      const earlier = await this.deps.pages.findById(id).lean<DutyPage>();
      return { ...chosen, to: earlier?.to ?? chosen.to, repeated: true, last };
    }
    if (chosen.to.length === 0) await this.deps.nobodyOnDuty(team, incident);
    if (GATEWAY_SEVERITIES.includes(incident.severity)) {
      const link = this.deps.link(incident);
      await this.deps.gateway.enqueue(
        chosen.to.map((person) => ({
          id: `${id}:${person}`,
          person,
          what: `${incident.severity} ${incident.shortId} ${incident.title}`.slice(0, 500),
          severity: incident.severity,
          ...(link ? { link } : {}),
        })),
      );
    }
    return { ...chosen, repeated: false, last };
  }
}
