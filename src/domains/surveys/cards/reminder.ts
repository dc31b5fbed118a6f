// The one reminder (issue 15): two days on and nothing answered, a short message under the survey
// saying how long it stays open, with a fresh browser link.
import type { Message } from '../../../chat/card.js';
import { formatDuration, formatTime } from '../../../chat/time.js';
import type { Translate } from '../../../kernel/i18n.js';
import type { Survey } from '../../../../models/surveys/survey.js';

/** The reminder at `now`: how long is left, until when, and `link` (a fresh one) when Zhiban has an address. */
export function reminderMessage(
  t: Translate,
  survey: Survey,
  now: Date,
  link: string | undefined,
  zone: string,
): Message {
  const title = t('survey.reminder.title', { id: survey.shortId });
  const text = t('survey.reminder.text', {
    left: formatDuration(t, survey.closesAt.getTime() - now.getTime()),
    closes: formatTime(survey.closesAt, zone),
  });
  return {
    text: `${title}\n${text}`,
    cards: [
      {
        title,
        text,
        tone: 'info',
        ...(link ? { link: { label: t('survey.card.link'), url: link } } : {}),
        footer: survey.incident ? `${survey.shortId} · ${survey.incident.id}` : survey.shortId,
      },
    ],
  };
}
