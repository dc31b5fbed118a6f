// Form → Discord modal. Discord modals hold only text inputs (5 at most), so a choice
// becomes a short text input whose placeholder lists the choices; the handler validates it.
import type { Form, FormInput } from '../form.js';
import { truncate } from '../text.js';

export const FORM_PREFIX = 'form:';

export function toDiscordModal(form: Form) {
  return {
    custom_id: truncate(`${FORM_PREFIX}${form.id}:${form.privateValue ?? ''}`, 100),
    title: truncate(form.title, 45),
    components: form.inputs.slice(0, 5).map((input) => ({
      type: 1,
      components: [
        {
          type: 4,
          custom_id: input.id,
          label: truncate(input.label, 45),
          style: input.kind === 'paragraph' ? 2 : 1,
          required: input.required,
          ...(input.maxLength ? { max_length: Math.min(input.maxLength, 4000) } : {}),
          ...(input.initial ? { value: truncate(input.initial, 4000) } : {}),
          ...placeholderOf(input),
        },
      ],
    })),
  };
}

export function parseModalId(customId: string): { formId: string; privateValue: string | undefined } | undefined {
  if (!customId.startsWith(FORM_PREFIX)) return undefined;
  const rest = customId.slice(FORM_PREFIX.length);
  const at = rest.indexOf(':');
  if (at < 0) return { formId: rest, privateValue: undefined };
  return { formId: rest.slice(0, at), privateValue: rest.slice(at + 1) || undefined };
}

function placeholderOf(input: FormInput): { placeholder?: string } {
  const text =
    input.kind === 'select' ? (input.options ?? []).map((o) => o.value).join(' | ') : (input.placeholder ?? '');
  return text ? { placeholder: truncate(text, 100) } : {};
}
