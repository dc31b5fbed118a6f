// Form → Slack modal view, and the submitted view state back to plain values.
import { clean } from '../neutral-text.js';
import { truncate } from '../text.js';
import type { Form, FormInput } from '../form.js';

export interface ModalMetadata {
  /** The form's own private value. */
  v?: string | undefined;
  /** Where the form was opened, so the answer can go there. */
  c: string;
}

export function toSlackModal(form: Form, channelId: string) {
  const metadata: ModalMetadata = { v: form.privateValue, c: channelId };
  return {
    type: 'modal' as const,
    callback_id: form.id,
    private_metadata: JSON.stringify(metadata),
    title: { type: 'plain_text' as const, text: truncate(form.title, 24) },
    submit: { type: 'plain_text' as const, text: truncate(form.submitLabel, 24) },
    blocks: form.inputs.map(inputBlock),
  };
}

function inputBlock(input: FormInput) {
  const label = { type: 'plain_text', text: truncate(input.label, 2000) };
  const placeholder = input.placeholder
    ? { placeholder: { type: 'plain_text', text: truncate(input.placeholder, 150) } }
    : {};
  const element =
    input.kind === 'select'
      ? {
          type: 'static_select',
          action_id: 'value',
          options: (input.options ?? []).map((o) => ({
            text: { type: 'plain_text', text: truncate(o.label, 75) },
            value: o.value,
          })),
          ...(input.initial
            ? {
                initial_option: (input.options ?? [])
                  .filter((o) => o.value === input.initial)
                  .map((o) => ({ text: { type: 'plain_text', text: truncate(o.label, 75) }, value: o.value }))[0],
              }
            : {}),
          ...placeholder,
        }
      : {
          type: 'plain_text_input',
          action_id: 'value',
          multiline: input.kind === 'paragraph',
          ...(input.maxLength ? { max_length: input.maxLength } : {}),
          ...(input.initial ? { initial_value: input.initial } : {}),
          ...placeholder,
        };
  return { type: 'input', block_id: input.id, optional: !input.required, label, element };
}

type ViewState = Record<string, Record<string, { value?: string | null; selected_option?: { value: string } | null }>>;

export function modalValues(state: ViewState): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [blockId, actions] of Object.entries(state)) {
    const input = actions['value'];
    const value = input?.selected_option?.value ?? input?.value;
    // A modal's input comes as typed (unlike a slash command's text): only the entity marks go.
    if (typeof value === 'string') values[blockId] = clean(value);
  }
  return values;
}

export function parseModalMetadata(raw: string | undefined): ModalMetadata | undefined {
  try {
    const parsed = JSON.parse(raw ?? '') as ModalMetadata;
    return typeof parsed.c === 'string' ? parsed : undefined;
  } catch {
    return undefined;
  }
}
