// A person named in a command → `platform:id`. Accepts a Slack mention (`<@U123|name>`, `<@U123>`),
// a Discord mention (`<@123>`, `<@!123>`), a typed `slack:U123` / `discord:123` / `web:alice`, or a
// bare id on the speaker's own platform. Anything else is refused rather than guessed.
import type { Platform } from './actor.js';
import { parts } from './neutral-text.js';

// Slack user ids are upper case: a lower-case word is a name we cannot resolve, not an id.
const SLACK_ID = /^[UW][A-Z0-9]{1,20}$/;
const DISCORD_ID = /^\d{1,25}$/;
const WEB_ID = /^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$/;
// Feishu's open_id: `ou_` and 32 hex digits (shorter ones are accepted: the shape is Feishu's to change).
const FEISHU_ID = /^ou_[A-Za-z0-9]{8,64}$/;
const ID_PATTERNS: Record<Platform, RegExp> = { slack: SLACK_ID, discord: DISCORD_ID, web: WEB_ID, feishu: FEISHU_ID };

// `!` is Discord's nickname mention; `|name` is Slack's escaped label. `&` (roles) and `#` (channels) never match.
const MENTION = /^<@(!?)([A-Za-z0-9]+)(?:\|[^<>]{0,100})?>$/;
const TYPED = /^(slack|discord|web|feishu):(.*)$/i;
const LONGEST = 200;

export function parseUserRef(typed: string, speakerPlatform: Platform): string | undefined {
  const text = typed.trim();
  if (text === '' || text.length > LONGEST) return undefined;
  // A mention the platform's edge already decoded (src/chat/neutral-text.ts).
  const decoded = parts(text);
  if (decoded.length === 1 && typeof decoded[0] !== 'string') {
    const [platform, id] = splitKey(decoded[0]!.kind === 'user' ? decoded[0]!.target : '');
    return platform ? userKey(platform, id) : undefined;
  }
  const mention = MENTION.exec(text);
  if (mention) {
    const [, nickname, id] = mention as unknown as [string, string, string];
    // The id's shape says whose mention it is, so one pasted from the other platform still works.
    if (DISCORD_ID.test(id)) return `discord:${id}`;
    if (!nickname && SLACK_ID.test(id)) return `slack:${id}`;
    return undefined;
  }
  const full = TYPED.exec(text);
  if (full) return userKey(full[1]!.toLowerCase() as Platform, full[2]!);
  return userKey(speakerPlatform, text);
}

function userKey(platform: Platform, id: string): string | undefined {
  return ID_PATTERNS[platform].test(id) ? `${platform}:${id}` : undefined;
}

function splitKey(key: string): [Platform | undefined, string] {
  const match = TYPED.exec(key);
  return match ? [match[1]!.toLowerCase() as Platform, match[2]!] : [undefined, ''];
}
