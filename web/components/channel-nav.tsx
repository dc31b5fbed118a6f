// The channel list: the six kinds' channels and the person's direct messages, with unread counts.
import type { ChannelView } from '../../src/chat/web/api-types.js';
import { useT } from '../i18n.js';

export interface ChannelNavProps {
  channels: readonly ChannelView[];
  current: string;
  unread: Readonly<Record<string, number>>;
  onPick(channelId: string): void;
}

export function ChannelNav({ channels, current, unread, onPick }: ChannelNavProps) {
  const t = useT();
  return (
    <nav class="channels" aria-label={t('channel.list')}>
      <ul>
        {channels.map((channel) => {
          const count = unread[channel.id] ?? 0;
          return (
            <li key={channel.id}>
              <button
                type="button"
                class={channel.id === current ? 'channel current' : 'channel'}
                aria-current={channel.id === current ? 'page' : undefined}
                data-channel={channel.id}
                onClick={() => onPick(channel.id)}
              >
                <span aria-hidden="true">{channel.direct ? '@' : '#'}</span> {channel.label}
                {count > 0 ? (
                  <span class="badge">
                    {count}
                    <span class="visually-hidden"> {t('channel.unread')}</span>
                  </span>
                ) : null}
              </button>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
