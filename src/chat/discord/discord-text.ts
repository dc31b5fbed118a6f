// Discord's text at its edge: a command's arguments carry people as `<@123>` / `<@!123>` and
// channels as `<#123>`. In: decoded into neutral text. Out: a Discord person or channel written
// back as Discord writes it (embeds never ping; message content pings only the users Zhiban
// allows), anyone else by name; links as `label (url)`.
import { clean, entity, render, readable, type TextEntity } from '../neutral-text.js';

/** What Discord sent (a command's text) → neutral text. */
export function decodeDiscordText(raw: string): string {
  return clean(raw)
    .replace(/<@!?(\d{5,25})>/g, (_whole, id: string) => entity('user', `discord:${id}`))
    .replace(/<#(\d{5,25})>/g, (_whole, id: string) => entity('channel', `discord:${id}`));
}

/** Neutral text → Discord markdown. */
export function toDiscordText(text: string): string {
  return render(text, (plain) => plain, writeEntity);
}

function writeEntity(part: TextEntity): string {
  const discordId = part.target.startsWith('discord:') ? part.target.slice('discord:'.length) : undefined;
  if (discordId && part.kind === 'user') return `<@${discordId}>`;
  if (discordId && part.kind === 'channel') return `<#${discordId}>`;
  return readable(part);
}
