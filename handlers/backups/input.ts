// Reading what people type or submit for a backup policy, with a coded error for each mistake:
// `full=7d incr=1d grace=2h offsite=7d retain=90d`, `none` for no check, `default` for the plan's.
import { UserError } from '../../src/chat/user-error.js';
import { parseDuration } from '../../src/config/index.js';
import { SCOPES, type Scope } from '../../models/backups/backup-run.js';
import type { PolicyField } from '../../models/backups/backup-policy.js';
import type { PolicyChange } from '../../src/domains/backups/rules/policies.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** What each setting is called when typed (`incr` is short for incremental). */
const KEYS: Readonly<Record<string, PolicyField>> = {
  full: 'full',
  incr: 'incremental',
  incremental: 'incremental',
  grace: 'grace',
  offsite: 'offsite',
  retain: 'retain',
};

/** The sensible range of each setting: a typo such as `full=7m` is refused, not obeyed. */
export const RANGES: Readonly<Record<PolicyField, { min: number; max: number; minText: string; maxText: string }>> = {
  full: { min: HOUR, max: 400 * DAY, minText: '1h', maxText: '400d' },
  incremental: { min: 5 * MINUTE, max: 31 * DAY, minText: '5m', maxText: '31d' },
  grace: { min: MINUTE, max: 30 * DAY, minText: '1m', maxText: '30d' },
  offsite: { min: HOUR, max: 400 * DAY, minText: '1h', maxText: '400d' },
  retain: { min: DAY, max: 3650 * DAY, minText: '1d', maxText: '3650d' },
};

export const SYSTEM_MAX = 100;

export function parseScope(word: string | undefined): Scope {
  if (word === undefined || word.trim() === '') throw new UserError('backup.errors.missing_scope', {}, 'backup');
  const scope = word.trim().toLowerCase();
  if (!(SCOPES as readonly string[]).includes(scope)) {
    throw new UserError('backup.errors.bad_scope', { value: word.slice(0, 40) }, 'backup');
  }
  return scope as Scope;
}

export function parseSystem(word: string | undefined): string {
  const system = (word ?? '').trim();
  if (system === '') throw new UserError('backup.errors.missing_system', {}, 'backup');
  if (system.length > SYSTEM_MAX) throw new UserError('errors.too_long', { max: SYSTEM_MAX });
  return system;
}

/** `full=7d incr=none …` → the change; throws on an unknown key, a bad value, or a key given twice. */
export function parsePolicyWords(words: readonly string[]): PolicyChange {
  const change: PolicyChange = {};
  for (const word of words) {
    const match = /^([a-z]+)=(.*)$/i.exec(word.trim());
    const field = match ? KEYS[match[1]!.toLowerCase()] : undefined;
    if (!match || !field) throw new UserError('backup.errors.bad_setting', { value: word.slice(0, 40) }, 'backup');
    if (field in change) throw new UserError('backup.errors.twice', { field: match[1]!.toLowerCase() });
    change[field] = parseSetting(field, match[2]!);
  }
  return change;
}

/** The form: one text input per setting, an empty one leaves the setting as it is. */
export function parsePolicyForm(values: Readonly<Record<string, string>>): PolicyChange {
  const change: PolicyChange = {};
  for (const field of Object.values(KEYS)) {
    const typed = (values[field] ?? '').trim();
    if (typed !== '') change[field] = parseSetting(field, typed);
  }
  return change;
}

export function parseSetting(field: PolicyField, typed: string): number | null | 'default' {
  const value = typed.trim().toLowerCase();
  const name = field === 'incremental' ? 'incr' : field;
  if (value === 'default') return 'default';
  if (value === 'none' || value === 'off') {
    if (field === 'grace') throw new UserError('backup.errors.grace_none');
    return null;
  }
  const ms = parseDuration(value);
  if (ms === null)
    throw new UserError('backup.errors.bad_duration', { value: `${name}=${typed.slice(0, 20)}` }, 'backup');
  const range = RANGES[field];
  if (ms < range.min || ms > range.max) {
    throw new UserError('backup.errors.out_of_range', { field: name, min: range.minText, max: range.maxText });
  }
  return ms;
}
