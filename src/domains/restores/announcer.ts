// What the restores domain says unasked: the request's card in the approvals channel, edited in
// place at every step, each step as a line in its thread, and the requester told privately when
// their request is decided or carried out.
import type { RestoreRequest, RestoreStep } from '../../../models/restores/restore-request.js';
import type { Clock } from '../../kernel/clock.js';
import type { Translate } from '../../kernel/i18n.js';
import type { Notifier } from '../../notify/notifier.js';
import { noticeMessage } from './cards/notice.js';
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
    /** The approvals channel is read by the whole team: its language is the team's default. */
    private readonly t: Translate,
    /** The requester's own language, for what they are told privately. */
    private readonly tFor: (person: string) => Promise<Translate>,
    private readonly clock: Clock,
    private readonly timezone: string,
  ) {}

  async changed(restore: RestoreRequest, step: RestoreStep): Promise<void> {
    const subject = restoreSubject(restore._id);
    await this.notifier.showCard(
      'approvals',
      subject,
      restoreMessage(this.t, restore, this.clock.now(), this.timezone),
    );
    if (step.kind !== 'requested') {
      await this.notifier.addToThread('approvals', subject, stepMessage(this.t, restore, step, this.timezone));
    }
    const notice = noticeMessage(await this.tFor(restore.requester), restore, step);
    if (notice) {
      await this.notifier.tell(restore.requester, `restore-notice:${restore._id}:${step.kind}`, notice);
    }
  }
}
