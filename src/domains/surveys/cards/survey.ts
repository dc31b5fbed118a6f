// A survey as the person it was sent to sees it, in two messages (Discord takes at most 25 buttons
// in one): the three service ratings 1–5 with the comment and the browser link, and the loyalty
// question 0–10. Each question is a card of its own with its scale as buttons; the chosen score is
// the highlighted button and is written on the card, so the card shows what was chosen.
import type { Card, CardButton, Message } from '../../../chat/card.js';
import { formatTime } from '../../../chat/time.js';
import type { Translate } from '../../../kernel/i18n.js';
import { SCALES, type Question, type Survey } from '../../../../models/surveys/survey.js';
import { rateValue } from '../rules/rate-value.js';

/** What shows the survey: the two messages, each told under a subject of its own. */
export interface SurveyMessages {
  ratings: Message;
  loyalty: Message;
}

export interface SurveyView {
  /** The page's address with a fresh token; absent once closed (or when Zhiban has no address yet). */
  link?: string | undefined;
  timezone: string;
}

const RATINGS: readonly Question[] = ['timeliness', 'quality', 'overall'];

/** Both messages of `survey` in `t`'s words. */
export function surveyMessages(t: Translate, survey: Survey, view: SurveyView): SurveyMessages {
  return { ratings: ratingsMessage(t, survey, view), loyalty: loyaltyMessage(t, survey) };
}

/** The first message: what it is about, the three service ratings, the comment. */
export function ratingsMessage(t: Translate, survey: Survey, view: SurveyView): Message {
  const intro = introCard(t, survey, view);
  return {
    text: `${intro.title}: ${intro.text ?? ''}`,
    cards: [intro, ...RATINGS.map((q) => questionCard(t, survey, q)), commentCard(t, survey)],
  };
}

/** The second message: the loyalty question, 0–10. */
export function loyaltyMessage(t: Translate, survey: Survey): Message {
  const card = questionCard(t, survey, 'loyalty');
  return { text: `${survey.shortId} · ${card.title}`, cards: [card] };
}

/** Whether its cards still offer answers (the sweep closes it at `closesAt`). */
export function isOpenSurvey(survey: Survey): boolean {
  return survey.state === 'open';
}

function introCard(t: Translate, survey: Survey, view: SurveyView): Card {
  const closes = formatTime(survey.closesAt, view.timezone);
  if (!isOpenSurvey(survey)) {
    return {
      title: t('survey.card.title_closed', { id: survey.shortId }),
      text: t('survey.card.closed_text', { at: formatTime(survey.closedAt ?? survey.closesAt, view.timezone) }),
      tone: 'neutral',
      footer: footer(survey),
    };
  }
  const about = survey.incident
    ? t('survey.card.about_incident', { incident: survey.incident.id, title: survey.incident.title, closes })
    : t('survey.card.about_service', { closes });
  return {
    title: t('survey.card.title', { id: survey.shortId }),
    text: about,
    tone: 'info',
    ...(view.link ? { link: { label: t('survey.card.link'), url: view.link } } : {}),
    footer: footer(survey),
  };
}

function footer(survey: Survey): string {
  return survey.incident ? `${survey.shortId} · ${survey.incident.id}` : survey.shortId;
}

function questionCard(t: Translate, survey: Survey, question: Question): Card {
  const chosen = survey.answers[question];
  const { min, max } = SCALES[question];
  const scale = t(max === 5 ? 'survey.scale.five' : 'survey.scale.eleven');
  const said = chosen === undefined ? t('survey.not_chosen') : t('survey.chosen', { score: chosen, max });
  const buttons: CardButton[] = [];
  if (isOpenSurvey(survey)) {
    for (let score = min; score <= max; score++) {
      buttons.push({
        actionId: 'survey.rate',
        value: rateValue(survey.shortId, question, score),
        label: String(score),
        ...(score === chosen ? { style: 'primary' as const } : {}),
      });
    }
  }
  return {
    title: t(`survey.question.${question}.title`),
    text: `${t(`survey.question.${question}.text`)}\n${scale}\n${said}`,
    tone: chosen === undefined ? 'neutral' : 'success',
    ...(buttons.length ? { buttons } : {}),
  };
}

function commentCard(t: Translate, survey: Survey): Card {
  const open = isOpenSurvey(survey);
  return {
    title: t('survey.comment.title'),
    text: survey.comment ?? t('survey.comment.none'),
    tone: survey.comment ? 'success' : 'neutral',
    ...(open
      ? {
          buttons: [
            {
              actionId: 'survey.comment',
              value: survey.shortId,
              label: t(survey.comment ? 'survey.comment.edit' : 'survey.comment.write'),
            },
          ],
        }
      : {}),
  };
}
