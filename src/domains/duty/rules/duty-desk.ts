// Who is on duty for a team right now, as people and paging see it (issue 17): the roster's shift,
// except that until the incoming person takes over at a handover, the outgoing one stays on duty
// for paging.
import type { Handover, HandoverModel } from '../../../../models/duty/handover.js';
import type { DutyRoster, DutyTeam } from '../../../../models/duty/roster.js';
import { nextShift, shiftAt, type Shift } from './schedule.js';

/** The team's duty at an instant: the shift, who is next, and a handover not yet taken over. */
export interface DutyNow {
  roster: DutyRoster;
  shift: Shift | undefined;
  next: Shift | undefined;
  /** An open handover of this shift: its outgoing person is still the one paged. */
  pending: Handover | undefined;
}

/** Answers who is on duty for a team, from its roster and its open handover. */
export class DutyDesk {
  constructor(
    private readonly rosters: { get(team: DutyTeam): Promise<DutyRoster | undefined> },
    private readonly handovers: HandoverModel,
    private readonly zone: string,
  ) {}

  /** Undefined when the team keeps no roster (paging then falls back to the roles). */
  async at(team: DutyTeam, at: Date): Promise<DutyNow | undefined> {
    const roster = await this.rosters.get(team);
    if (!roster) return undefined;
    const shift = shiftAt(roster, at, this.zone);
    const next = nextShift(roster, at, this.zone);
    const pending =
      (await this.handovers
        .findOne({ team, state: 'open', at: { $lte: at }, until: { $gt: at } })
        .sort({ at: -1 })
        .lean<Handover>()) ?? undefined;
    return { roster, shift, next, pending };
  }

  /** Who is paged first and second for `team` at `at`: the outgoing person while a handover is open. */
  async paged(team: DutyTeam, at: Date): Promise<{ primary?: string; secondary?: string } | undefined> {
    const now = await this.at(team, at);
    if (!now) return undefined;
    const primary = now.pending?.outgoing ?? now.shift?.primary;
    const secondary = now.shift?.secondary !== primary ? now.shift?.secondary : undefined;
    return { ...(primary ? { primary } : {}), ...(secondary ? { secondary } : {}) };
  }
}
