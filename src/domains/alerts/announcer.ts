// Says what the grouping asks in the alerts channel: one card per group and episode, edited in
// place, with changes and acts in its thread. Written as wording: each channel reads it in its language.
// A group of Zhiban's own checks is said in the channel its alerts name (the backup findings in
// `backups`); every other group in `alerts`.
import type { ChannelKind } from '../../chat/commands.js';
import type { Clock } from '../../kernel/clock.js';
import type { AlertGroup } from '../../../models/alerts/alert-group.js';
import type { Notifier } from '../../notify/notifier.js';
import type { AlertGroupPresenter, GroupChanges, GroupNote } from './rules/presenter.js';
import { alertGroupMessage } from './cards/group.js';
import { testNoticeMessage } from './cards/test-notice.js';
import { changesMessage, noteMessage } from './cards/thread.js';
import type { NormalizedAlert } from './rules/intake.js';

/**
 * `alert-group:ALG-40` for the first episode; a group that fires again after resolving gets a new
 * card (`alert-group:ALG-40:2`) at the bottom of the channel, where people will see it, instead of
 * an edit to a card long scrolled away.
 */
export function alertGroupSubject(group: Pick<AlertGroup, 'shortId' | 'episode'>): string {
  const base = `alert-group:${group.shortId}`;
  return group.episode > 1 ? `${base}:${group.episode}` : base;
}

/** The kind of channel a group's card and thread go to. */
export function groupChannel(group: Pick<AlertGroup, 'channel'>): ChannelKind {
  return group.channel ?? 'alerts';
}

export class AlertGroupAnnouncer implements AlertGroupPresenter {
  constructor(
    private readonly notifier: Notifier,
    private readonly clock: Clock,
    private readonly timezone: string,
  ) {}

  async show(group: AlertGroup): Promise<void> {
    const shown = named(group);
    await this.notifier.showCard(groupChannel(shown), alertGroupSubject(shown), (t) =>
      alertGroupMessage(t, shown, this.timezone),
    );
  }

  async changes(group: AlertGroup, changes: GroupChanges): Promise<void> {
    const shown = named(group);
    await this.notifier.addToThread(groupChannel(shown), alertGroupSubject(shown), (t) =>
      changesMessage(t, shown, changes),
    );
  }

  /**
   * A sender's test notification (Grafana's contact-point "Test"): one card in the alerts channel,
   * marked as a test; a repeat of the same test edits it. Nothing is stored as firing.
   */
  async testNotice(alert: NormalizedAlert): Promise<void> {
    const now = this.clock.now();
    const subject = `alert-test:${alert.source}:${alert._id}:${alert.startsAt?.getTime() ?? 0}`;
    await this.notifier.showCard('alerts', subject, (t) => testNoticeMessage(t, alert, now, this.timezone));
  }

  async note(group: AlertGroup, note: GroupNote): Promise<void> {
    const shown = named(group);
    const now = this.clock.now();
    await this.notifier.addToThread(groupChannel(shown), alertGroupSubject(shown), (t) =>
      noteMessage(t, shown, note, now, this.timezone),
    );
  }
}

function named(group: AlertGroup): AlertGroup & { shortId: string } {
  if (!group.shortId) throw new Error(`alert group ${group._id} has no short id yet`);
  return group as AlertGroup & { shortId: string };
}
