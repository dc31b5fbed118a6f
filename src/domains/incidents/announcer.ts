// Says what happened to an incident in the incidents channel: the card, kept current in place,
// each step in its thread, and the post-incident summary as a message of its own.
import type { Clock } from '../../kernel/clock.js';
import type { Translate } from '../../kernel/i18n.js';
import type { Incident, TimelineEntry } from '../../../models/incidents/incident.js';
import type { Notifier } from '../../notify/notifier.js';
import type { IncidentObserver } from './rules/incident-service.js';
import { incidentMessage } from './cards/incident.js';
import { timelineEntryMessage, unansweredPageMessage } from './cards/timeline.js';

export class IncidentAnnouncer implements IncidentObserver {
  constructor(
    private readonly notifier: Notifier,
    /** The channel is read by the whole team: its language is the team's default. */
    private readonly t: Translate,
    private readonly clock: Clock,
    private readonly timezone: string,
  ) {}

  async changed(incident: Incident, entry: TimelineEntry): Promise<void> {
    const subject = `incident:${incident.shortId}`;
    await this.notifier.showCard(
      'incidents',
      subject,
      incidentMessage(this.t, incident, this.clock.now(), this.timezone),
    );
    if (entry.kind !== 'declared') {
      await this.notifier.addToThread(
        'incidents',
        subject,
        timelineEntryMessage(this.t, incident, entry, this.timezone),
      );
    }
    // A page that found nobody to mention must not pass quietly: a warning of its own in the channel.
    if (entry.pagedRoles?.length && !entry.notify?.length) {
      const message = unansweredPageMessage(this.t, incident, entry);
      await this.notifier.showCard('incidents', `incident-unpaged:${incident.shortId}:${entry.at.getTime()}`, message);
    }
    if (entry.kind === 'summary' && incident.summary?.cause) {
      const title = this.t('incident.summary.posted', { id: incident.shortId });
      await this.notifier.showCard('incidents', `incident-summary:${incident.shortId}`, {
        text: `${title}: ${incident.title}`,
        cards: [
          {
            title: `${title} · ${incident.title}`,
            tone: 'success',
            fields: [
              { label: this.t('incident.summary.cause'), value: incident.summary.cause },
              { label: this.t('incident.summary.fix'), value: incident.summary.fix },
              { label: this.t('incident.summary.lesson'), value: incident.summary.lesson },
            ],
          },
        ],
      });
    }
  }
}
