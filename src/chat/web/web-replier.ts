// How Zhiban answers one request from the page: public replies are stored as messages (under the
// card that was clicked, if any); private ones too, shown only to that person, and in a fixed
// channel also copied into their direct messages, where they stay once they fade from the channel
// view. A form is handed back in the HTTP answer. For a typed command, private answers wait until
// the handler is done (finishCommand), so a refusal can go to the direct messages alone.
import type { Message } from '../card.js';
import type { Replier } from '../context.js';
import type { Form } from '../form.js';
import { UserError } from '../user-error.js';
import { directChannel, isFixedChannel } from './web-channels.js';
import type { Viewer, WebMessages } from './web-messages.js';

export interface ReplierPlace {
  /** The card answered: replies go under it. */
  thread?: string | undefined;
  /** Private answers are held until finishCommand (a typed command). */
  holdPrivate?: boolean;
}

export class WebReplier implements Replier {
  /** The form a handler asked to open, returned to the page, which shows it as a dialog. */
  form: Form | undefined;
  /** The first answer saying nothing was done (Message.refusal). */
  refusal: Message | undefined;
  private readonly held: Message[] = [];

  constructor(
    private readonly messages: WebMessages,
    private readonly channelId: string,
    private readonly viewer: Viewer,
    private readonly place: ReplierPlace = {},
  ) {}

  async reply(message: Message): Promise<void> {
    await this.messages.add(this.channelId, message, { thread: this.place.thread });
  }

  async replyPrivate(message: Message): Promise<void> {
    if (message.refusal) this.refusal ??= message;
    if (this.place.holdPrivate) this.held.push(message);
    else await this.addPrivate(message, { thread: this.place.thread });
  }

  async openForm(form: Form): Promise<void> {
    if (this.form) throw new UserError('errors.form_unavailable');
    this.form = form;
  }

  /**
   * Stores what `typed` (sent at `at`) led to. A form alone stores nothing (the dialog is the
   * answer; cancelled, it leaves no trace); a refusal goes to the direct messages alone (the page
   * shows it by the command box); anything else goes in the channel with the echo first.
   */
  async finishCommand(typed: string, at: Date): Promise<void> {
    if (this.form && this.held.length === 0) return;
    const echo: Message = { text: typed };
    const author = this.viewer.key;
    if (this.refusal && isFixedChannel(this.channelId)) {
      const dm = directChannel(this.viewer.name);
      await this.messages.add(dm, echo, { audience: author, author, origin: this.channelId, at });
      for (const message of this.held)
        await this.messages.add(dm, message, { audience: author, origin: this.channelId });
      return;
    }
    await this.addPrivate(echo, { author, at });
    for (const message of this.held) await this.addPrivate(message, {});
  }

  private async addPrivate(message: Message, placement: { thread?: string | undefined; author?: string; at?: Date }) {
    const audience = this.viewer.key;
    await this.messages.add(this.channelId, message, { ...placement, audience });
    if (!isFixedChannel(this.channelId)) return;
    // The lasting copy: direct messages have no cards to answer, so it stands alone, saying where it was.
    await this.messages.add(directChannel(this.viewer.name), message, {
      author: placement.author,
      at: placement.at,
      audience,
      origin: this.channelId,
    });
  }
}
