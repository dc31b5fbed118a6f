// What the upgrades domain says unasked: an announced upgrade's card in `announcements`, edited in
// place at every step (a reminder refreshes how far away the window is), each step as a line in its
// thread; a high-risk draft's card in `approvals` until a pm decides, and the author told privately
// how the decision went.
import type { Upgrade, UpgradeStep } from '../../../models/upgrades/upgrade.js';
import type { Clock } from '../../kernel/clock.js';
import type { Notifier } from '../../notify/notifier.js';
import { stepLine, stepMessage } from './cards/step.js';
import { upgradeMessage } from './cards/upgrade.js';
import type { UpgradeObserver } from './rules/upgrade-book.js';

/** The outbox subject of an upgrade's card in `announcements`; its thread hangs under it. */
export function upgradeSubject(id: string): string {
  return `upgrade:${id}`;
}

/** The outbox subject of a high-risk draft's card in `approvals`. */
export function approvalSubject(id: string): string {
  return `upgrade-approval:${id}`;
}

/** Steps of a draft's approval, said on its approvals card and to its author. */
const DECISIONS: ReadonlySet<UpgradeStep['kind']> = new Set(['approved', 'rejected', 'expired']);

export class UpgradeAnnouncer implements UpgradeObserver {
  constructor(
    private readonly notifier: Notifier,
    private readonly clock: Clock,
    private readonly timezone: string,
  ) {}

  /** Cards and thread lines in each channel's language; the author's notice in their own. */
  async changed(upgrade: Upgrade, step: UpgradeStep): Promise<void> {
    const now = this.clock.now();
    const zone = this.timezone;
    const card = (t: Parameters<typeof upgradeMessage>[0]) => upgradeMessage(t, upgrade, now, zone);
    // A draft (never approved) lives on the approvals card only, to its end.
    const draft = upgrade.approval !== undefined && upgrade.approval.state !== 'approved';
    if (draft || (upgrade.approval && DECISIONS.has(step.kind))) {
      await this.notifier.showCard('approvals', approvalSubject(upgrade._id), card);
    }
    if (DECISIONS.has(step.kind)) {
      await this.notifier.addToThread('approvals', approvalSubject(upgrade._id), (t) =>
        stepMessage(t, upgrade, step, zone),
      );
      await this.notifier.tellPerson(upgrade.author, `upgrade-decision:${upgrade._id}`, (t) => ({
        text: stepLine(t, upgrade, step, zone),
      }));
    }
    // An upgrade is announced once it is scheduled: a draft's card stays with the approvers.
    if (draft) return;
    if (step.kind === 'announced' || step.kind === 'approved') {
      await this.notifier.showCard('announcements', upgradeSubject(upgrade._id), card);
    } else {
      await this.notifier.showCardWithLine('announcements', upgradeSubject(upgrade._id), card, (t) =>
        stepMessage(t, upgrade, step, zone),
      );
    }
  }
}
