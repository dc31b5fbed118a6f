// The silence forms: from a card's button (the group's labels are the matchers; how long and why),
// and from `/alert silence` typed alone (which labels too).
import { readCardValue } from '../../src/chat/card-value.js';
import type { Form, FormInput } from '../../src/chat/form.js';
import type { Translate } from '../../src/kernel/i18n.js';
import { MATCHER_VALUE_MAX, REASON_MAX, SILENCE_CHOICES } from './input.js';

/** `value`: the group's id with the episode its card showed (`ALG-3~2`), as the Silence button carried it. */
export function silenceGroupForm(t: Translate, value: string): Form {
  return {
    id: 'alert.silence',
    title: t('alert.form.silence_title', { id: readCardValue(value).id }),
    submitLabel: t('alert.form.submit'),
    privateValue: value,
    inputs: [durationInput(t), reasonInput(t)],
  };
}

export function silenceMatchersForm(t: Translate): Form {
  return {
    id: 'alert.silence_new',
    title: t('alert.form.silence_new_title'),
    submitLabel: t('alert.form.submit'),
    inputs: [
      {
        id: 'matchers',
        label: t('alert.form.matchers'),
        kind: 'text',
        required: true,
        placeholder: 'system=e-pay alertname=DiskFull',
        maxLength: MATCHER_VALUE_MAX + 200,
      },
      durationInput(t),
      reasonInput(t),
    ],
  };
}

function durationInput(t: Translate): FormInput {
  return {
    id: 'duration',
    label: t('alert.form.duration'),
    kind: 'select',
    required: true,
    initial: '1h',
    options: SILENCE_CHOICES.map((value) => ({ value, label: t(`alert.form.durations.${value}`) })),
  };
}

function reasonInput(t: Translate): FormInput {
  return { id: 'reason', label: t('alert.form.reason'), kind: 'paragraph', required: false, maxLength: REASON_MAX };
}
