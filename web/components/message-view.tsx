// One message: what the reader typed, or what Zhiban said (a lead line and cards, or plain text),
// with its time, a note when only the reader sees it, and the people it calls on.
import { inLanguage, type CardButton } from '../../src/chat/card.js';
import type { WebMessageView } from '../../src/chat/web/api-types.js';
import { useT } from '../i18n.js';
import { CardView } from './card-view.js';

export interface MessageViewProps {
  view: WebMessageView;
  locale: string;
  timezone: string;
  onAction(view: WebMessageView, button: CardButton): void;
  busy: string | undefined;
  /** `# 事件`: in direct messages, where this private message was first shown. */
  origin?: string | undefined;
  /** About to leave the channel's view (private messages fade after a while). */
  fading?: boolean;
}

export function MessageView({ view, locale, timezone, onAction, busy, origin, fading }: MessageViewProps) {
  const t = useT();
  // The reader's language: a card said in the console carries every language (issue 10, part 5).
  const message = inLanguage(view.message, locale);
  const time = new Date(view.createdAt);
  const mentions = (message.mentions ?? []).filter((key) => key.startsWith('web:')).map((key) => `@${key.slice(4)}`);
  const cards = message.cards ?? [];
  return (
    <div
      class={`message${view.author ? ' typed' : ''}${view.private ? ' private' : ''}${fading ? ' fading' : ''}`}
      data-message-id={view.id}
    >
      <div class="message-meta">
        <span class="message-who">{view.author ? t('message.you') : t('message.zhiban')}</span>
        <time dateTime={view.createdAt}>
          {time.toLocaleTimeString(locale, { hour: '2-digit', minute: '2-digit', timeZone: timezone })}
        </time>
        {view.private ? <span class="message-private">{t('message.private')}</span> : null}
        {origin ? <span class="message-origin">{t('message.origin', { channel: origin })}</span> : null}
      </div>
      {mentions.length ? <p class="message-mentions">{mentions.join(' ')}</p> : null}
      {view.author ? <code class="message-typed">{message.text}</code> : null}
      {!view.author && cards.length === 0 ? <p class="message-text">{message.text}</p> : null}
      {message.lead && cards.length ? <p class="message-text">{message.lead}</p> : null}
      {cards.map((card, i) => (
        <CardView key={i} card={card} busy={busy} onAction={(button) => onAction(view, button)} />
      ))}
      {(message.attachments ?? []).map((file, i) =>
        file.url?.startsWith('/api/') ? (
          file.contentType === 'image/png' ? (
            <img key={`f${i}`} class="message-image" src={file.url} alt={file.title} loading="lazy" />
          ) : (
            <p key={`f${i}`} class="card-link">
              <a class="btn plain" href={file.url} download={file.name}>
                {file.title}
              </a>
            </p>
          )
        ) : null,
      )}
    </div>
  );
}
