// The incident forms: declare, resolve (what fixed it), and the post-incident summary.
import type { Form } from '../../src/chat/form.js';
import type { Translate } from '../../src/kernel/i18n.js';
import { CATEGORIES, SEVERITIES } from '../../models/incidents/incident.js';

export const TITLE_MAX = 200;
export const TEXT_MAX = 4000;

export function declareForm(t: Translate): Form {
  return {
    id: 'incident.declare',
    title: t('incident.form.declare_title'),
    submitLabel: t('incident.form.submit'),
    inputs: [
      { id: 'title', label: t('incident.form.title'), kind: 'text', required: true, maxLength: TITLE_MAX },
      {
        id: 'severity',
        label: t('incident.form.severity'),
        kind: 'select',
        required: true,
        initial: 'P3',
        options: SEVERITIES.map((s) => ({ value: s, label: t(`incident.severity.${s}`) })),
      },
      {
        id: 'category',
        label: t('incident.form.category'),
        kind: 'select',
        required: true,
        initial: 'technical',
        options: CATEGORIES.map((c) => ({ value: c, label: t(`incident.category.${c}`) })),
      },
      { id: 'system', label: t('incident.form.system'), kind: 'text', required: false, maxLength: 100 },
      {
        id: 'description',
        label: t('incident.form.description'),
        kind: 'paragraph',
        required: false,
        maxLength: TEXT_MAX,
      },
    ],
  };
}

/** `value`: the incident's id, with the card version when opened from a card's button (`INC-12~7`). */
export function resolveForm(t: Translate, value: string): Form {
  return {
    id: 'incident.resolve',
    title: t('incident.form.resolve_title'),
    submitLabel: t('incident.form.submit'),
    privateValue: value,
    inputs: [{ id: 'fix', label: t('incident.form.fix'), kind: 'paragraph', required: true, maxLength: TEXT_MAX }],
  };
}

/**
 * `value` as for resolveForm; `fix` is what the resolve step already said fixed it (the form
 * starts with it, so nobody is asked twice).
 */
export function summaryForm(t: Translate, value: string, fix?: string): Form {
  return {
    id: 'incident.summary',
    title: t('incident.form.summary_title'),
    submitLabel: t('incident.form.submit'),
    privateValue: value,
    inputs: [
      { id: 'cause', label: t('incident.form.cause'), kind: 'paragraph', required: true, maxLength: TEXT_MAX },
      {
        id: 'fix',
        label: t('incident.form.fix'),
        kind: 'paragraph',
        required: true,
        maxLength: TEXT_MAX,
        ...(fix ? { initial: fix } : {}),
      },
      { id: 'lesson', label: t('incident.form.lesson'), kind: 'paragraph', required: true, maxLength: TEXT_MAX },
    ],
  };
}
