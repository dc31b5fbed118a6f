// What people do to an alert group from chat: look it up, list what fires, acknowledge it, open an
// incident from it. Each change is one conditional update, so a double click or twenty people at
// once give one effect; the others are told who was first.
import { truncate } from '../../../chat/text.js';
import { setTimeout as sleep } from 'node:timers/promises';
import type { AlertModel, AlertSeverity } from '../../../../models/alerts/alert.js';
import { ALERT_SEVERITIES } from '../../../../models/alerts/alert.js';
import type { AlertGroup, AlertGroupModel } from '../../../../models/alerts/alert-group.js';
import type { Category, Severity } from '../../../../models/incidents/incident.js';
import type { Silence } from '../../../../models/alerts/silence.js';
import { UserError } from '../../../chat/user-error.js';
import type { Clock } from '../../../kernel/clock.js';
import { normalizeGroupId } from './group-ids.js';
import type { AlertGroupPresenter } from './presenter.js';
import type { AuditTrail } from '../../ops/rules/audit-trail.js';
import type { Actor, IncidentService } from '../../incidents/rules/incident-service.js';
import type { DoneAction } from '../../ops/audit-vocabulary.js';

export const INCIDENT_SEVERITY: Record<AlertSeverity, Severity> = {
  critical: 'P1',
  major: 'P2',
  minor: 'P3',
  info: 'P4',
};

const INCIDENT_CLAIM_MS = 60_000;
const INCIDENT_CLAIM_WAIT_MS = 2000;

export interface AlertGroupServiceDeps {
  groups: AlertGroupModel;
  alerts: AlertModel;
  incidents: Pick<IncidentService, 'declare'>;
  presenter: AlertGroupPresenter;
  audit: AuditTrail;
  clock: Clock;
  /** The incident's description, in the team's language: where it came from and what fires. */
  describeForIncident(group: AlertGroup): string;
}

/** A firing group as `/alert list` shows it, with live counts. */
export type ListedGroup = AlertGroup & { shortId: string };

export class AlertGroupService {
  constructor(private readonly deps: AlertGroupServiceDeps) {}

  async get(typedId: string): Promise<AlertGroup & { shortId: string }> {
    const shortId = normalizeGroupId(typedId);
    const group = await this.deps.groups.findOne({ shortId }).lean<AlertGroup>();
    if (!group?.shortId) throw new UserError('alert.errors.not_found', { id: shortId });
    return group as AlertGroup & { shortId: string };
  }

  /**
   * Throws `alert.errors.stale` when a button was on a card this group no longer shows: one of an
   * earlier episode (`seenEpisode`, the card version a button carries), or of an episode that has
   * resolved since. A click without a version passes.
   */
  ensureSeen(group: AlertGroup & { shortId: string }, seenEpisode: number | undefined): void {
    if (seenEpisode === undefined) return;
    if (group.episode !== seenEpisode || group.state === 'resolved') {
      throw new UserError('alert.errors.stale', { id: group.shortId, state: group.state, episode: group.episode });
    }
  }

  /** The silences holding back this group's firing alerts now (what its card's Unsilence ends). */
  async silencesOf(group: AlertGroup): Promise<string[]> {
    const ids = await this.deps.alerts.distinct('silencedBy', {
      groupKey: group._id,
      status: 'firing',
      silencedBy: { $ne: null },
    });
    return ids.filter((id): id is string => typeof id === 'string');
  }

  /** Firing groups, most severe first, then the most recently seen; counts read from the alerts now. */
  async listFiring(limit = 20): Promise<{ groups: ListedGroup[]; total: number }> {
    // A resolved group firing again is `pending` until its flush opens the new episode.
    const candidates = await this.deps.groups
      .find({ $or: [{ state: 'firing' }, { pending: true }], shortId: { $exists: true } })
      .lean<ListedGroup[]>();
    const counted = await Promise.all(
      candidates.map(async (group) => {
        const [firing, silenced] = await Promise.all([
          this.deps.alerts.countDocuments({ groupKey: group._id, status: 'firing' }),
          this.deps.alerts.countDocuments({ groupKey: group._id, status: 'firing', silencedBy: { $ne: null } }),
        ]);
        return { ...group, state: 'firing' as const, firing, silenced };
      }),
    );
    const rank = (g: AlertGroup) => ALERT_SEVERITIES.indexOf(g.severity);
    const firing = counted
      .filter((g) => g.firing > 0)
      .sort((a, b) => rank(a) - rank(b) || b.lastSeenAt.getTime() - a.lastSeenAt.getTime());
    return { groups: firing.slice(0, limit), total: firing.length };
  }

  async acknowledge(group: AlertGroup, actor: Actor): Promise<AlertGroup> {
    const now = this.deps.clock.now();
    const acked = await this.deps.groups
      .findOneAndUpdate(
        { _id: group._id, episode: group.episode, ackedBy: null },
        { $set: { ackedBy: actor.key, ackedAt: now } },
        { returnDocument: 'after' },
      )
      .lean<AlertGroup>();
    if (!acked) {
      const current = await this.deps.groups.findById(group._id).lean<AlertGroup>();
      throw new UserError('alert.errors.already_acked', { id: group.shortId, by: current?.ackedBy ?? '—' });
    }
    await this.record(actor, 'alert.ack', acked, { ackedBy: null }, { ackedBy: actor.key });
    await this.announce(acked, { kind: 'acked', by: actor.key });
    return acked;
  }

  /**
   * Opens an incident prefilled from the group, once per episode. The declaration also carries a
   * request key, so a retry after a crash between declaring and linking finds the same incident.
   */
  async openIncident(group: AlertGroup, actor: Actor): Promise<{ incidentId: string; opened: boolean }> {
    if (group.incidentId) return { incidentId: group.incidentId, opened: false };
    // One click declares; the others wait for its incident rather than make (and drop) their own,
    // which would leave gaps in INC-n. A claim older than a minute belongs to a process that died.
    const now = this.deps.clock.now().getTime();
    const claimed = await this.deps.groups.findOneAndUpdate(
      {
        _id: group._id,
        episode: group.episode,
        incidentId: null,
        $or: [{ incidentClaimAt: null }, { incidentClaimAt: { $lt: new Date(now - INCIDENT_CLAIM_MS) } }],
      },
      { $set: { incidentClaimAt: new Date(now) } },
    );
    if (!claimed) return this.incidentOf(group);
    const security = await this.deps.alerts.exists({ groupKey: group._id, 'labels.category': 'security' });
    const category: Category = security ? 'security' : 'technical';
    const title = truncate([group.name, group.system].filter(Boolean).join(' · '), 200);
    const { incident } = await this.deps.incidents.declare(
      {
        title,
        severity: INCIDENT_SEVERITY[group.severity],
        category,
        ...(group.system ? { system: truncate(group.system, 100) } : {}),
        description: truncate(this.deps.describeForIncident(group), 4000),
      },
      actor,
      `alert-group:${group._id}:${group.episode}`,
    );
    const linked = await this.deps.groups
      .findOneAndUpdate(
        { _id: group._id, episode: group.episode, incidentId: null },
        { $set: { incidentId: incident.shortId, lastIncidentId: incident.shortId } },
        { returnDocument: 'after' },
      )
      .lean<AlertGroup>();
    if (!linked) {
      const current = await this.deps.groups.findById(group._id).lean<AlertGroup>();
      return { incidentId: current?.incidentId ?? incident.shortId, opened: false };
    }
    await this.record(actor, 'alert.incident', linked, { incidentId: null }, { incidentId: incident.shortId });
    await this.announce(linked, { kind: 'incident', incidentId: incident.shortId, by: actor.key });
    // Whoever links it says it was opened: the declaration that made it may have lost this race.
    return { incidentId: incident.shortId, opened: true };
  }

  /** The incident another click is opening, once it is linked. */
  private async incidentOf(group: AlertGroup): Promise<{ incidentId: string; opened: false }> {
    for (let waited = 0; waited < INCIDENT_CLAIM_WAIT_MS; waited += 100) {
      const current = await this.deps.groups.findById(group._id, { incidentId: 1 }).lean<AlertGroup>();
      if (current?.incidentId) return { incidentId: current.incidentId, opened: false };
      await sleep(100);
    }
    throw new UserError('alert.errors.incident_opening', { id: group.shortId });
  }

  /** Says in the group's thread who silenced it from its card, until when. */
  async silenced(group: AlertGroup, silence: Silence, actor: Actor): Promise<void> {
    const current = await this.deps.groups.findById(group._id).lean<AlertGroup>();
    if (!current?.lastNotifiedAt) return;
    await this.deps.presenter.note(current, {
      kind: 'silenced',
      silenceId: silence._id,
      until: silence.endsAt,
      by: actor.key,
    });
  }

  /** The card and its thread, once the card has been shown in this episode (a button was clicked on it). */
  private async announce(group: AlertGroup, note: Parameters<AlertGroupPresenter['note']>[1]): Promise<void> {
    if (!group.lastNotifiedAt) return;
    await this.deps.presenter.show(group);
    await this.deps.presenter.note(group, note);
  }

  private record(actor: Actor, action: DoneAction, group: AlertGroup, before: unknown, after: unknown) {
    return this.deps.audit.record({
      actor: actor.key,
      action,
      objectType: 'alert-group',
      objectId: group.shortId ?? group._id,
      before,
      after,
      outcome: 'done',
      via: actor.via,
    });
  }
}
