// Reading what people type or submit for an upgrade, with a coded error for each mistake, answered
// in their language with the correct form. Times are `2026-12-01T22:00` in TIMEZONE (CONTRACT.md).
import { UserError } from '../../src/chat/user-error.js';
import { parseLocalTime } from '../../src/kernel/calendar.js';
import { RISKS, UPGRADE_LIMITS, type Risk, type UpgradePlan } from '../../models/upgrades/upgrade.js';
import type { AnnounceInput } from '../../src/domains/upgrades/rules/announcing.js';
import { VERSION_MAX } from '../../src/domains/upgrades/rules/version-rule.js';
import type { CompleteInput } from '../../src/domains/upgrades/rules/transitions.js';

/** `<system> <version> <start> <end> <summary…>`: a low-risk upgrade (the form says more). */
export function parseAnnounce(words: readonly string[], zone: string): AnnounceInput {
  const [system, version, start, end, ...summary] = words;
  return {
    system: requireSystem(system),
    version: requireVersion(version),
    start: requireTime(start, 'start', zone),
    end: requireTime(end, 'end', zone),
    summary: requireText(summary.join(' '), 'summary', UPGRADE_LIMITS.summary),
    risk: 'low',
    plan: {},
  };
}

/** `<system> <version> <start> <end>`, typed before the plan form: checked before it opens. */
export function parseTypedWindow(
  words: readonly string[],
  zone: string,
): Omit<AnnounceInput, 'summary' | 'risk' | 'plan'> {
  const [system, version, start, end] = words;
  return {
    system: requireSystem(system),
    version: requireVersion(version),
    start: requireTime(start, 'start', zone),
    end: requireTime(end, 'end', zone),
  };
}

/**
 * The announce form (everything), or the plan form with the typed four words as `typed`
 * (`e-pay 2.4.0 2026-12-01T22:00 2026-12-02T02:00`).
 */
export function parseAnnounceForm(values: Record<string, string>, zone: string, typed?: string): AnnounceInput {
  if (typed !== undefined) {
    const [system, version, start, end] = typed.split(' ');
    return parseAnnounceForm(
      { ...values, system: system ?? '', version: version ?? '', start: start ?? '', end: end ?? '' },
      zone,
    );
  }
  const plan: UpgradePlan = {};
  for (const [input, key] of [
    ['notes', 'notes'],
    ['scope', 'scope'],
    ['steps', 'steps'],
    ['rollback_plan', 'rollbackPlan'],
    ['impact', 'impact'],
  ] as const) {
    const text = optional(values[input], UPGRADE_LIMITS.text);
    if (text) plan[key] = text;
  }
  return {
    system: requireSystem(values.system),
    version: requireVersion(values.version),
    start: requireTime(values.start, 'start', zone),
    end: requireTime(values.end, 'end', zone),
    summary: requireText(values.summary, 'summary', UPGRADE_LIMITS.summary),
    risk: requireRisk(values.risk),
    plan,
  };
}

export function requireSystem(word: string | undefined): string {
  const system = (word ?? '').trim();
  if (!system) throw new UserError('upgrade.errors.missing_system', {}, 'upgrade');
  if (system.length > UPGRADE_LIMITS.system) throw new UserError('errors.too_long', { max: UPGRADE_LIMITS.system });
  return system;
}

function requireVersion(word: string | undefined): string {
  const version = (word ?? '').trim();
  if (!version) throw new UserError('upgrade.errors.missing_version', {}, 'upgrade');
  if (version.length > VERSION_MAX) throw new UserError('errors.too_long', { max: VERSION_MAX });
  return version;
}

function requireTime(word: string | undefined, which: 'start' | 'end', zone: string): Date {
  const typed = (word ?? '').trim();
  if (!typed) throw new UserError(`upgrade.errors.missing_${which}`, {}, 'upgrade');
  const parsed = parseLocalTime(typed, zone);
  if (!parsed.ok) {
    throw new UserError(`upgrade.errors.time_${parsed.problem}`, { value: typed.slice(0, 40), zone }, 'upgrade');
  }
  return parsed.at;
}

function requireRisk(word: string | undefined): Risk {
  const risk = (word ?? 'low').trim().toLowerCase() || 'low';
  if (!(RISKS as readonly string[]).includes(risk))
    throw new UserError('upgrade.errors.bad_risk', { value: risk.slice(0, 20) });
  return risk as Risk;
}

export function requireText(text: string | undefined, what: string, max: number): string {
  const value = (text ?? '').trim();
  if (!value) throw new UserError(`upgrade.errors.missing_${what}`, {}, 'upgrade');
  if (value.length > max) throw new UserError('errors.too_long', { max });
  return value;
}

export function requireId(id: string | undefined): string {
  if (!id?.trim()) throw new UserError('upgrade.errors.missing_id', {}, 'upgrade');
  return id.trim();
}

/** The complete form: verified yes or no (seed 4.2(5)), and notes. */
export function parseCompleteForm(values: Record<string, string>): CompleteInput {
  const answer = (values.verified ?? '').trim().toLowerCase();
  let verified: boolean;
  if (answer === 'yes' || answer === 'y' || answer === '是') verified = true;
  else if (answer === 'no' || answer === 'n' || answer === '否') verified = false;
  else throw new UserError('upgrade.errors.bad_answer', { value: answer.slice(0, 20) });
  return { verified, notes: optional(values.notes, UPGRADE_LIMITS.text) };
}

function optional(raw: string | undefined, max: number): string | undefined {
  const value = (raw ?? '').trim();
  if (!value) return undefined;
  if (value.length > max) throw new UserError('errors.too_long', { max });
  return value;
}
