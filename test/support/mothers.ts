// Object mothers: readable test data with the one detail a test cares about overridden.
import type { Form } from '../../src/chat/form.js';

export function aRestoreForm(overrides: Partial<Form> = {}): Form {
  return {
    id: 'restore.request',
    title: 'Request a restore',
    submitLabel: 'Submit',
    privateValue: 'SYS-3',
    inputs: [
      { id: 'system', label: 'System', kind: 'text', required: true, placeholder: 'e-pay', maxLength: 100 },
      { id: 'reason', label: 'Reason', kind: 'paragraph', required: false, initial: 'Data loss' },
      {
        id: 'scope',
        label: 'Scope',
        kind: 'select',
        required: true,
        options: [
          { label: 'Database', value: 'database' },
          { label: 'Config', value: 'config' },
        ],
        initial: 'config',
      },
    ],
    ...overrides,
  };
}
