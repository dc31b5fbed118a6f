// The port through which services say things nobody asked for: a card in a kind's channel,
// kept up to date in place, the updates that go in its thread, and a word to one person in their
// direct conversation with Zhiban. Stored before sent.
import type { Message } from '../chat/card.js';
import type { ChannelKind } from '../chat/commands.js';
import type { Wording } from '../chat/wording.js';

export interface Notifier {
  /**
   * Shows the card for `subject` (e.g. `incident:INC-12`) in the channel bound to `kind`, on
   * every platform that has one: posted the first time, edited in place after that.
   * Resolves once the wish is stored; sending happens after, with retries, surviving restarts.
   * `wording` is put into each channel's language (src/chat/wording.ts).
   */
  showCard(kind: ChannelKind, subject: string, wording: Wording): Promise<void>;

  /** Adds `wording` to the thread under the card for `subject` (in the channel if there is no card). */
  addToThread(kind: ChannelKind, subject: string, wording: Wording): Promise<void>;

  /**
   * Says `message` to `person` (`slack:U123`) alone, in their direct conversation with Zhiban on
   * that platform; nothing when Zhiban does not speak that platform. `subject` names it in the
   * outbox (e.g. `restore-notice:RST-3:approved`). Resolves once stored.
   */
  tell(person: string, subject: string, message: Message): Promise<void>;
}
