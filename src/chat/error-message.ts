// How a refusal or a failure reads: short, in the reader's language, with the correct form.
import type { Message } from './card.js';
import type { UserError } from './user-error.js';
import type { Translate } from '../kernel/i18n.js';

export function userErrorMessage(t: Translate, error: UserError): Message {
  const text = t(error.code, error.params);
  const usage = error.usageOf ? t(`usage.${error.usageOf}`) : undefined;
  return {
    text: usage ? `${text}\n${t('errors.usage')}: ${usage}` : text,
    refusal: true,
    cards: [
      {
        title: t('errors.title'),
        text,
        tone: 'minor',
        fields: usage ? [{ label: t('errors.usage'), value: usage }] : [],
      },
    ],
  };
}

export function internalErrorMessage(t: Translate, reference: string): Message {
  const text = t('errors.internal', { reference });
  return { text, refusal: true, cards: [{ title: t('errors.title'), text, tone: 'major' }] };
}
