// Saying the reminders that are due (issue 14, "Around the window"; Agenda, once each across
// processes): each due reminder is claimed by one conditional update that moves the upgrade's
// `nextReminder` on, so two processes, or a sweep taken over after a lock expired, say it once.
import type { Reminder, ReminderKind, Upgrade } from '../../../../models/upgrades/upgrade.js';
import type { Role } from '../../../access/roles.js';
import { SYSTEM_ACTOR_KEY } from '../../ops/audit-vocabulary.js';
import { reminderAfter } from './reminders.js';
import type { UpgradeBook } from './upgrade-book.js';

const BATCH = 200;

/** Who a reminder calls on (issue 14): sysops to click Start; sysops and pm when the window overruns. */
const CALLED: Partial<Record<ReminderKind, readonly Role[]>> = { open: ['sysops'], overrun: ['sysops', 'pm'] };

export class UpgradeReminding {
  constructor(
    private readonly book: UpgradeBook,
    /** The identities holding any of `roles` now (the ops domain's RoleAssignments.onDuty). */
    private readonly onDuty: (roles: readonly Role[]) => Promise<string[]>,
  ) {}

  /** Says every reminder due now; answers how many this call said. */
  async remindDue(): Promise<number> {
    const now = this.book.clock.now();
    const due = await this.book.model
      .find({ state: { $in: ['scheduled', 'in_progress'] }, 'nextReminder.at': { $lte: now } })
      .limit(BATCH)
      .lean<Upgrade[]>();
    let said = 0;
    for (const upgrade of due) if (await this.remind(upgrade, now)) said += 1;
    return said;
  }

  private async remind(upgrade: Upgrade, now: Date): Promise<boolean> {
    const sent = upgrade.nextReminder as Reminder;
    const next = reminderAfter(sent.kind, upgrade, now);
    const called = CALLED[sent.kind];
    const notify = called ? await this.onDuty(called) : [];
    const step = {
      at: now,
      actor: SYSTEM_ACTOR_KEY,
      kind: 'reminded' as const,
      reminder: sent.kind,
      ...(notify.length ? { notify } : {}),
    };
    const after = await this.book.change(
      upgrade._id,
      { state: upgrade.state, 'nextReminder.at': sent.at, 'nextReminder.kind': sent.kind },
      { nextReminder: next },
      step,
      false,
    );
    if (!after) return false;
    await this.book.record({
      actor: SYSTEM_ACTOR_KEY,
      action: 'upgrade.reminded',
      objectId: upgrade._id,
      after: { reminder: sent.kind },
      via: 'job',
    });
    await this.book.told(after, step);
    return true;
  }
}
