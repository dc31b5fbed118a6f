// What the restores domain says unasked: the request's card in the approvals channel, edited in
// place at every step, each step as a line in its thread, and the requester told privately when
// their request is decided or carried out.
import type { RestoreRequest, RestoreStep } from '../../../models/restores/restore-request.js';
import type { Clock } from '../../kernel/clock.js';
import type { Notifier } from '../../notify/notifier.js';
import type { Wording } from '../../chat/wording.js';
import { noticeMessage, noticeOf } from './cards/notice.js';
import { restoreMessage } from './cards/restore.js';
import { stepMessage } from './cards/step.js';
import type { RestoreObserver } from './rules/restore-book.js';

/** The outbox subject of a request's card; its thread hangs under it. */
export function restoreSubject(id: string): string {
  return `restore:${id}`;
}

export class RestoreAnnouncer implements RestoreObserver {
  constructor(
    private readonly notifier: Notifier,
    private readonly clock: Clock,
    private readonly timezone: string,
  ) {}

  /** Card and thread line in the approvals channel's language; the notice in the requester's own. */
  async changed(restore: RestoreRequest, step: RestoreStep): Promise<void> {
    const subject = restoreSubject(restore._id);
    const now = this.clock.now();
    const card: Wording = (t) => restoreMessage(t, restore, now, this.timezone);
    if (step.kind === 'requested') await this.notifier.showCard('approvals', subject, card);
    else {
      await this.notifier.showCardWithLine('approvals', subject, card, (t) =>
        stepMessage(t, restore, step, this.timezone),
      );
    }
    if (noticeOf(restore, step)) {
      await this.notifier.tellPerson(restore.requester, `restore-notice:${restore._id}:${step.kind}`, (t) => {
        const notice = noticeMessage(t, restore, step);
        if (!notice) throw new Error(`restore ${restore._id}: no notice for the step ${step.kind}`);
        return notice;
      });
    }
  }
}
