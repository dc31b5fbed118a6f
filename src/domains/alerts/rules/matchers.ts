// Which alerts a silence's matchers match. `alertname`, `severity` and `layer` mean what Zhiban
// stored (the normalised severity, not the sender's word), so a silence made from a card's
// group labels matches exactly that group; any other name is a label.
import type { QueryFilter } from 'mongoose';
import type { Alert } from '../../../../models/alerts/alert.js';
import type { Matcher } from '../../../../models/alerts/silence.js';

export type MatchableAlert = Pick<Alert, 'name' | 'severity' | 'layer' | 'labels'>;

export const LABEL_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,127}$/;

export function labelOf(alert: MatchableAlert, name: string): string | undefined {
  if (name === 'severity') return alert.severity;
  if (name === 'layer') return alert.layer;
  if (name === 'alertname') return alert.labels.alertname ?? alert.name;
  return Object.hasOwn(alert.labels, name) ? alert.labels[name] : undefined;
}

export function matchesAll(alert: MatchableAlert, matchers: readonly Matcher[]): boolean {
  return matchers.every((m) => {
    const value = labelOf(alert, m.name);
    if (value === undefined) return false;
    return m.regex ? anchored(m.value).test(value) : value === m.value;
  });
}

/**
 * A database filter that finds at least every alert the matchers match (the equality ones, which
 * are also the selective ones); regular expressions are checked with matchesAll afterwards.
 */
export function matcherFilter(matchers: readonly Matcher[]): QueryFilter<Alert> {
  const filter: Record<string, unknown> = {};
  for (const m of matchers) {
    if (m.regex) continue;
    const path = m.name === 'severity' || m.name === 'layer' ? m.name : `labels.${m.name}`;
    filter[path] = m.value;
  }
  return filter as QueryFilter<Alert>;
}

/** One string per set of matchers, whatever their order: `alertname=DiskFull,system=e-pay`. */
export function matcherKey(matchers: readonly Matcher[]): string {
  return matchers.map(matcherText).sort().join(',');
}

export function matcherText(m: Matcher): string {
  return `${m.name}${m.regex ? '=~' : '='}${m.value}`;
}

/** The group's own labels as equality matchers: a silence of exactly that group. */
export function groupMatchers(labels: Readonly<Record<string, string>>): Matcher[] {
  return Object.entries(labels).map(([name, value]) => ({ name, value }));
}

/**
 * Patterns that can backtrack for ever (a repeated group that itself repeats, `(a+)+`) are
 * refused: a silence is matched against every incoming alert on the intake path.
 */
export function isSafePattern(pattern: string): boolean {
  if (/\([^)]*[+*}][^)]*\)\s*[+*{]/.test(pattern)) return false;
  try {
    anchored(pattern);
    return true;
  } catch {
    return false;
  }
}

const compiled = new Map<string, RegExp>();

function anchored(pattern: string): RegExp {
  let regex = compiled.get(pattern);
  if (!regex) {
    regex = new RegExp(`^(?:${pattern})$`);
    if (compiled.size > 500) compiled.clear();
    compiled.set(pattern, regex);
  }
  return regex;
}
