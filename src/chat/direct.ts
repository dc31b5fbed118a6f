// A person's direct conversation with Zhiban, as the outbox names it: `dm:<their id on the
// platform>` (the web console's own name for a person's direct channel). Each adapter opens the
// platform's conversation for it when it posts there (Slack conversations.open, Discord's DM channel).
const DIRECT_PREFIX = 'dm:';

/** `U123` → `dm:U123`. */
export function directChannelOf(platformId: string): string {
  return `${DIRECT_PREFIX}${platformId}`;
}

/** `dm:U123` → `U123`; undefined for any other channel. */
export function directUserOf(channelId: string): string | undefined {
  return channelId.startsWith(DIRECT_PREFIX) ? channelId.slice(DIRECT_PREFIX.length) : undefined;
}
