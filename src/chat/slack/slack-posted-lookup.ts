// Slack has no idempotency key for chat.postMessage. So every post the outbox makes carries the
// outbox message's id in its metadata, and a post whose earlier attempt may have arrived (the
// sender died between Slack's answer and the outbox's mark, or the answer was lost) is first looked
// for in the channel's recent history, or the thread's replies, before it is sent again.
// Only such posts are looked for: the normal path costs no extra call.
import type { webApi } from '@slack/bolt';

type WebClient = webApi.WebClient;

/** Slack allows letters, digits, `_` and `-` in an event type. */
export const OUTBOX_EVENT_TYPE = 'zhiban_outbox';

/** Slack's clock and ours may differ by this much; the search starts that much earlier. */
const CLOCK_SKEW_MS = 5 * 60_000;
/** Slack's advice for a page of history; it may answer with fewer. */
const PAGE_SIZE = 200;
/** Beyond this many messages since it was stored, a message is taken as never posted. */
const MAX_PAGES = 5;

/** The metadata that names a post as the outbox message `key`. */
export function outboxMetadata(key: string): { event_type: string; event_payload: { outbox_id: string } } {
  return { event_type: OUTBOX_EVENT_TYPE, event_payload: { outbox_id: key } };
}

export interface PostedLookup {
  channelId: string;
  key: string;
  /** The earliest time the message can have been posted (the outbox stored it then). */
  since: Date;
  /** The card's ts: look among its thread's replies rather than in the channel. */
  threadOf?: string | undefined;
}

/**
 * The ts of the message carrying `key` posted since `since`, or undefined when none is found within
 * MAX_PAGES pages. Uses conversations.history (or conversations.replies) with
 * `include_all_metadata`, so the bot needs `channels:history` (and `groups:history` for private
 * channels). Fails with web-api's errors, as any call does.
 */
export async function findPosted(client: WebClient, lookup: PostedLookup): Promise<string | undefined> {
  const { channelId, key, since, threadOf } = lookup;
  const oldest = ((since.getTime() - CLOCK_SKEW_MS) / 1000).toFixed(6);
  let cursor: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const args = {
      channel: channelId,
      oldest,
      limit: PAGE_SIZE,
      include_all_metadata: true,
      ...(cursor ? { cursor } : {}),
    };
    const result = threadOf
      ? await client.conversations.replies({ ...args, ts: threadOf })
      : await client.conversations.history(args);
    const found = result.messages?.find((message) => carries(message, key));
    if (found?.ts) return found.ts;
    cursor = result.response_metadata?.next_cursor;
    if (!result.has_more || !cursor) return undefined;
  }
  return undefined;
}

function carries(message: { metadata?: unknown }, key: string): boolean {
  const metadata = message.metadata as { event_type?: unknown; event_payload?: { outbox_id?: unknown } } | undefined;
  return metadata?.event_type === OUTBOX_EVENT_TYPE && metadata.event_payload?.outbox_id === key;
}
