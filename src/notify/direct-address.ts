// How the outbox names a person rather than a channel: `@<userId>` in place of a channel id. The
// person's direct conversation is opened (or found) only when the message is sent
// (ChatAdapter.openDirect), so storing what must be said never waits on a platform.
import { PLATFORMS, type Platform } from '../chat/actor.js';

const PREFIX = '@';

/** The outbox's channel id for the direct conversation with `userId` on its platform. */
export function directAddress(userId: string): string {
  return `${PREFIX}${userId}`;
}

/** The user id an outbox channel id addresses directly (`@U123` → `U123`); undefined for a channel. */
export function directUserOf(channelId: string): string | undefined {
  return channelId.startsWith(PREFIX) && channelId.length > PREFIX.length ? channelId.slice(PREFIX.length) : undefined;
}

/** `slack:U123` → `{ platform: 'slack', userId: 'U123' }`; undefined for a key of no platform Zhiban knows. */
export function personKeyParts(person: string): { platform: Platform; userId: string } | undefined {
  const at = person.indexOf(':');
  const platform = person.slice(0, at);
  const userId = person.slice(at + 1);
  if (at <= 0 || !userId || !(PLATFORMS as readonly string[]).includes(platform)) return undefined;
  return { platform: platform as Platform, userId };
}
