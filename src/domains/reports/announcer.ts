// What the reports domain says: a report posted as a card in the `reports` channel, or told to one
// person privately, through the outbox (stored with its charts and workbook before it is sent, sent
// once). The report is drawn in every language first (charts and workbook are made asynchronously;
// wording is synchronous), and each channel or person gets the one in their language.
import type { Message } from '../../chat/card.js';
import type { Wording } from '../../chat/wording.js';
import { LOCALES, isLocale, type Locale, type Translate } from '../../kernel/i18n.js';
import type { Notifier } from '../../notify/notifier.js';
import type { ReportSection } from '../report-section.js';
import { reportMessage } from './cards/report-message.js';
import type { ReportData } from './rules/report-maker.js';

/** A key whose words are the language's own tag (`zh-CN`, `en`): tells which language a `t` speaks. */
const LOCALE_KEY = 'report.locale';

export interface ReportAnnouncerDeps {
  notifier: Pick<Notifier, 'showCard' | 'tellPerson'>;
  translate(locale: Locale): Translate;
  sections(): readonly ReportSection[];
}

/** The outbox subject of a report: `report:daily:2026-12-01`, with a suffix for one asked for by hand. */
export function reportSubject(data: ReportData, suffix?: string): string {
  const base = `report:${data.span.kind}:${data.span.label}`;
  return suffix ? `${base}:${suffix}` : base;
}

export class ReportAnnouncer {
  constructor(private readonly deps: ReportAnnouncerDeps) {}

  /** Posts the report in the `reports` channel of every platform that has one bound. */
  async post(data: ReportData, subject: string): Promise<void> {
    await this.deps.notifier.showCard('reports', subject, await this.wording(data));
  }

  /** Tells the report to `person` privately; false when their platform is not on. */
  async tell(person: string, data: ReportData, subject: string): Promise<boolean> {
    return this.deps.notifier.tellPerson(person, subject, await this.wording(data));
  }

  /** The report in every language, as wording that picks the one its reader's `t` speaks. */
  private async wording(data: ReportData): Promise<Wording> {
    const sections = this.deps.sections();
    const drawn = new Map<string, Message>();
    for (const locale of LOCALES) drawn.set(locale, await reportMessage(data, sections, this.deps.translate(locale)));
    return (t) => {
      const locale = t(LOCALE_KEY);
      return drawn.get(isLocale(locale) ? locale : LOCALES[0])!;
    };
  }
}
