// One neutral Card as HTML: the tone as a coloured edge, title, text, fields (short ones side by
// side), real <button>s for its actions, its link (a download), and the footer. All text is
// rendered as text, never as HTML.
import type { Card, CardButton } from '../../src/chat/card.js';
import { TONE_COLORS } from '../../src/chat/tone-colors.js';

/** A link is followed only to the console's own paths or an http(s) address, never `javascript:`. */
const SAFE_URL = /^(\/(?!\/)|https?:\/\/)/i;

export interface CardViewProps {
  card: Card;
  onAction(button: CardButton): void;
  busy: string | undefined;
}

export function CardView({ card, onAction, busy }: CardViewProps) {
  const tone = card.tone ?? 'neutral';
  const fields = card.fields ?? [];
  return (
    <article class={`card tone-${tone}`} style={{ borderLeftColor: TONE_COLORS[tone] }}>
      <h3 class="card-title">{card.title}</h3>
      {card.text ? <p class="card-text">{card.text}</p> : null}
      {fields.length ? (
        <dl class="card-fields">
          {fields.map((field, i) => (
            <div key={i} class={field.short ? 'field short' : 'field'}>
              <dt>{field.label}</dt>
              <dd>{field.value || '—'}</dd>
            </div>
          ))}
        </dl>
      ) : null}
      {card.buttons?.length ? (
        <div class="card-buttons">
          {card.buttons.map((button) => {
            const id = `${button.actionId}:${button.value}`;
            return (
              <button
                key={id}
                type="button"
                class={`btn ${button.style ?? 'plain'}`}
                data-action={button.actionId}
                disabled={busy !== undefined}
                aria-busy={busy === id}
                onClick={() => onAction(button)}
              >
                {button.label}
              </button>
            );
          })}
        </div>
      ) : null}
      {card.link && SAFE_URL.test(card.link.url) ? (
        <p class="card-link">
          <a class="btn plain" href={card.link.url} download>
            {card.link.label}
          </a>
        </p>
      ) : null}
      {card.footer ? <footer class="card-footer">{card.footer}</footer> : null}
    </article>
  );
}
