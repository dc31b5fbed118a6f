// Reading windows for others: the in-progress window of a system at an instant (the alerts
// domain marks that system's alerts as expected during it), the windows of a period (the duty
// roster and the reports), the upcoming ones (`/upgrade list`) and the announced ones (the
// iCalendar feed).
import type { Upgrade, UpgradeModel } from '../../../../models/upgrades/upgrade.js';

/** A window as the domains after upgrades read it (DomainServices.upgrades.windowsBetween). */
export interface WindowView {
  id: string;
  system: string;
  version: string;
  fromVersion?: string;
  start: Date;
  end: Date;
  status: 'scheduled' | 'in_progress';
  risk: 'low' | 'medium' | 'high';
}

/** Windows `/upgrade list` shows. */
export const LIST_SHOWN = 20;
/** Windows the feed carries: those that ended within this long, and all ahead. */
const FEED_PAST_MS = 30 * 24 * 3_600_000;
const FEED_MAX = 500;

export class UpgradeWindows {
  constructor(private readonly model: UpgradeModel) {}

  /**
   * The upgrade of `system` in progress at `at`, if any. A started window counts until it is
   * completed or rolled back, also past its planned end (an overrun is still maintenance).
   */
  async inProgress(system: string, at: Date): Promise<{ id: string } | undefined> {
    const found = await this.model
      .findOne({ system, state: 'in_progress', startedAt: { $lte: at } }, { _id: 1 })
      .lean<Pick<Upgrade, '_id'>>();
    return found ? { id: found._id } : undefined;
  }

  /**
   * Windows scheduled or in progress that overlap [from, to), soonest first. A window in progress
   * past its planned end (an overrun) still overlaps: it is not over until it is completed.
   */
  async between(from: Date, to: Date): Promise<WindowView[]> {
    const found = await this.model
      .find({
        start: { $lt: to },
        $or: [{ state: 'scheduled', end: { $gt: from } }, { state: 'in_progress' }],
      })
      .sort({ start: 1, _id: 1 })
      .limit(FEED_MAX)
      .lean<Upgrade[]>();
    return found.map(viewOf);
  }

  /** Upcoming and in progress, soonest first (`/upgrade list`). */
  upcoming(): Promise<Upgrade[]> {
    return this.model
      .find({ state: { $in: ['scheduled', 'in_progress'] } })
      .sort({ start: 1, _id: 1 })
      .limit(LIST_SHOWN)
      .lean<Upgrade[]>();
  }

  /**
   * What the iCalendar feed shows: every announced window (never a draft awaiting approval) that
   * ends after a month ago, cancelled ones included so subscribed calendars strike them out.
   */
  announced(now: Date): Promise<Upgrade[]> {
    return this.model
      .find({
        state: { $in: ['scheduled', 'in_progress', 'completed', 'rolled_back', 'cancelled'] },
        end: { $gt: new Date(now.getTime() - FEED_PAST_MS) },
      })
      .sort({ start: 1, _id: 1 })
      .limit(FEED_MAX)
      .lean<Upgrade[]>();
  }
}

function viewOf(upgrade: Upgrade): WindowView {
  return {
    id: upgrade._id,
    system: upgrade.system,
    version: upgrade.toVersion,
    ...(upgrade.fromVersion ? { fromVersion: upgrade.fromVersion } : {}),
    start: upgrade.start,
    end: upgrade.end,
    status: upgrade.state as WindowView['status'],
    risk: upgrade.risk,
  };
}
