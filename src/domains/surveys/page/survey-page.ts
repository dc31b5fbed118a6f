// The survey's own page, for people outside the chat (issue 15): the four questions and the comment
// as a plain form (no script), the answers given so far already chosen, in the asked person's
// language; and the clear pages for a survey that has closed, a link that opens nothing, and too
// many tries. Pure: the routes fetch, this writes.
import { formatTime } from '../../../chat/time.js';
import type { Locale, Translate } from '../../../kernel/i18n.js';
import { COMMENT_MAX, QUESTIONS, SCALES, type Question, type Survey } from '../../../../models/surveys/survey.js';
import { document, escapeHtml } from './html.js';

/** What the form shows besides the survey: a line after saving, an error, what was just typed. */
export interface FormState {
  saved?: boolean;
  error?: string;
  /** The values sent with an error, shown again so nothing typed is lost. */
  typed?: { ratings: Partial<Record<Question, number>>; comment?: string | undefined };
}

/** The open survey's page: the form, with `state`'s line after saving or error, for the link `token`. */
export function surveyPage(
  t: Translate,
  locale: Locale,
  survey: Survey,
  token: string,
  state: FormState,
  zone: string,
): string {
  const title = t('survey.card.title', { id: survey.shortId });
  const closes = formatTime(survey.closesAt, zone);
  const chosen = { ...survey.answers, ...state.typed?.ratings };
  const comment = state.typed?.comment ?? survey.comment ?? '';
  const body = [
    header(t, title, about(t, survey, closes)),
    state.saved ? `<p class="notice" role="status">${escapeHtml(t('survey.page.saved'))}</p>` : '',
    state.error ? `<p class="error" role="alert">${escapeHtml(state.error)}</p>` : '',
    // Relative: the form goes back to this very address, behind a proxy's path too.
    `<form method="post" action="./${escapeHtml(token)}">`,
    ...QUESTIONS.map((q) => questionFieldset(t, q, chosen[q])),
    '<label class="comment">',
    `<span>${escapeHtml(t('survey.comment.title'))}</span>`,
    `<textarea name="comment" rows="4" maxlength="${COMMENT_MAX}">${escapeHtml(comment)}</textarea>`,
    '</label>',
    `<button type="submit" class="btn">${escapeHtml(t('survey.page.submit'))}</button>`,
    `<p class="hint">${escapeHtml(t('survey.page.change_until', { closes }))}</p>`,
    '</form>',
  ];
  return document(locale, `${title} · ${t('app.name')}`, body.join('\n'));
}

/** A closed survey: said plainly, with the answers it got. */
export function closedPage(t: Translate, locale: Locale, survey: Survey, zone: string): string {
  const title = t('survey.card.title_closed', { id: survey.shortId });
  const answers = QUESTIONS.map((q) => {
    const score = survey.answers[q];
    const value = score === undefined ? t('survey.not_chosen') : `${score} / ${SCALES[q].max}`;
    return `<li>${escapeHtml(t(`survey.question.${q}.title`))}: ${escapeHtml(value)}</li>`;
  });
  const body = [
    header(t, title, t('survey.card.closed_text', { at: formatTime(survey.closedAt ?? survey.closesAt, zone) })),
    `<div class="panel"><p>${escapeHtml(t('survey.page.your_answers'))}</p><ul class="answers">${answers.join('')}</ul>`,
    survey.comment ? `<p>${escapeHtml(t('survey.comment.title'))}: ${escapeHtml(survey.comment)}</p>` : '',
    '</div>',
  ];
  return document(locale, `${title} · ${t('app.name')}`, body.join('\n'));
}

/** A page of one message: a link that opens nothing, too many tries, the database not answering. */
export function messagePage(t: Translate, locale: Locale, titleKey: string, textKey: string, params = {}): string {
  const title = t(titleKey, params);
  return document(locale, `${title} · ${t('app.name')}`, header(t, title, t(textKey, params)));
}

function header(t: Translate, title: string, text: string): string {
  return [
    '<header>',
    `<p class="brand">${escapeHtml(t('app.name'))}</p>`,
    `<h1>${escapeHtml(title)}</h1>`,
    `<p class="about">${escapeHtml(text)}</p>`,
    '</header>',
  ].join('\n');
}

function about(t: Translate, survey: Survey, closes: string): string {
  return survey.incident
    ? t('survey.page.about_incident', { incident: survey.incident.id, title: survey.incident.title, closes })
    : t('survey.page.about_service', { closes });
}

function questionFieldset(t: Translate, question: Question, chosen: number | undefined): string {
  const { min, max } = SCALES[question];
  const choices: string[] = [];
  for (let score = min; score <= max; score++) {
    const checked = score === chosen ? ' checked' : '';
    choices.push(
      `<label class="choice"><input type="radio" name="${question}" value="${score}"${checked}><span>${score}</span></label>`,
    );
  }
  return [
    '<fieldset class="question">',
    `<legend>${escapeHtml(t(`survey.question.${question}.title`))}</legend>`,
    `<p class="ask">${escapeHtml(t(`survey.question.${question}.text`))}</p>`,
    `<p class="hint">${escapeHtml(t(max === 5 ? 'survey.scale.five' : 'survey.scale.eleven'))}</p>`,
    `<div class="choices">${choices.join('')}</div>`,
    '</fieldset>',
  ].join('\n');
}
