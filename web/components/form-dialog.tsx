// A neutral Form as a dialog: labelled text boxes, text areas and menus, submitted as one request.
import { useState } from 'preact/hooks';
import type { Form, FormInput } from '../../src/chat/form.js';
import { ApiFailure } from '../api.js';
import { errorText, useT } from '../i18n.js';
import { Dialog } from './dialog.js';

export interface FormDialogProps {
  form: Form;
  onSubmit(values: Record<string, string>): Promise<void>;
  onClose(): void;
}

export function FormDialog({ form, onSubmit, onClose }: FormDialogProps) {
  const t = useT();
  const [values, setValues] = useState<Record<string, string>>(() =>
    Object.fromEntries(form.inputs.map((input) => [input.id, input.initial ?? ''])),
  );
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string>();
  const set = (id: string, value: string) => setValues((before) => ({ ...before, [id]: value }));
  return (
    <Dialog title={form.title} onClose={onClose}>
      <form
        class="form"
        data-form-id={form.id}
        onSubmit={async (event) => {
          event.preventDefault();
          setSending(true);
          setError(undefined);
          try {
            await onSubmit(values);
          } catch (failure) {
            setError(errorText(t, failure instanceof ApiFailure ? failure.code : 'network'));
          } finally {
            setSending(false);
          }
        }}
      >
        {form.inputs.map((input) => (
          <Field key={input.id} input={input} value={values[input.id] ?? ''} onInput={(v) => set(input.id, v)} />
        ))}
        {error ? (
          <p class="error" role="alert">
            {error}
          </p>
        ) : null}
        <div class="form-buttons">
          <button type="button" class="btn plain" onClick={onClose}>
            {t('form.cancel')}
          </button>
          <button type="submit" class="btn primary" disabled={sending}>
            {form.submitLabel}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

function Field({ input, value, onInput }: { input: FormInput; value: string; onInput(value: string): void }) {
  const t = useT();
  const id = `field-${input.id}`;
  const common = {
    id,
    name: input.id,
    required: input.required,
    value,
    onInput: (event: Event) => onInput((event.currentTarget as HTMLInputElement).value),
  };
  return (
    <div class="form-field">
      <label for={id}>{input.label}</label>
      {input.kind === 'select' ? (
        <select {...common}>
          {input.initial ? null : <option value="">{t('form.choose')}</option>}
          {(input.options ?? []).map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      ) : input.kind === 'paragraph' ? (
        <textarea {...common} rows={4} maxLength={input.maxLength} placeholder={input.placeholder} />
      ) : (
        <input {...common} type="text" maxLength={input.maxLength} placeholder={input.placeholder} />
      )}
    </div>
  );
}
