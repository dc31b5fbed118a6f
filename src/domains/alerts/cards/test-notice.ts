// The card of a sender's test notification: it says the contact point works, and that nothing fires.
import type { Message } from '../../../chat/card.js';
import { formatTime } from '../../../chat/time.js';
import type { Translate } from '../../../kernel/i18n.js';
import type { NormalizedAlert } from '../rules/intake.js';

/** `at` is when it was received; times in `zone`. */
export function testNoticeMessage(t: Translate, alert: NormalizedAlert, at: Date, zone: string): Message {
  const title = t('alert.test.title', { source: t(`alert.source.${alert.source}`) });
  return {
    text: title,
    cards: [
      {
        title,
        text: t('alert.test.text'),
        tone: 'info',
        fields: [
          { label: t('alert.test.received'), value: formatTime(at, zone), short: true },
          { label: t('alert.test.said'), value: alert.summary || alert.name, short: true },
        ],
      },
    ],
  };
}
