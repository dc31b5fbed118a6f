// `/ops channel list` and the confirmation of `/ops channel set`.
import type { Message } from '../../../chat/card.js';
import { CHANNEL_KINDS, type ChannelKind } from '../../../chat/commands.js';
import type { Translate } from '../../../kernel/i18n.js';

export interface BoundChannel {
  kind: string;
  channelId: string;
  channelName?: string | null | undefined;
}

export function channelListMessage(t: Translate, platform: string, bindings: readonly BoundChannel[]): Message {
  const title = t('channel.list_title', { platform });
  if (bindings.length === 0) {
    return { text: t('channel.list_empty'), cards: [{ title, text: t('channel.list_empty'), tone: 'neutral' }] };
  }
  const byKind = new Map(bindings.map((b) => [b.kind, b]));
  const fields = CHANNEL_KINDS.map((kind) => {
    const bound = byKind.get(kind);
    return {
      label: t(`channel.kinds.${kind}`),
      value: bound ? channelMention(bound) : t('channel.unbound'),
      short: true,
    };
  });
  return {
    text: `${title}: ${fields.map((f) => `${f.label}=${f.value}`).join(', ')}`,
    cards: [{ title, tone: 'neutral', fields }],
  };
}

export function channelSetMessage(t: Translate, kind: ChannelKind, previous: string | undefined): Message {
  const kindName = t(`channel.kinds.${kind}`);
  const text = previous
    ? t('channel.set_replaced', { kind: kindName, previous: `#${previous}` })
    : t('channel.set_done', { kind: kindName });
  return { text, lead: text, cards: [{ title: text, tone: 'success' }] };
}

function channelMention(bound: BoundChannel): string {
  return bound.channelName ? `#${bound.channelName} (${bound.channelId})` : `#${bound.channelId}`;
}
