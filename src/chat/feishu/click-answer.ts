// The answer to one card click (`card.action.trigger`), which Feishu waits for at most 3 s: a new
// card for the clicked message and a toast for the clicker. What the handler says before it finishes
// (or before ANSWER_AFTER_MS) rides in that answer; anything later is sent as a call of its own.
import type { FeishuCard } from './feishu-card.js';

/** Feishu allows 3 s; answer a little before that, whatever the handler is still doing. */
export const ANSWER_AFTER_MS = 2500;
/** A toast is one short line; a longer private answer goes to the person's chat with the bot. */
export const TOAST_MAX = 200;

/** What the event handler returns to the SDK, which sends it back over the long connection. */
export interface CallbackResponse {
  toast?: { type: 'info' | 'error'; content: string };
  card?: { type: 'raw'; data: FeishuCard };
}

export class ClickAnswer {
  private card: FeishuCard | undefined;
  private toast: CallbackResponse['toast'];
  private sent = false;
  private readonly timer: NodeJS.Timeout;
  private resolve!: (response: CallbackResponse) => void;
  /** Settles once: when the handler finishes, or ANSWER_AFTER_MS after the click arrived. */
  readonly response = new Promise<CallbackResponse>((resolve) => {
    this.resolve = resolve;
  });

  constructor(answerAfterMs = ANSWER_AFTER_MS) {
    this.timer = setTimeout(() => this.finish(), answerAfterMs);
  }

  /** Takes the clicked card's new look into the answer; false when the answer has gone (patch it instead). */
  offerCard(card: FeishuCard): boolean {
    if (this.sent) return false;
    this.card = card;
    return true;
  }

  /** Takes a short private line as the answer's toast; false when it has gone or already has one. */
  offerToast(content: string, type: 'info' | 'error' = 'info'): boolean {
    if (this.sent || this.toast || content.length > TOAST_MAX) return false;
    this.toast = { type, content };
    return true;
  }

  finish(): void {
    if (this.sent) return;
    this.sent = true;
    clearTimeout(this.timer);
    this.resolve({
      ...(this.toast ? { toast: this.toast } : {}),
      ...(this.card ? { card: { type: 'raw' as const, data: this.card } } : {}),
    });
  }
}
