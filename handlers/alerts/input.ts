// Reading what people typed or submitted for a silence, with a coded error for each mistake.
import { UserError } from '../../src/chat/user-error.js';
import { parseDuration } from '../../src/config/index.js';
import type { Matcher } from '../../models/alerts/silence.js';
import { isSafePattern, LABEL_NAME } from '../../src/domains/alerts/rules/matchers.js';

export const SILENCE_CHOICES = ['30m', '1h', '2h', '4h', '24h'] as const;
export const SILENCE_MIN_MS = 60_000;
export const SILENCE_MAX_MS = 7 * 86_400_000;
/** As long as a label value the intake stores. */
export const MATCHER_VALUE_MAX = 1024;
export const REASON_MAX = 500;
const MATCHERS_MAX = 10;

export interface SilenceInput {
  matchers: Matcher[];
  durationMs: number;
  reason: string | undefined;
}

/** `<label>=<value> [<label>=~<regex>…] <duration> [<reason…>]` */
export function parseSilenceWords(words: readonly string[]): SilenceInput {
  const matchers: Matcher[] = [];
  let at = 0;
  while (at < words.length && words[at]!.includes('=')) matchers.push(parseMatcher(words[at++]!));
  if (matchers.length === 0) throw new UserError('alert.errors.missing_matcher', {}, 'alert');
  if (matchers.length > MATCHERS_MAX) throw new UserError('alert.errors.too_many_matchers', { max: MATCHERS_MAX });
  const duration = words[at];
  if (duration === undefined) throw new UserError('alert.errors.missing_duration', {}, 'alert');
  return {
    matchers,
    durationMs: parseSilenceDuration(duration),
    reason: parseReason(words.slice(at + 1).join(' ')),
  };
}

/** The form opened by `/alert silence` alone: matchers in one field, separated by spaces or commas. */
export function parseSilenceForm(values: Record<string, string>): SilenceInput {
  const words = (values.matchers ?? '').split(/[\s,，]+/).filter(Boolean);
  if (words.length === 0) throw new UserError('alert.errors.missing_matcher', {}, 'alert');
  const matchers = words.map(parseMatcher);
  if (matchers.length > MATCHERS_MAX) throw new UserError('alert.errors.too_many_matchers', { max: MATCHERS_MAX });
  return { matchers, durationMs: parseSilenceDuration(values.duration ?? ''), reason: parseReason(values.reason) };
}

export function parseMatcher(word: string): Matcher {
  const match = /^([^=~]*)(=~|=)(.*)$/s.exec(word.trim());
  const shown = word.slice(0, 40);
  if (!match) throw new UserError('alert.errors.bad_matcher', { value: shown }, 'alert');
  const [, name, op, value] = match as unknown as [string, string, string, string];
  if (!LABEL_NAME.test(name) || value === '')
    throw new UserError('alert.errors.bad_matcher', { value: shown }, 'alert');
  if (value.length > MATCHER_VALUE_MAX) throw new UserError('errors.too_long', { max: MATCHER_VALUE_MAX });
  if (op === '=~') {
    if (!isSafePattern(value)) throw new UserError('alert.errors.bad_regex', { value: value.slice(0, 40) });
    return { name, value, regex: true };
  }
  return { name, value };
}

export function parseSilenceDuration(text: string): number {
  const typed = text.trim();
  if (typed === '') throw new UserError('alert.errors.missing_duration', {}, 'alert');
  const ms = parseDuration(typed);
  if (ms === null) throw new UserError('alert.errors.bad_duration', { value: typed.slice(0, 20) }, 'alert');
  if (ms < SILENCE_MIN_MS || ms > SILENCE_MAX_MS) {
    throw new UserError('alert.errors.duration_range', { min: '1m', max: '7d' });
  }
  return ms;
}

export function parseReason(raw: string | undefined): string | undefined {
  const reason = (raw ?? '').trim();
  if (reason === '') return undefined;
  if (reason.length > REASON_MAX) throw new UserError('errors.too_long', { max: REASON_MAX });
  return reason;
}
