// The port through which services say things nobody asked for: a card in a kind's channel,
// kept up to date in place, the updates that go in its thread, and what is said to one person
// privately. Stored before sent.
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
   * showCard(`card`) then addToThread(`line`), stored in one write: the card changed and the line
   * in its thread that says what changed, the commonest pair (a round trip fewer per click).
   */
  showCardWithLine(kind: ChannelKind, subject: string, card: Wording, line: Wording): Promise<void>;

  /**
   * Tells one person privately, on their own platform: the card for `subject` (e.g. `survey:SRV-3`)
   * in their direct conversation with Zhiban (a Slack DM, a Discord DM, the web console's
   * `dm:<name>`), posted the first time and edited in place after that, as showCard does in a
   * channel. `person` is a `platform:id` key (`slack:U123`). Stored before sent, sent once, surviving
   * restarts; the conversation is opened when it is sent. `wording` is put into that person's
   * language (their `/ops lang`, else DEFAULT_LOCALE). Resolves false, storing nothing, when the
   * person's platform is not on in this Zhiban (see `reaches`).
   */
  tellPerson(person: string, subject: string, wording: Wording): Promise<boolean>;

  /** Whether tellPerson can reach `person`: a `platform:id` key of a platform this Zhiban speaks. */
  reaches(person: string): boolean;
}
