// A channel's messages, oldest first, each card followed by its thread (updates, answers to clicks).
// A live region: a screen reader hears new messages; the list follows them when read at its end.
import { useLayoutEffect, useRef } from 'preact/hooks';
import type { CardButton } from '../../src/chat/card.js';
import type { PendingView, WebMessageView } from '../../src/chat/web/api-types.js';
import { useT } from '../i18n.js';
import type { ChannelView } from '../message-store.js';
import { MessageView } from './message-view.js';
import { PendingNote } from './pending-note.js';

export interface Busy {
  messageId: string;
  button: string;
}

export interface MessageListProps {
  label: string;
  channel: ChannelView;
  locale: string;
  timezone: string;
  more: boolean;
  onOlder(): void;
  onAction(view: WebMessageView, button: CardButton): void;
  busy: Busy | undefined;
  /** What is on its way to this channel, said under its messages. */
  pending: PendingView | undefined;
  /** `# 事件` for `incidents`: where a copy in direct messages came from. */
  channelLabel(channelId: string): string;
  /** A private message about to leave the channel's view. */
  fading(view: WebMessageView): boolean;
}

export function MessageList(props: MessageListProps) {
  const { label, channel, locale, timezone, more, onOlder, onAction, busy, pending, channelLabel, fading } = props;
  const t = useT();
  const list = useRef<HTMLDivElement>(null);
  const atEnd = useRef(true);
  const count = channel.cards.length + [...channel.replies.values()].reduce((n, r) => n + r.length, 0);

  useLayoutEffect(() => {
    const el = list.current;
    if (el && atEnd.current) el.scrollTop = el.scrollHeight;
  }, [count, label, Boolean(pending)]);

  const item = (view: WebMessageView) => (
    <MessageView
      key={view.id}
      view={view}
      locale={locale}
      timezone={timezone}
      onAction={onAction}
      busy={busy?.messageId === view.id ? busy.button : undefined}
      origin={view.origin ? channelLabel(view.origin) : undefined}
      fading={fading(view)}
    />
  );

  return (
    <div
      class="messages"
      ref={list}
      role="log"
      aria-label={label}
      tabIndex={0}
      onScroll={(event) => {
        const el = event.currentTarget;
        atEnd.current = el.scrollHeight - el.scrollTop - el.clientHeight < 40;
      }}
    >
      {more ? (
        <button type="button" class="btn plain older" onClick={onOlder}>
          {t('channel.older')}
        </button>
      ) : null}
      {channel.cards.length === 0 ? <p class="empty">{t('channel.empty')}</p> : null}
      {channel.cards.map((card) => {
        const replies = channel.replies.get(card.id) ?? [];
        return (
          <section key={card.id} class="entry">
            {item(card)}
            {replies.length ? (
              <details class="thread" open>
                <summary>{t('channel.thread', { count: replies.length })}</summary>
                {replies.map(item)}
              </details>
            ) : null}
          </section>
        );
      })}
      <PendingNote pending={pending} locale={locale} timezone={timezone} />
    </div>
  );
}
