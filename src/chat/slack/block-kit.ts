// Card → Slack Block Kit. Each card becomes an attachment so its tone shows as a coloured bar.
import { entity, plainText } from '../neutral-text.js';
import { truncate, truncateMarkup } from '../text.js';
import { toMrkdwn } from './slack-text.js';
import { mentionIds, type Card, type Message } from '../card.js';
import { TONE_COLORS } from '../tone-colors.js';

export type SlackAttachment = { color: string; fallback: string; blocks: SlackBlock[] };

/** Plain text, or cards as coloured attachments under an optional lead line. */
export type SlackMessage = { text: string } | { text?: string; attachments: SlackAttachment[] };

export type SlackBlock = Record<string, unknown>;

/** Slack's limits: header 150, section text 3000, field 2000, button label 75, value 2000. */
const LIMITS = { header: 150, text: 3000, field: 2000, button: 75, context: 3000, fallback: 3000 } as const;

export function toSlackMessage(message: Message): SlackMessage {
  // Mentions are the one markup Zhiban writes itself; everything people typed is escaped.
  const mentions = mentionIds(message, 'slack')
    .filter((id) => /^[A-Z0-9]+$/.test(id))
    .map((id) => `<@${id}> `)
    .join('');
  if (!message.cards?.length) return { text: truncateMarkup(mentions + toMrkdwn(message.text), LIMITS.fallback) };
  // Slack shows `text` above attachments, so only a lead goes there; notifications use each card's fallback.
  const lead = message.lead ? toMrkdwn(message.lead) : '';
  return {
    ...(mentions || lead ? { text: truncateMarkup(mentions + lead, LIMITS.fallback) } : {}),
    attachments: message.cards.map((card) => ({
      color: TONE_COLORS[card.tone ?? 'neutral'],
      fallback: truncate(plainText(card.title), LIMITS.fallback),
      blocks: cardBlocks(card),
    })),
  };
}

export function cardBlocks(card: Card): SlackBlock[] {
  const blocks: SlackBlock[] = [
    { type: 'header', text: { type: 'plain_text', text: truncate(plainText(card.title), LIMITS.header), emoji: true } },
  ];
  if (card.text) blocks.push(section(toMrkdwn(card.text)));
  const fields = card.fields ?? [];
  const short = fields.filter((f) => f.short);
  for (let i = 0; i < short.length; i += 10) {
    blocks.push({
      type: 'section',
      fields: short.slice(i, i + 10).map((f) => mrkdwn(`*${toMrkdwn(f.label)}*\n${toMrkdwn(f.value)}`, LIMITS.field)),
    });
  }
  for (const f of fields.filter((field) => !field.short)) {
    blocks.push(section(`*${toMrkdwn(f.label)}*\n${toMrkdwn(f.value)}`));
  }
  if (card.buttons?.length) {
    blocks.push({
      type: 'actions',
      elements: card.buttons.map((b) => ({
        type: 'button',
        action_id: b.actionId,
        value: b.value,
        text: { type: 'plain_text', text: truncate(plainText(b.label), LIMITS.button), emoji: true },
        ...(b.style ? { style: b.style } : {}),
      })),
    });
  }
  if (card.link) blocks.push(section(toMrkdwn(entity('link', card.link.url, card.link.label))));
  if (card.footer) blocks.push({ type: 'context', elements: [mrkdwn(toMrkdwn(card.footer), LIMITS.context)] });
  return blocks;
}

/** What people typed must not turn into mentions or links: Slack asks for &, < and > escaped. */

function section(text: string): SlackBlock {
  return { type: 'section', text: mrkdwn(text, LIMITS.text) };
}

function mrkdwn(text: string, max: number) {
  return { type: 'mrkdwn', text: truncateMarkup(text, max) };
}
