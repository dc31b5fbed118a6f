// A Feishu message read as a command, decoded once at Feishu's edge. Feishu has no slash commands: a
// text message that @-mentions the bot in a group, or any text message in a person's chat with it,
// is a command: `@值班 /incident declare P1 …`, the same without the slash. Mentions arrive as
// placeholders (`@_user_1`) listed in `message.mentions`; the bot's own is dropped, other people
// become neutral user entities (`feishu:<open_id>`).
import { clean, entity } from '../neutral-text.js';

/** A mention as `im.message.receive_v1` lists it. */
export interface FeishuMention {
  key: string;
  id?: { open_id?: string };
  name?: string;
}

/** The parts of `im.message.receive_v1`'s `message` read here. */
export interface FeishuIncomingMessage {
  chat_type?: string;
  message_type?: string;
  content?: string;
  mentions?: FeishuMention[];
}

export interface TypedCommand {
  /** Without the slash, lower case: `incident`. */
  command: string;
  /** The rest, as neutral text. */
  text: string;
}

/** What an empty message (only the mention) is read as: the help. */
const EMPTY_COMMAND: TypedCommand = { command: 'ops', text: 'help' };

/**
 * The command in `message`, or undefined when it is not one: a group message that does not mention
 * the bot, a message that is neither text nor rich text (`post`, what Feishu sends once the text is
 * formatted or pasted: its words are read, its title, images and styles are not). A message that
 * only mentions the bot is read as `/ops help`.
 */
export function commandOf(message: FeishuIncomingMessage, botOpenId: string | undefined): TypedCommand | undefined {
  if (message.message_type !== 'text' && message.message_type !== 'post') return undefined;
  const mentions = message.mentions ?? [];
  const mentionsBot = mentions.some((m) => botOpenId !== undefined && m.id?.open_id === botOpenId);
  if (message.chat_type !== 'p2p' && !mentionsBot) return undefined;
  const raw = message.message_type === 'post' ? postTextOf(message.content) : textOf(message.content);
  const text = decodeFeishuText(raw, mentions, botOpenId).trim();
  // The slash may be the full-width one a Chinese input method types.
  const match = /^[/／]?(\S+)\s*([\s\S]*)$/.exec(text);
  if (!match) return EMPTY_COMMAND;
  return { command: match[1]!.toLowerCase(), text: match[2]! };
}

/** The typed text with each mention placeholder replaced: the bot's by nothing, a person's by an entity. */
export function decodeFeishuText(raw: string, mentions: FeishuMention[], botOpenId: string | undefined): string {
  let text = clean(raw);
  // Longest keys first, so `@_user_10` is not read as `@_user_1` and a `0`.
  for (const mention of [...mentions].sort((a, b) => b.key.length - a.key.length)) {
    if (!mention.key) continue;
    const openId = mention.id?.open_id;
    const replacement = openId === botOpenId || !openId ? '' : entity('user', `feishu:${openId}`, nameOf(mention));
    text = text.split(mention.key).join(replacement);
  }
  return text;
}

/**
 * A person's name as one word, so the command's words stay apart (src/chat/args.ts splits on spaces
 * and quotes): `John Smith` reads `John·Smith`, as Chinese writes foreign names.
 */
function nameOf(mention: FeishuMention): string {
  return clean(mention.name ?? '')
    .replace(/["“”]/g, '')
    .trim()
    .replace(/\s+/g, '·');
}

/** A text message's content is JSON: `{"text": "…"}`; anything else reads as no text. */
function textOf(content: string | undefined): string {
  try {
    const parsed = JSON.parse(content ?? '') as { text?: unknown };
    return typeof parsed.text === 'string' ? parsed.text : '';
  } catch {
    return '';
  }
}

/** An element of a rich-text (`post`) paragraph, as `im.message.receive_v1` gives it. */
interface PostElement {
  tag?: string;
  text?: unknown;
  user_id?: unknown;
}

/**
 * A rich-text message's words, paragraphs on lines of their own: its text and links as written, its
 * mentions as the placeholders (`@_user_1`) decodeFeishuText replaces. Content arrives as
 * `{"title", "content": [[element, …], …]}`, or wrapped in a language (`{"zh_cn": {…}}`).
 */
function postTextOf(content: string | undefined): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(content ?? '');
  } catch {
    return '';
  }
  const body = (value: unknown): unknown[] | undefined => {
    const paragraphs = (value as { content?: unknown } | null)?.content;
    return Array.isArray(paragraphs) ? paragraphs : undefined;
  };
  const paragraphs =
    body(parsed) ??
    Object.values((parsed as Record<string, unknown> | null) ?? {})
      .map(body)
      .find((found) => found !== undefined) ??
    [];
  return paragraphs
    .filter(Array.isArray)
    .map((paragraph: PostElement[]) =>
      paragraph
        .map((element) => {
          if ((element.tag === 'text' || element.tag === 'a') && typeof element.text === 'string') return element.text;
          if (element.tag === 'at' && typeof element.user_id === 'string') return element.user_id;
          return '';
        })
        .join(''),
    )
    .join('\n');
}
