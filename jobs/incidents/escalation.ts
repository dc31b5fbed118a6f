// Escalation of incidents nobody takes (re-notify after 5/15/60 min by severity, up to three
// times, then project management) and reminders for open P1/P2 left without an update.
import type { Agenda } from 'agenda';
import type { Logger } from 'pino';
import type { Incident, Severity, TimelineEntry } from '../../models/incidents/incident.js';
import type { IncidentObserver, IncidentService } from '../../src/domains/incidents/rules/incident-service.js';
import type { EscalationStep } from '../../src/domains/incidents/rules/escalation-pager.js';
import type { Role } from '../../src/access/roles.js';
import type { Clock } from '../../src/kernel/clock.js';
import { isOpen } from '../../src/domains/incidents/rules/lifecycle.js';

export const UNACKED_JOB = 'incident.unacked';
export const STALE_JOB = 'incident.stale';
export const MAX_REMINDERS = 3;
const SYSTEM = { key: 'system', via: 'job' };

export interface EscalationPolicy {
  /** Delay before re-notifying an unacknowledged incident; undefined: never (P4). */
  unackedAfterMs: Partial<Record<Severity, number>>;
  staleAfterMs: number;
  staleSeverities: readonly Severity[];
}

export const DEFAULT_POLICY: EscalationPolicy = {
  unackedAfterMs: { P1: 5 * 60_000, P2: 15 * 60_000, P3: 60 * 60_000 },
  staleAfterMs: 30 * 60_000,
  staleSeverities: ['P1', 'P2'],
};

/** Who is on duty for an incident: the keys of everyone holding one of `roles` (and their linked identities). */
export type OnDuty = (roles: readonly Role[]) => Promise<string[]>;

const FIRST_LINE: readonly Role[] = ['sysops', 'secops', 'support'];
const SECURITY: readonly Role[] = ['secops'];
const NEXT_LEVEL: readonly Role[] = ['pm'];

export interface EscalationTexts {
  unacked(incident: Incident, attempt: number): string;
  stale(incident: Incident): string;
  escalated(incident: Incident): string;
  /** The thread line of an escalation that found nobody to page. */
  escalatedToNobody(incident: Incident): string;
  /** The thread line of a step the roster paged (issue 17): who, as primary, secondary or pm. */
  paged(incident: Incident, step: EscalationStep): string;
}

export class IncidentEscalation implements IncidentObserver {
  constructor(
    private readonly agenda: Agenda,
    private readonly incidents: IncidentService,
    private readonly policy: EscalationPolicy,
    private readonly texts: EscalationTexts,
    private readonly onDuty: OnDuty,
    private readonly clock: Clock,
    private readonly logger: Logger,
  ) {}

  define(): void {
    this.agenda.define(UNACKED_JOB, async (job) => {
      await this.unacked((job.attrs.data as { id: string }).id);
    });
    this.agenda.define(STALE_JOB, async (job) => {
      const data = job.attrs.data as { id: string; since: string };
      await this.stale(data.id, new Date(data.since));
    });
  }

  /** Schedules from what just happened; jobs re-check the incident when they run, so a late one is harmless. */
  async changed(incident: Incident, entry: TimelineEntry): Promise<void> {
    const delay = this.policy.unackedAfterMs[incident.severity];
    if (entry.kind === 'declared') await this.rosterStep(incident, 0);
    if (entry.kind === 'declared' && delay !== undefined) {
      await this.agenda.schedule(new Date(entry.at.getTime() + delay), UNACKED_JOB, { id: incident.shortId });
    }
    // Once acknowledged, a re-notification still due finds it so and says nothing (unacked()):
    // not cancelled here, which would cost every acknowledgement a round trip to the database.
    if (!isOpen(incident.state)) {
      await this.agenda.cancel({ name: STALE_JOB, data: { id: incident.shortId } });
    } else if (
      this.policy.staleSeverities.includes(incident.severity) &&
      entry.kind !== 'reminded' &&
      entry.kind !== 'renotified' &&
      entry.kind !== 'paged'
    ) {
      const since = incident.lastUpdateAt;
      await this.agenda.schedule(new Date(since.getTime() + this.policy.staleAfterMs), STALE_JOB, {
        id: incident.shortId,
        since: since.toISOString(),
      });
    }
  }

  /** The escalate button and the last unanswered reminder: project management is told. */
  /** Answers who was paged: empty when nobody holds the role (the thread and the channel say so loudly). */
  async escalate(incident: Incident, by: { key: string; via: string }, seen?: number): Promise<string[]> {
    const paged = await this.onDuty(NEXT_LEVEL);
    const page = { to: paged, roles: NEXT_LEVEL };
    const text = paged.length > 0 ? this.texts.escalated(incident) : this.texts.escalatedToNobody(incident);
    await this.incidents.note(incident.shortId, 'escalated', text, by, page, seen);
    return paged;
  }

  /**
   * The roster's step `step` (issue 17), when a pager is registered and has a roster for the
   * incident's team: paged once (the pager keeps a record per step), said in the thread. Answers
   * undefined when the roles are to be paged instead.
   */
  private async rosterStep(incident: Incident, step: number): Promise<EscalationStep | undefined> {
    const paged = await this.incidents.pager?.page(incident, step);
    if (!paged || paged.repeated) return paged;
    const kind = paged.level === 'pm' ? 'escalated' : step === 0 ? 'paged' : 'renotified';
    // With nobody in `to`, the announcer's warning of a page that reached nobody follows the line.
    await this.incidents.note(incident.shortId, kind, this.texts.paged(incident, paged), SYSTEM, {
      to: paged.to,
      roles: paged.roles,
      level: paged.level,
    });
    return paged;
  }

  private async unacked(id: string): Promise<void> {
    const incident = await this.incidents.get(id);
    if (incident.state !== 'reported') return;
    const delay = this.policy.unackedAfterMs[incident.severity];
    if (this.incidents.pager && delay !== undefined) {
      // The step from the time since it was declared, so a job run again (or late) asks the same step.
      const declared = incident.stateAt.reported ?? incident.timeline[0]?.at ?? this.clock.now();
      const step = Math.max(1, Math.round((this.clock.now().getTime() - new Date(declared).getTime()) / delay));
      const paged = await this.rosterStep(incident, step);
      if (paged) {
        if (!paged.last) {
          await this.agenda.schedule(new Date(new Date(declared).getTime() + (step + 1) * delay), UNACKED_JOB, { id });
        }
        return;
      }
    }
    const attempt = incident.timeline.filter((e) => e.kind === 'renotified').length + 1;
    // Once someone owns it, the reminder goes to them, not to everyone on duty.
    const roles = incident.category === 'security' ? SECURITY : FIRST_LINE;
    const page = incident.assignee ? { to: [incident.assignee], roles: [] } : { to: await this.onDuty(roles), roles };
    await this.incidents.note(id, 'renotified', this.texts.unacked(incident, attempt), SYSTEM, page);
    if (attempt >= MAX_REMINDERS) {
      await this.escalate(incident, SYSTEM);
      return;
    }
    if (delay !== undefined) {
      await this.agenda.schedule(new Date(this.clock.now().getTime() + delay), UNACKED_JOB, { id });
    }
    this.logger.info({ incident: id, attempt }, 'unacknowledged incident re-notified');
  }

  private async stale(id: string, since: Date): Promise<void> {
    const incident = await this.incidents.get(id);
    // A newer update scheduled its own reminder; this one has nothing to say.
    if (!isOpen(incident.state) || incident.lastUpdateAt.getTime() !== since.getTime()) return;
    await this.incidents.note(id, 'reminded', this.texts.stale(incident), SYSTEM);
    await this.agenda.schedule(new Date(this.clock.now().getTime() + this.policy.staleAfterMs), STALE_JOB, {
      id,
      since: since.toISOString(),
    });
  }
}
