// Says what happened to an incident in the incidents channel: the card, kept current in place,
// each step in its thread, and the post-incident summary as a message of its own.
import type { Clock } from '../../kernel/clock.js';
import type { Translate } from '../../kernel/i18n.js';
import type { Message } from '../../chat/card.js';
import type { Incident, TimelineEntry } from '../../../models/incidents/incident.js';
import type { Notifier } from '../../notify/notifier.js';
import type { Wording } from '../../chat/wording.js';
import type { IncidentObserver } from './rules/incident-service.js';
import { incidentMessage } from './cards/incident.js';
import { timelineEntryMessage, unansweredPageMessage } from './cards/timeline.js';

export class IncidentAnnouncer implements IncidentObserver {
  constructor(
    private readonly notifier: Notifier,
    private readonly clock: Clock,
    private readonly timezone: string,
  ) {}

  async changed(incident: Incident, entry: TimelineEntry): Promise<void> {
    const subject = `incident:${incident.shortId}`;
    const now = this.clock.now();
    const card: Wording = (t) => incidentMessage(t, incident, now, this.timezone);
    if (entry.kind === 'declared') await this.notifier.showCard('incidents', subject, card);
    else {
      await this.notifier.showCardWithLine('incidents', subject, card, (t) =>
        timelineEntryMessage(t, incident, entry, this.timezone),
      );
    }
    // A page that found nobody to mention must not pass quietly: a warning of its own in the channel.
    if (entry.pagedRoles?.length && !entry.notify?.length) {
      const subject = `incident-unpaged:${incident.shortId}:${entry.at.getTime()}`;
      await this.notifier.showCard('incidents', subject, (t) => unansweredPageMessage(t, incident, entry));
    }
    if (entry.kind === 'summary' && incident.summary?.cause) {
      const summary = incident.summary;
      await this.notifier.showCard('incidents', `incident-summary:${incident.shortId}`, (t) =>
        summaryMessage(t, incident, summary),
      );
    }
  }
}

/** The post-incident summary as a message of its own: what caused it, what fixed it, what was learnt. */
function summaryMessage(t: Translate, incident: Incident, summary: NonNullable<Incident['summary']>): Message {
  const title = t('incident.summary.posted', { id: incident.shortId });
  return {
    text: `${title}: ${incident.title}`,
    cards: [
      {
        title: `${title} · ${incident.title}`,
        tone: 'success',
        fields: [
          { label: t('incident.summary.cause'), value: summary.cause },
          { label: t('incident.summary.fix'), value: summary.fix },
          { label: t('incident.summary.lesson'), value: summary.lesson },
        ],
      },
    ],
  };
}
