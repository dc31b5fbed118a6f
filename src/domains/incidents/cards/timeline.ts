// An incident's history: one line per step in its thread, the whole timeline for `/incident show`,
// and the list with MTTA and MTTR at the top.
import type { Message } from '../../../chat/card.js';
import type { Translate } from '../../../kernel/i18n.js';
import type { Incident, TimelineEntry } from '../../../../models/incidents/incident.js';
import type { IncidentStats } from '../rules/stats.js';
import { incidentCard } from './incident.js';
import { formatDuration, formatTime } from '../../../chat/time.js';
import { actorWords } from '../../ops/cards/audit-words.js';

export function timelineLine(t: Translate, entry: TimelineEntry, zone: string): string {
  const params = {
    at: formatTime(entry.at, zone),
    actor: actorWords(t, entry.actor),
    from: entry.from ? t(`incident.state.${entry.from}`) : '',
    to: entry.to ? t(`incident.state.${entry.to}`) : '',
    // A roster step is said in the reader's words; other lines keep what was written.
    text: entry.level
      ? t('incident.paged_text', { level: t(`incident.page_level.${entry.level}`) })
      : (entry.text ?? ''),
  };
  return t(`incident.timeline.${entry.kind}`, params);
}

export function timelineEntryMessage(t: Translate, incident: Incident, entry: TimelineEntry, zone: string): Message {
  return {
    text: `${incident.shortId} · ${timelineLine(t, entry, zone)}`,
    ...(entry.notify?.length ? { mentions: entry.notify } : {}),
  };
}

/** The warning of a page that reached nobody: which incident, which roles are empty, how to fix it. */
export function unansweredPageMessage(t: Translate, incident: Incident, entry: TimelineEntry): Message {
  const roles = (entry.pagedRoles ?? []).map((role) => t(`roles.${role}`)).join(t('incident.page_nobody.or'));
  const title = t('incident.page_nobody.title', { id: incident.shortId, roles });
  return {
    text: title,
    cards: [{ title, text: t('incident.page_nobody.text', { id: incident.shortId, roles }), tone: 'critical' }],
  };
}

export function incidentShowMessage(t: Translate, incident: Incident, now: Date, zone: string): Message {
  const card = incidentCard(t, incident, now, zone);
  const lines = incident.timeline.map((entry) => timelineLine(t, entry, zone));
  const summary = incident.summary?.cause
    ? [
        { label: t('incident.summary.cause'), value: incident.summary.cause },
        { label: t('incident.summary.fix'), value: incident.summary.fix },
        { label: t('incident.summary.lesson'), value: incident.summary.lesson },
      ]
    : [];
  return {
    text: card.title,
    cards: [
      {
        ...card,
        fields: [...(card.fields ?? []), ...summary, { label: t('incident.field.timeline'), value: lines.join('\n') }],
      },
    ],
  };
}

export function incidentListMessage(
  t: Translate,
  incidents: readonly Incident[],
  stats: IncidentStats,
  scope: 'open' | 'all',
  now: Date,
  zone: string,
): Message {
  const none = t('incident.list.no_data');
  const header = t('incident.list.stats', {
    mtta: stats.mttaMs === undefined ? none : formatDuration(t, stats.mttaMs),
    mttr: stats.mttrMs === undefined ? none : formatDuration(t, stats.mttrMs),
    count: stats.count,
  });
  const title = t(`incident.list.title_${scope}`, { count: incidents.length });
  const lines = incidents.map((i) =>
    t('incident.list.line', {
      id: i.shortId,
      severity: i.severity,
      title: i.title,
      state: t(`incident.state.${i.state}`),
      assignee: i.assignee ?? t('incident.nobody'),
      age: formatDuration(t, (i.stateAt.resolved ?? now).getTime() - (i.stateAt.reported ?? now).getTime()),
    }),
  );
  const text = lines.length ? lines.join('\n') : t('incident.list.empty');
  return {
    text: `${title}\n${header}\n${text}`,
    cards: [{ title, text: `${header}\n\n${text}`, tone: 'neutral', footer: formatTime(now, zone) }],
  };
}
