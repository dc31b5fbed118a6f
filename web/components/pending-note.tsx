// The note under a channel's messages saying what is on its way there: an alert group's first card
// after its group wait, or messages the outbox has not delivered yet.
import type { PendingView } from '../../src/chat/web/api-types.js';
import { useT } from '../i18n.js';

export interface PendingNoteProps {
  pending: PendingView | undefined;
  locale: string;
  timezone: string;
}

export function PendingNote({ pending, locale, timezone }: PendingNoteProps) {
  const t = useT();
  if (!pending) return null;
  const due = pending.dueAt
    ? new Date(pending.dueAt).toLocaleTimeString(locale, {
        hour: '2-digit',
        minute: '2-digit',
        second: '2-digit',
        timeZone: timezone,
      })
    : '';
  return (
    <div class="pending" role="status">
      <strong>{t('pending.coming')}</strong>
      {pending.alertGroups > 0 ? <p>{t('pending.alert_groups', { count: pending.alertGroups, time: due })}</p> : null}
      {pending.queued > 0 ? <p>{t('pending.queued', { count: pending.queued })}</p> : null}
    </div>
  );
}
