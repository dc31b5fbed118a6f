// The upgrade forms: the announcement with everything the card shows (risk, release notes, scope,
// steps, rollback plan, impact), the completion (verified? notes) and the reasons a rollback, a
// cancellation or a rejection give. Discord's modals hold five inputs: there the announcement form
// asks the typed command's five, and `/upgrade announce <system> <version> <start> <end>` opens the
// plan form (summary, risk, rollback plan, notes, impact) for the rest.
import type { Form, FormInput } from '../../src/chat/form.js';
import type { Translate } from '../../src/kernel/i18n.js';
import { UPGRADE_LIMITS } from '../../models/upgrades/upgrade.js';

export const ANNOUNCE_FORM = 'upgrade.announce';
/** The rest of an announcement whose system, version and window were typed (`privateValue`). */
export const PLAN_FORM = 'upgrade.plan';
export const COMPLETE_FORM = 'upgrade.complete';
export const ROLLBACK_FORM = 'upgrade.rollback';
export const REJECT_FORM = 'upgrade.reject';
/** A Discord modal holds this many inputs. */
const DISCORD_INPUTS = 5;

const paragraph = (t: Translate, id: string, required = false): FormInput => ({
  id,
  label: t(`upgrade.form.${id}`),
  kind: 'paragraph',
  required,
  maxLength: UPGRADE_LIMITS.text,
});

/** `platform`: the asker's, whose modal may hold only the first five inputs. */
export function announceForm(t: Translate, zone: string, platform: string): Form {
  const time = (id: string): FormInput => ({
    id,
    label: t(`upgrade.form.${id}`, { zone }),
    kind: 'text',
    required: true,
    placeholder: '2026-12-01T22:00',
    maxLength: 16,
  });
  const inputs: FormInput[] = [
    { id: 'system', label: t('upgrade.form.system'), kind: 'text', required: true, maxLength: UPGRADE_LIMITS.system },
    {
      id: 'version',
      label: t('upgrade.form.version'),
      kind: 'text',
      required: true,
      placeholder: '2.4.0',
      maxLength: 100,
    },
    time('start'),
    time('end'),
    { ...paragraph(t, 'summary', true), maxLength: UPGRADE_LIMITS.summary },
    riskInput(t),
    paragraph(t, 'rollback_plan'),
    paragraph(t, 'notes'),
    paragraph(t, 'scope'),
    paragraph(t, 'steps'),
    paragraph(t, 'impact'),
  ];
  return {
    id: ANNOUNCE_FORM,
    title: t('upgrade.form.announce_title'),
    submitLabel: t('upgrade.form.submit'),
    inputs: platform === 'discord' ? inputs.slice(0, DISCORD_INPUTS) : inputs,
  };
}

/**
 * For `/upgrade announce <system> <version> <start> <end>`: the summary, the risk and the plan, the
 * typed words carried as the private value. On Discord its first five fit in the modal.
 */
export function planForm(t: Translate, typed: string, platform: string): Form {
  const [system, version] = typed.split(' ');
  const inputs: FormInput[] = [
    { ...paragraph(t, 'summary', true), maxLength: UPGRADE_LIMITS.summary },
    riskInput(t),
    paragraph(t, 'rollback_plan'),
    paragraph(t, 'notes'),
    paragraph(t, 'impact'),
    paragraph(t, 'scope'),
    paragraph(t, 'steps'),
  ];
  return {
    id: PLAN_FORM,
    title: t('upgrade.form.plan_title', { system, version }),
    submitLabel: t('upgrade.form.submit'),
    privateValue: typed,
    inputs: platform === 'discord' ? inputs.slice(0, DISCORD_INPUTS) : inputs,
  };
}

const riskInput = (t: Translate): FormInput => ({
  id: 'risk',
  label: t('upgrade.form.risk'),
  kind: 'select',
  required: true,
  initial: 'low',
  options: (['low', 'medium', 'high'] as const).map((r) => ({ value: r, label: t(`upgrade.risk.${r}`) })),
});

/** `value`: the upgrade and the card version its button carried (`UPG-3~4`). */
export function completeForm(t: Translate, id: string, value: string): Form {
  return {
    id: COMPLETE_FORM,
    title: t('upgrade.form.complete_title', { id }),
    submitLabel: t('upgrade.form.submit'),
    privateValue: value,
    inputs: [
      {
        id: 'verified',
        label: t('upgrade.form.verified'),
        kind: 'select',
        required: true,
        options: [
          { value: 'yes', label: t('upgrade.yes') },
          { value: 'no', label: t('upgrade.no') },
        ],
      },
      { ...paragraph(t, 'completion_notes'), id: 'notes' },
    ],
  };
}

/** Why a rollback (or a rejection): one required paragraph. */
export function reasonForm(t: Translate, formId: string, id: string, value: string): Form {
  const kind = formId === ROLLBACK_FORM ? 'rollback' : 'reject';
  return {
    id: formId,
    title: t(`upgrade.form.${kind}_title`, { id }),
    submitLabel: t('upgrade.form.submit'),
    privateValue: value,
    inputs: [{ ...paragraph(t, `${kind}_reason`, true), id: 'reason', maxLength: UPGRADE_LIMITS.reason }],
  };
}
