// What the surveys domain says unasked, through the outbox: a survey's two messages to the person it
// was sent to (privately, on their platform, in their language), edited in place as it is answered
// and when it closes; the one reminder; and the quarterly report in the `reports` channel.
import type { Message } from '../../chat/card.js';
import type { Translate } from '../../kernel/i18n.js';
import type { Clock } from '../../kernel/clock.js';
import type { Notifier } from '../../notify/notifier.js';
import type { Survey, SurveyModel } from '../../../models/surveys/survey.js';
import { reminderMessage } from './cards/reminder.js';
import { reportMessage } from './cards/report.js';
import { loyaltyMessage, ratingsMessage } from './cards/survey.js';
import { linkUrl } from './rules/survey-link.js';
import type { SurveyNews } from './rules/survey-news.js';
import type { SurveyReport } from './rules/survey-report.js';

/** How often a change is told again because the survey changed while it was being told. */
const CATCH_UP_ROUNDS = 3;

export interface SurveyAnnouncerDeps {
  notifier: Pick<Notifier, 'tellPerson' | 'showCard'>;
  surveys: SurveyModel;
  /** Where links start (SURVEY_PUBLIC_URL, else Zhiban's own address); undefined: no link yet. */
  linkBase(): string | undefined;
  clock: Clock;
  timezone: string;
}

/** The subjects of a survey's messages (their cards are found by these, to be edited in place). */
export function surveySubjects(id: string) {
  return { ratings: `survey:${id}`, loyalty: `survey:${id}:loyalty`, reminder: `survey-reminder:${id}` };
}

export class SurveyAnnouncer implements SurveyNews {
  constructor(private readonly deps: SurveyAnnouncerDeps) {}

  /** Tells a new survey's two messages to its person. */
  async sent(survey: Survey, token: string): Promise<void> {
    await this.tell(survey, token);
  }

  /**
   * Tells the survey as it now is. Two answers stored at once may be told in the other order; so
   * after telling, the survey is read again, and a newer version is told too (the outbox replaces
   * a card not sent yet, so the last one told is what the person sees).
   */
  async changed(survey: Survey, token: string): Promise<void> {
    let current = survey;
    for (let round = 0; round < CATCH_UP_ROUNDS; round++) {
      await this.tell(current, token);
      const latest = await this.deps.surveys.findById(current._id).lean<Survey>();
      if (!latest || latest.version === current.version) return;
      current = latest;
    }
  }

  /** Tells the one reminder, a message of its own under the survey. */
  async reminded(survey: Survey, token: string): Promise<void> {
    const { notifier, clock, timezone } = this.deps;
    const now = clock.now();
    const link = this.link(token);
    await notifier.tellPerson(survey.person, surveySubjects(survey.shortId).reminder, (t) =>
      reminderMessage(t, survey, now, link, timezone),
    );
  }

  /** Changes its two messages to say it closed, with nothing left to click and no link. */
  async closed(survey: Survey): Promise<void> {
    await this.tell(survey, undefined);
  }

  /** The report of a period in the `reports` channel, without who wrote the comments (everyone reads it). */
  async report(report: SurveyReport): Promise<void> {
    const { notifier, clock, timezone } = this.deps;
    const now = clock.now();
    const subject = `survey-report:${report.period.unit}:${report.period.label}`;
    await notifier.showCard('reports', subject, (t) => reportMessage(t, report, { names: false, timezone, now }));
  }

  /** The survey's two messages as `t` words them, for a clicked card changed in place. */
  messages(t: Translate, survey: Survey, token: string | undefined): { ratings: Message; loyalty: Message } {
    const view = { link: this.link(token), timezone: this.deps.timezone };
    return { ratings: ratingsMessage(t, survey, view), loyalty: loyaltyMessage(t, survey) };
  }

  private async tell(survey: Survey, token: string | undefined): Promise<void> {
    const subjects = surveySubjects(survey.shortId);
    const open = survey.state === 'open';
    await this.deps.notifier.tellPerson(
      survey.person,
      subjects.ratings,
      (t) => this.messages(t, survey, open ? token : undefined).ratings,
    );
    await this.deps.notifier.tellPerson(survey.person, subjects.loyalty, (t) => loyaltyMessage(t, survey));
  }

  private link(token: string | undefined): string | undefined {
    const base = this.deps.linkBase();
    return token && base ? linkUrl(base, token) : undefined;
  }
}
