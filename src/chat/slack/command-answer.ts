// Answers a slash command in its acknowledgement when the handler is quick (one HTTP exchange,
// the answer visible at once), and through response_url when it is not: Slack waits 3 s at most.
import type { AckFn, RespondArguments, RespondFn, SlashCommand } from '@slack/bolt';

type CommandAck = AckFn<string | RespondArguments>;

/** Slack allows 3 s; whatever is not answered by then is acknowledged empty. */
export const ACK_DEADLINE_MS = 2000;

export class CommandAnswer {
  private acked = false;
  private readonly timer: NodeJS.Timeout;
  private pendingAck: Promise<void> | undefined;

  constructor(
    private readonly ack: CommandAck,
    private readonly respond: RespondFn,
  ) {
    this.timer = setTimeout(() => void this.ackEmpty(), ACK_DEADLINE_MS);
  }

  /** The first answer rides in the acknowledgement; later ones go to response_url. */
  async send(payload: RespondArguments): Promise<void> {
    if (!this.acked) {
      this.acked = true;
      clearTimeout(this.timer);
      await this.ack(payload);
      return;
    }
    await this.pendingAck;
    await this.respond({ replace_original: false, ...payload });
  }

  /** Called when the handler is done: Slack must always get its acknowledgement. */
  async finish(): Promise<void> {
    await this.ackEmpty();
  }

  private async ackEmpty(): Promise<void> {
    clearTimeout(this.timer);
    if (this.acked) return this.pendingAck;
    this.acked = true;
    this.pendingAck = this.ack();
    await this.pendingAck;
  }
}

export type { SlashCommand };
