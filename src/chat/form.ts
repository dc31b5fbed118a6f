// A form (Slack modal, Discord modal, web dialog): a few labelled inputs and a submit.
export interface FormOption {
  label: string;
  value: string;
}

export interface FormInput {
  id: string;
  label: string;
  kind: 'text' | 'paragraph' | 'select';
  required: boolean;
  options?: FormOption[];
  placeholder?: string;
  initial?: string;
  maxLength?: number;
}

export interface Form {
  /** Routed like a command: the handler registered for this id receives the values. */
  id: string;
  title: string;
  submitLabel: string;
  inputs: FormInput[];
  /** Carried through the platform untouched, e.g. the id of the thing the form is about. */
  privateValue?: string;
}
