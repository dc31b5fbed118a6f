// `/ops audit <id>`: an object's history, oldest first, in the team's time zone and the reader's language.
import { truncate } from '../../../chat/text.js';
import type { Card, Message } from '../../../chat/card.js';
import type { Translate } from '../../../kernel/i18n.js';
import { formatTime } from '../../../chat/time.js';

export interface AuditLine {
  at: Date;
  actor: string;
  action: string;
  before?: unknown;
  after?: unknown;
  reason?: string | null;
  outcome: string;
  via: string;
}

// Slack cuts a section at 3000 characters and Discord a whole message's embeds at 6000.
const CARD_TEXT = 2800;
const MESSAGE_TEXT = 5000;
const VALUE_TEXT = 160;

export function auditMessage(t: Translate, id: string, events: readonly AuditLine[], zone: string): Message {
  const title = t('audit_cmd.title', { id });
  if (events.length === 0) {
    const empty = t('audit_cmd.empty', { id });
    return { text: empty, cards: [{ title, text: empty, tone: 'neutral' }] };
  }
  // Newest first until the budget is spent, so what is cut is the oldest.
  const lines: string[] = [];
  let used = 0;
  for (const event of [...events].reverse()) {
    const line = auditLine(t, event, zone);
    if (used + line.length + 1 > MESSAGE_TEXT) break;
    lines.unshift(line);
    used += line.length + 1;
  }
  const summary = t('audit_cmd.summary', { count: lines.length, zone });
  const cards: Card[] = chunk(lines, CARD_TEXT).map((text, index) => ({
    title: index === 0 ? title : t('audit_cmd.title_more', { id }),
    text,
    tone: 'neutral',
  }));
  cards[cards.length - 1]!.footer = summary;
  return { text: `${title}\n${summary}`, cards };
}

export function auditLine(t: Translate, event: AuditLine, zone: string): string {
  const action = t(`audit_cmd.actions.${event.action}`, { defaultValue: event.action });
  const parts = [formatTime(event.at, zone), event.actor, action];
  if (event.outcome === 'refused') parts[2] = `${action} (${t('audit_cmd.refused')})`;
  if (event.before !== undefined || event.after !== undefined) {
    parts.push(`${show(t, event.before, zone)} → ${show(t, event.after, zone)}`);
  }
  if (event.reason) parts.push(t('audit_cmd.reason', { reason: cut(event.reason) }));
  parts.push(t('audit_cmd.via', { via: event.via }));
  return parts.join(' · ');
}

function show(t: Translate, value: unknown, zone: string): string {
  if (value === undefined || value === null) return t('audit_cmd.nothing');
  if (value instanceof Date) return formatTime(value, zone);
  if (Array.isArray(value))
    return value.length ? cut(value.map((v) => show(t, v, zone)).join(', ')) : t('audit_cmd.nothing');
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>);
    return cut(entries.map(([key, v]) => `${key}: ${show(t, v, zone)}`).join('; '));
  }
  return cut(String(value));
}

function cut(text: string): string {
  return truncate(text, VALUE_TEXT);
}

function chunk(lines: readonly string[], max: number): string[] {
  const chunks: string[] = [];
  let current = '';
  for (const line of lines) {
    if (current && current.length + line.length + 1 > max) {
      chunks.push(current);
      current = '';
    }
    current = current ? `${current}\n${line}` : line;
  }
  if (current) chunks.push(current);
  return chunks;
}
