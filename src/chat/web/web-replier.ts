// How Zhiban answers one request from the page: public replies and private ones are stored as
// messages (under the card that was clicked, if any); a form is handed back in the HTTP answer.
import type { Message } from '../card.js';
import type { Replier } from '../context.js';
import type { Form } from '../form.js';
import { UserError } from '../user-error.js';
import type { Viewer, WebMessages } from './web-messages.js';

export class WebReplier implements Replier {
  /** The form a handler asked to open, returned to the page, which shows it as a dialog. */
  form: Form | undefined;

  constructor(
    private readonly messages: WebMessages,
    private readonly channelId: string,
    private readonly viewer: Viewer,
    private readonly thread?: string,
  ) {}

  async reply(message: Message): Promise<void> {
    await this.messages.add(this.channelId, message, { thread: this.thread });
  }

  async replyPrivate(message: Message): Promise<void> {
    await this.messages.add(this.channelId, message, { thread: this.thread, audience: this.viewer.key });
  }

  async openForm(form: Form): Promise<void> {
    if (this.form) throw new UserError('errors.form_unavailable');
    this.form = form;
  }
}
