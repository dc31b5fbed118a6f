// The console's channels: one fixed channel per kind of message (its id is the kind), and for each
// person a direct channel with Zhiban that nobody else can see.
import { CHANNEL_KINDS, type ChannelKind } from '../commands.js';

const DIRECT_PREFIX = 'dm:';

export function directChannel(name: string): string {
  return `${DIRECT_PREFIX}${name}`;
}

export function isFixedChannel(channelId: string): channelId is ChannelKind {
  return (CHANNEL_KINDS as readonly string[]).includes(channelId);
}

export function canSeeChannel(name: string, channelId: string): boolean {
  return isFixedChannel(channelId) || channelId === directChannel(name);
}

/** Where each kind goes on the web unless someone chose otherwise (`/ops channel set`). */
export interface WebChannelBinder {
  bindIfUnbound(kind: ChannelKind, target: { platform: 'web'; channelId: string }, by: string): Promise<boolean>;
}

/** Run at start: every kind gets its fixed channel, so the outbox has somewhere to post on the web. */
export async function bindFixedChannels(binder: WebChannelBinder): Promise<void> {
  for (const kind of CHANNEL_KINDS) await binder.bindIfUnbound(kind, { platform: 'web', channelId: kind }, 'system');
}
