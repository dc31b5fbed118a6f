// `/restore list` (a line per request, newest first) and `/restore show` (the card with its whole
// timeline, from the request to the verification).
import type { Message } from '../../../chat/card.js';
import { formatTime } from '../../../chat/time.js';
import type { Translate } from '../../../kernel/i18n.js';
import type { RestoreRequest } from '../../../../models/restores/restore-request.js';
import { restoreCard } from './restore.js';
import { stepLine } from './step.js';

export function restoreListMessage(
  t: Translate,
  restores: readonly RestoreRequest[],
  scope: 'open' | 'all',
  now: Date,
  zone: string,
): Message {
  const title = t(`restore.list.title_${scope}`, { count: restores.length });
  const lines = restores.map((r) =>
    t('restore.list.line', {
      id: r._id,
      system: r.system,
      state: t(`restore.state.${r.state}`),
      count: r.approval.approvals.length,
      required: r.approval.required,
      requester: r.requester,
      at: formatTime(r.createdAt, zone),
    }),
  );
  const text = lines.length ? lines.join('\n') : t(`restore.list.empty_${scope}`);
  return {
    text: `${title}\n${text}`,
    cards: [{ title, text, tone: 'neutral', footer: `${t('restore.list.footer')} · ${formatTime(now, zone)}` }],
  };
}

/**
 * `/restore show`: the card, its story, and the refused attempts on it (`refused`: their lines in
 * the reader's words, the latest few, of `refusedTotal` in all) — an auditor reads who tried to
 * approve their own request as well as who approved.
 */
export function restoreShowMessage(
  t: Translate,
  restore: RestoreRequest,
  now: Date,
  zone: string,
  refused: readonly string[] = [],
  refusedTotal = refused.length,
): Message {
  const card = restoreCard(t, restore, now, zone);
  const timeline = restore.timeline.map((step) => stepLine(t, restore, step, zone)).join('\n');
  // A copy for one reader: the buttons act in the approvals channel, on its card.
  const fields = [...(card.fields ?? []), { label: t('restore.card.timeline'), value: timeline }];
  if (refused.length > 0) {
    const all = refused.length >= refusedTotal;
    const label = t(all ? 'restore.card.refused_all' : 'restore.card.refused_latest', {
      count: refusedTotal,
      shown: refused.length,
    });
    fields.push({ label, value: refused.join('\n') });
  }
  return { text: card.title, cards: [{ ...card, buttons: [], fields }] };
}
