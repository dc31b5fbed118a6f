// The survey forms: the comment, and sending one by hand when `/survey send` is given nothing.
import type { Form } from '../../src/chat/form.js';
import type { Translate } from '../../src/kernel/i18n.js';
import { COMMENT_MAX, type Survey } from '../../models/surveys/survey.js';

/** The comment of `survey` (its id in privateValue), starting with the comment it has. */
export function commentForm(t: Translate, survey: Survey): Form {
  return {
    id: 'survey.comment',
    title: t('survey.form.comment_title'),
    submitLabel: t('survey.form.submit'),
    privateValue: survey.shortId,
    inputs: [
      {
        id: 'comment',
        label: t('survey.form.comment', { id: survey.shortId }),
        kind: 'paragraph',
        required: false,
        maxLength: COMMENT_MAX,
        ...(survey.comment ? { initial: survey.comment } : {}),
      },
    ],
  };
}

/** Whom to ask: an incident id or a person, as typed after `/survey send`. */
export function sendForm(t: Translate): Form {
  return {
    id: 'survey.send',
    title: t('survey.form.send_title'),
    submitLabel: t('survey.form.submit'),
    inputs: [{ id: 'target', label: t('survey.form.target'), kind: 'text', required: true, maxLength: 200 }],
  };
}
