// The lines in an alert group's thread: alerts that joined or resolved since the last flush (named
// up to a few, then counted), everything resolved, still firing, and what people did.
import type { Message } from '../../../chat/card.js';
import type { Translate } from '../../../kernel/i18n.js';
import type { AlertGroup } from '../../../../models/alerts/alert-group.js';
import { alertLine, type GroupChanges, type GroupNote } from '../rules/presenter.js';
import { formatDuration, formatTime } from '../../../chat/time.js';
import { sinceOf } from './group.js';

type ShownGroup = AlertGroup & { shortId: string };

export function changesMessage(t: Translate, group: ShownGroup, changes: GroupChanges): Message {
  const parts: string[] = [];
  if (changes.joinedCount > 0) {
    parts.push(
      section(
        t,
        t('alert.thread.joined', { count: changes.joinedCount }),
        changes.joined.map((alert) => alertLine(alert, group.labels)),
        changes.joinedCount,
      ),
    );
  }
  if (changes.resolvedCount > 0) {
    parts.push(
      section(
        t,
        t('alert.thread.resolved', { count: changes.resolvedCount }),
        changes.resolved.map((alert) => alertLine(alert, group.labels)),
        changes.resolvedCount,
      ),
    );
  }
  if (changes.allResolved) parts.push(t('alert.thread.all_resolved', { id: group.shortId }));
  return { text: parts.join('\n\n') };
}

export function noteMessage(t: Translate, group: ShownGroup, note: GroupNote, now: Date, zone: string): Message {
  const id = group.shortId;
  switch (note.kind) {
    case 'repeat':
      return {
        text: t('alert.thread.repeat', {
          id,
          firing: group.firing,
          age: formatDuration(t, now.getTime() - sinceOf(group).getTime()),
        }),
      };
    case 'acked':
      return { text: t('alert.thread.acked', { id, by: note.by }) };
    case 'truncated':
      return { text: t('alert.thread.truncated', { id, count: note.count }) };
    case 'incident':
      return { text: t('alert.thread.incident', { id, incident: note.incidentId, by: note.by }) };
    case 'silenced':
      return {
        text: t('alert.thread.silenced', {
          id,
          silence: note.silenceId,
          until: formatTime(note.until, zone),
          by: note.by,
        }),
      };
  }
}

function section(t: Translate, heading: string, lines: string[], total: number): string {
  const more = total - lines.length;
  return [heading, ...lines.map((line) => `• ${line}`), ...(more > 0 ? [t('alert.more', { count: more })] : [])].join(
    '\n',
  );
}
