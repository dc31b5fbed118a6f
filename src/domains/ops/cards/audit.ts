// `/ops audit …`: the records of an object, a person or some days, oldest first, in the team's time
// zone and the reader's language.
import { truncate } from '../../../chat/text.js';
import type { Card, Message } from '../../../chat/card.js';
import type { Translate } from '../../../kernel/i18n.js';
import { actorWords, auditWords, type AuditRecord } from './audit-words.js';

/** Which part of the trail is shown: the filters as understood (src/domains/ops/audit-query.ts). */
export interface AuditView {
  objectId?: string | undefined;
  by?: string | undefined;
  /** The person's other identities, whose records are theirs too. */
  linked?: readonly string[] | undefined;
  fromDay?: string | undefined;
  toDay?: string | undefined;
}

// Slack cuts a section at 3000 characters and Discord a whole message's embeds at 6000.
const CARD_TEXT = 2800;
const MESSAGE_TEXT = 5000;
const VALUE_TEXT = 160;

/**
 * The records shown, oldest first, with what was left out: `total` is how many the filters select
 * (the 50 given are the newest of them); what does not fit the platforms' limits is cut oldest first.
 */
export function auditMessage(
  t: Translate,
  view: AuditView,
  events: readonly AuditRecord[],
  zone: string,
  total = events.length,
): Message {
  const title = titleOf(t, view);
  const filters = auditFilters(t, view);
  if (events.length === 0) {
    const empty = onlyObject(view)
      ? t('audit_cmd.empty', { id: view.objectId })
      : t('audit_cmd.empty_filtered', { filters });
    return { text: empty, cards: [{ title, text: empty, tone: 'neutral' }] };
  }
  // Newest first until the budget is spent, so what is cut is the oldest.
  const lines: string[] = [];
  let used = 0;
  for (const event of [...events].reverse()) {
    const line = auditLine(t, event, zone, view.objectId === undefined);
    if (used + line.length + 1 > MESSAGE_TEXT) break;
    lines.unshift(line);
    used += line.length + 1;
  }
  const more = total - lines.length;
  const summary = [
    t('audit_cmd.summary', { count: lines.length, zone }),
    ...(more > 0 ? [t('audit_cmd.more', { count: more })] : []),
    ...(onlyObject(view) ? [] : [filters]),
  ].join('\n');
  const cards: Card[] = chunk(lines, CARD_TEXT).map((text, index) => ({
    title: index === 0 ? title : t('audit_cmd.title_more', { title }),
    text,
    tone: 'neutral',
  }));
  cards[cards.length - 1]!.footer = summary;
  return { text: `${title}\n${summary}`, cards };
}

/** One record on one line: when, who, what, on what (`withObject`), before → after, why, from where. */
export function auditLine(t: Translate, event: AuditRecord, zone: string, withObject = false): string {
  const words = auditWords(t, event, zone);
  const parts = [words.time, words.actor, words.refused ? `${words.action} (${t('audit_cmd.refused')})` : words.action];
  if (withObject && words.object) parts.push(words.object);
  if (words.change) parts.push(cut(words.change));
  if (words.reason) {
    parts.push(t(words.refused ? 'audit_cmd.reason' : 'audit_cmd.note', { reason: cut(words.reason) }));
  }
  parts.push(t('audit_cmd.via', { via: words.via }));
  return parts.join(' · ');
}

/** The filters in words: `INC-12 · by slack:U1 (also web:alice) · 2026-03-01 – 2026-03-05`. */
export function auditFilters(t: Translate, view: AuditView): string {
  const parts: string[] = [];
  if (view.objectId !== undefined) parts.push(t('audit_cmd.filter_object', { id: view.objectId }));
  if (view.by !== undefined) {
    parts.push(
      view.linked?.length
        ? t('audit_cmd.filter_by_linked', { who: actorWords(t, view.by), linked: view.linked.join(', ') })
        : t('audit_cmd.filter_by', { who: actorWords(t, view.by) }),
    );
  }
  if (view.fromDay !== undefined) parts.push(t('audit_cmd.filter_days', { from: view.fromDay, to: view.toDay }));
  return parts.join(' · ');
}

function titleOf(t: Translate, view: AuditView): string {
  if (view.objectId !== undefined) return t('audit_cmd.title', { id: view.objectId });
  if (view.by !== undefined) return t('audit_cmd.title_by', { who: actorWords(t, view.by) });
  return t('audit_cmd.title_days', { from: view.fromDay, to: view.toDay });
}

function onlyObject(view: AuditView): boolean {
  return view.objectId !== undefined && view.by === undefined && view.fromDay === undefined;
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
