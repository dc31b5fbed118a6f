// Form → a Feishu card holding a form container, sent to the person alone (their chat with the bot).
// Its submit button carries the form's id, its private value and the chat it was opened from; the
// values typed arrive with the click as `action.form_value`, keyed by each input's name.
import type { Form, FormInput } from '../form.js';
import { truncate } from '../text.js';
import type { ButtonValue, FeishuCard, FeishuElement } from './feishu-card.js';

/** The form container's name (one per card). */
const FORM_NAME = 'zhiban_form';

/** The card showing `form`; `channelId` is where the form was opened, where its answer is said. */
export function toFeishuFormCard(form: Form, channelId: string): FeishuCard {
  const submit: ButtonValue = { f: form.id, c: channelId, ...(form.privateValue ? { p: form.privateValue } : {}) };
  return {
    schema: '2.0',
    config: { update_multi: true, width_mode: 'fill' },
    header: { title: { tag: 'plain_text', content: truncate(form.title, 100) }, template: 'blue' },
    body: {
      elements: [
        {
          tag: 'form',
          name: FORM_NAME,
          elements: [
            ...form.inputs.map(toInput),
            {
              tag: 'button',
              name: 'submit',
              form_action_type: 'submit',
              type: 'primary',
              text: { tag: 'plain_text', content: truncate(form.submitLabel, 40) },
              behaviors: [{ type: 'callback', value: submit }],
            },
          ],
        },
      ],
    },
  };
}

function toInput(input: FormInput): FeishuElement {
  const label = { tag: 'plain_text', content: truncate(input.label, 100) };
  if (input.kind === 'select') {
    const options = (input.options ?? []).map((o) => ({
      text: { tag: 'plain_text', content: truncate(o.label, 100) },
      value: o.value,
    }));
    return {
      tag: 'select_static',
      name: input.id,
      required: input.required,
      placeholder: label,
      options,
      ...(input.initial ? { initial_option: input.initial } : {}),
    };
  }
  return {
    tag: 'input',
    name: input.id,
    required: input.required,
    label,
    label_position: 'top',
    ...(input.kind === 'paragraph' ? { input_type: 'multiline_text', rows: 4 } : {}),
    ...(input.placeholder ? { placeholder: { tag: 'plain_text', content: truncate(input.placeholder, 100) } } : {}),
    ...(input.initial ? { default_value: truncate(input.initial, 1000) } : {}),
    // Feishu's input takes at most 1,000 characters.
    max_length: Math.min(input.maxLength ?? 1000, 1000),
  };
}

/** The values a form's click carried (`action.form_value`), as text; anything not text is left out. */
export function formValues(raw: unknown): Record<string, string> {
  if (typeof raw !== 'object' || raw === null) return {};
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(raw as Record<string, unknown>)) {
    if (typeof value === 'string') out[key] = value;
    else if (typeof value === 'number' || typeof value === 'boolean') out[key] = String(value);
  }
  return out;
}
