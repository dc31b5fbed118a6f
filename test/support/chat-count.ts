// What of the outbox reached the fake Slack: each post and thread line Zhiban stored to say, found
// on the fake by the outbox id it carries in its metadata (src/chat/slack/slack-posted-lookup.ts),
// counted once, twice, or not at all. Shared by the chaos tests and `npm run chaos`.
import { MongoClient, type ObjectId } from 'mongodb';
import type { FakeSlack } from './fake-slack.js';

export interface ChatCount {
  /** Posts and thread lines the outbox holds for Slack (merged ones, folded into a later card by a storm, excluded). */
  wished: number;
  /** Of them, those on the fake at least once. */
  sent: number;
  /** Posts said as an edit of their subject's card, which an earlier post had put up. */
  edited: number;
  /** Posts on the fake beyond the first for the same outbox message. */
  duplicates: number;
  /** Wished but neither on the fake nor an edit of a card on it (pending, failed, or marked sent without arriving). */
  lost: number;
  /** Not yet sent or given up: pending, sending or held. */
  unsettled: number;
  /** The lost ones, for a failing test's message: op, state, subject and last error of each (at most 5). */
  lostOnes: string[];
}

interface OutboxDoc {
  _id: ObjectId;
  op: string;
  state: string;
  platform: string;
  subject: string;
  lastError?: string;
  attempts: number;
}

/** The outbox ids carried by every message (and reply) in `channels` on the fake, with how often each appears. */
export function postedKeys(slack: FakeSlack, channels: string[]): Map<string, number> {
  const seen = new Map<string, number>();
  const note = (m: { metadata?: Record<string, unknown> }) => {
    const id = (m.metadata?.event_payload as { outbox_id?: unknown } | undefined)?.outbox_id;
    if (typeof id === 'string') seen.set(id, (seen.get(id) ?? 0) + 1);
  };
  for (const channel of channels) {
    for (const top of slack.messagesIn(channel)) {
      note(top);
      for (const reply of slack.repliesUnder(channel, top.ts)) if (reply.ts !== top.ts) note(reply);
    }
  }
  return seen;
}

/** Counts the Slack outbox of the database at `uri` against what the fake holds in `channels`. */
export function countChat(uri: string, slack: FakeSlack, channels: string[]): Promise<ChatCount> {
  return countOutbox(uri, 'slack', postedKeys(slack, channels));
}

/**
 * Counts the outbox of `platform` in the database at `uri` against `seen` (outbox id → how many
 * posts carry it on the fake): FakeDiscord's postedNonces() for Discord, postedKeys() for Slack.
 */
export async function countOutbox(
  uri: string,
  platform: string,
  seen: ReadonlyMap<string, number>,
): Promise<ChatCount> {
  const client = await MongoClient.connect(uri, { serverSelectionTimeoutMS: 10_000 });
  try {
    const wishes = await client
      .db()
      .collection<OutboxDoc>('outbox_messages')
      .find({ platform, op: { $in: ['post', 'thread'] }, state: { $ne: 'merged' } })
      .project<OutboxDoc>({ op: 1, state: 1, platform: 1, subject: 1, lastError: 1, attempts: 1 })
      .toArray();
    let sent = 0;
    let lost = 0;
    let unsettled = 0;
    let edited = 0;
    const lostOnes: string[] = [];
    // A post for a subject whose card is already up is sent as an edit of that card (message-delivery.ts).
    const cardUp = new Set(wishes.filter((w) => w.op === 'post' && seen.has(String(w._id))).map((w) => w.subject));
    for (const wish of wishes) {
      if (seen.has(String(wish._id))) sent++;
      else if (wish.op === 'post' && wish.state === 'sent' && cardUp.has(wish.subject)) edited++;
      else {
        lost++;
        if (lostOnes.length < 5) {
          lostOnes.push(`${wish.op} ${wish.subject} ${wish.state} ×${wish.attempts}: ${wish.lastError ?? ''}`);
        }
      }
      if (['pending', 'sending', 'held'].includes(wish.state)) unsettled++;
    }
    const duplicates = [...seen.values()].reduce((sum, n) => sum + n - 1, 0);
    return { wished: wishes.length, sent, edited, duplicates, lost, unsettled, lostOnes };
  } finally {
    await client.close();
  }
}
