// Slack's text format at its edge (https://api.slack.com/reference/surfaces/formatting): Slack
// sends what a person typed with `&`, `<`, `>` as `&amp;`, `&lt;`, `&gt;`, and mentions, channels
// and links as `<@U…|name>`, `<#C…|name>`, `<https://…|label>`. In: decoded once into neutral text.
// Out: neutral text written as mrkdwn, escaping what people typed so nothing becomes live markup.
import { clean, entity, render, type TextEntity } from '../neutral-text.js';

const TOKEN = /<([^<>]*)>/g;

/** What Slack sent (a slash command's text) → neutral text. */
export function decodeSlackText(raw: string): string {
  const text = clean(raw);
  let out = '';
  let last = 0;
  for (const match of text.matchAll(TOKEN)) {
    out += unescape(text.slice(last, match.index)) + decodeToken(match[1]!);
    last = match.index + match[0].length;
  }
  return out + unescape(text.slice(last));
}

function decodeToken(inner: string): string {
  const bar = inner.indexOf('|');
  const head = bar < 0 ? inner : inner.slice(0, bar);
  const label = bar < 0 ? '' : unescape(inner.slice(bar + 1));
  if (/^@[UW][A-Z0-9]+$/.test(head)) return entity('user', `slack:${head.slice(1)}`, label);
  if (/^#C[A-Z0-9]+$/.test(head)) return entity('channel', `slack:${head.slice(1)}`, label);
  // @channel, @here, user groups and dates read as the words Slack shows, never as live markup.
  if (head.startsWith('!')) return label || `@${head.slice(1).split('^')[0]}`;
  if (/^(https?|mailto|tel):/i.test(head)) return entity('link', unescape(head), label);
  return `<${unescape(inner)}>`;
}

function unescape(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

/** `&`, `<`, `>` as Slack wants them in text that is not markup. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Neutral text → mrkdwn: people typed text escaped; a Slack person or channel live; others by name. */
export function toMrkdwn(text: string): string {
  return render(text, escapeMrkdwn, writeEntity);
}

function writeEntity(part: TextEntity): string {
  const slackId = part.target.startsWith('slack:') ? part.target.slice('slack:'.length) : undefined;
  if (part.kind === 'user') return slackId ? `<@${slackId}>` : escapeMrkdwn(`@${part.label || part.target}`);
  if (part.kind === 'channel') return slackId ? `<#${slackId}>` : escapeMrkdwn(`#${part.label || part.target}`);
  const url = part.target.replace(/[<>|\s]/g, encodeURIComponent);
  return part.label ? `<${url}|${escapeMrkdwn(part.label)}>` : `<${url}>`;
}
