// What the backups domain says unasked in the backups channel: the daily report at 09:00 in
// TIMEZONE. (Findings are alerts, said by the alerts domain's announcer in the same channel.)
// The day is claimed first, so two processes, or the job run twice, send one report a day; the
// backups past retention it lists are marked once it is stored, so each is listed once.
import { localDay } from '../../kernel/calendar.js';
import type { Clock } from '../../kernel/clock.js';
import type { Translate } from '../../kernel/i18n.js';
import type { Notifier } from '../../notify/notifier.js';
import type { ReportDayModel } from '../../../models/backups/report-day.js';
import { reportMessage } from './cards/report.js';
import type { BackupReporter } from './rules/report.js';
import type { RetentionList } from './rules/retention.js';

export interface BackupAnnouncerDeps {
  reporter: BackupReporter;
  retention: RetentionList;
  days: ReportDayModel;
  notifier: Notifier;
  teamT: Translate;
  timezone: string;
  clock: Clock;
}

/** The outbox subject of a day's report: a second showing of it edits that card, never posts another. */
export function reportSubject(day: string): string {
  return `backup-report:${day}`;
}

export class BackupAnnouncer {
  constructor(private readonly deps: BackupAnnouncerDeps) {}

  /** Sends today's report unless it was sent (or is being sent) already; answers whether this call sent it. */
  async dailyReport(): Promise<boolean> {
    const { days, clock, timezone } = this.deps;
    const now = clock.now();
    const day = localDay(now, timezone);
    const claim = await days.updateOne(
      { _id: day },
      { $setOnInsert: { claimedAt: now, doneAt: null } },
      { upsert: true },
    );
    if (claim.upsertedCount === 0) return false;
    const report = await this.deps.reporter.build(now);
    await this.deps.notifier.showCard('backups', reportSubject(day), (t) => reportMessage(t, report, timezone));
    await this.deps.retention.markListed(report.cleanup.ids, now);
    await days.updateOne({ _id: day }, { $set: { doneAt: clock.now() } });
    return true;
  }
}
