// A person using Discord: interactions sent through the fake gateway, answers read from its REST log.
import type { Harness } from './harness.js';

export interface DiscordReply {
  type: number;
  data: {
    content?: string;
    flags?: number;
    embeds?: Array<{ title?: string; description?: string; fields?: Array<{ name: string; value: string }> }>;
    components?: unknown[];
  };
}

export const EPHEMERAL = 64;

/** `/ops channel set alerts` → command `ops`, subcommand `channel`, args `set alerts`. */
export async function discordCommand(
  h: Harness,
  typed: string,
  who: { userId?: string; locale?: string; channelId?: string } = {},
): Promise<DiscordReply> {
  const [command, sub, ...rest] = typed.replace(/^\//, '').split(' ');
  const args = rest.join(' ');
  const options = sub
    ? [{ type: 1, name: sub, options: args ? [{ type: 3, name: 'args', value: args }] : [] }]
    : undefined;
  const sent = h.discord!.sendCommand({
    name: command!,
    ...(options ? { options: options as never } : {}),
    userId: who.userId ?? '300000000000000099',
    locale: who.locale ?? 'zh-CN',
    ...(who.channelId ? { channelId: who.channelId } : {}),
  });
  return (await h.discord!.waitForReply(sent.id)) as DiscordReply;
}

export async function discordClick(
  h: Harness,
  customId: string,
  who: { userId?: string; locale?: string } = {},
): Promise<DiscordReply> {
  const sent = h.discord!.sendButton({
    customId,
    userId: who.userId ?? '300000000000000099',
    locale: who.locale ?? 'zh-CN',
  });
  return (await h.discord!.waitForReply(sent.id)) as DiscordReply;
}

export function embedTitle(reply: DiscordReply): string {
  return reply.data.embeds?.[0]?.title ?? '';
}

export function everything(reply: DiscordReply): string {
  return JSON.stringify(reply.data);
}

export async function discordSubmitModal(
  h: Harness,
  customId: string,
  fields: Record<string, string>,
  who: { userId?: string; locale?: string } = {},
): Promise<DiscordReply> {
  const sent = h.discord!.sendModalSubmit({
    customId,
    fields,
    userId: who.userId ?? '300000000000000099',
    locale: who.locale ?? 'zh-CN',
  });
  return (await h.discord!.waitForReply(sent.id)) as DiscordReply;
}
