// Card → Discord message JSON: one embed per card, its buttons as action rows.
import { mentionIds, type Card, type CardButton, type Message } from '../card.js';
import { entity, plainText } from '../neutral-text.js';
import { truncate } from '../text.js';
import { toDiscordText } from './discord-text.js';
import { TONE_COLORS } from '../tone-colors.js';

/** Discord's limits: 10 embeds, 25 fields, 5 rows of 5 buttons, custom_id 100. */
const LIMITS = {
  title: 256,
  description: 4096,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  content: 2000,
} as const;

export interface DiscordEmbed {
  title: string;
  description?: string;
  color: number;
  fields?: Array<{ name: string; value: string; inline: boolean }>;
  footer?: { text: string };
}

export interface DiscordButton {
  type: 2;
  style: 1 | 2 | 4;
  custom_id: string;
  label: string;
}

export interface DiscordMessage {
  content: string;
  embeds: DiscordEmbed[];
  components: Array<{ type: 1; components: DiscordButton[] }>;
  /** Only the people Zhiban means to notify are pinged; nothing typed by users pings anyone. */
  allowed_mentions: { parse: []; users: string[] };
}

export function toDiscordMessage(message: Message): DiscordMessage {
  const cards = (message.cards ?? []).slice(0, 10);
  const buttons = cards.flatMap((card) => card.buttons ?? []).slice(0, 25);
  const rows: DiscordMessage['components'] = [];
  for (let i = 0; i < buttons.length; i += 5) {
    rows.push({ type: 1, components: buttons.slice(i, i + 5).map(toButton) });
  }
  const users = mentionIds(message, 'discord').filter((id) => /^\d{5,25}$/.test(id));
  const mentions = users.map((id) => `<@${id}> `).join('');
  return {
    // With cards, the embeds say it all, under the lead if there is one.
    content: truncate(mentions + toDiscordText(cards.length ? (message.lead ?? '') : message.text), LIMITS.content),
    embeds: cards.map(toEmbed),
    components: rows,
    allowed_mentions: { parse: [], users },
  };
}

/** Ids are short (`INC-12`); a longer one is a bug, and cutting it would make clicks act on the wrong thing. */
export function customId(actionId: string, value: string): string {
  const id = `${actionId}:${value}`;
  if (id.length > 100) throw new Error(`Discord custom_id over 100 characters: ${id.slice(0, 40)}…`);
  return id;
}

/** `incident.ack:INC-12` → action and value; the value may itself contain colons. */
export function parseCustomId(raw: string): { actionId: string; value: string } {
  const at = raw.indexOf(':');
  return at < 0 ? { actionId: raw, value: '' } : { actionId: raw.slice(0, at), value: raw.slice(at + 1) };
}

function toEmbed(card: Card): DiscordEmbed {
  const embed: DiscordEmbed = {
    title: truncate(plainText(card.title), LIMITS.title),
    color: parseInt(TONE_COLORS[card.tone ?? 'neutral'].slice(1), 16),
  };
  // A link reads `label (url)`: Discord makes the URL itself clickable.
  const link = card.link ? toDiscordText(entity('link', card.link.url, card.link.label)) : '';
  const text = [card.text ? toDiscordText(card.text) : '', link].filter(Boolean).join('\n');
  if (text) embed.description = truncate(text, LIMITS.description);
  if (card.fields?.length) {
    embed.fields = card.fields.slice(0, 25).map((f) => ({
      name: truncate(plainText(f.label), LIMITS.fieldName),
      value: truncate(toDiscordText(f.value) || '—', LIMITS.fieldValue),
      inline: f.short === true,
    }));
  }
  if (card.footer) embed.footer = { text: truncate(plainText(card.footer), LIMITS.footer) };
  return embed;
}

function toButton(button: CardButton): DiscordButton {
  const style = button.style === 'primary' ? 1 : button.style === 'danger' ? 4 : 2;
  return {
    type: 2,
    style,
    custom_id: customId(button.actionId, button.value),
    label: truncate(plainText(button.label), 80),
  };
}
