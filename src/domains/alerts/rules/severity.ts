// The words monitoring tools use for how bad an alert is, mapped onto Zhiban's four severities.
import type { AlertSeverity } from '../../../../models/alerts/alert.js';

const ALIASES: Readonly<Record<string, AlertSeverity>> = {
  critical: 'critical',
  crit: 'critical',
  fatal: 'critical',
  emergency: 'critical',
  disaster: 'critical',
  error: 'major',
  err: 'major',
  high: 'major',
  major: 'major',
  page: 'major',
  warning: 'minor',
  warn: 'minor',
  medium: 'minor',
  minor: 'minor',
  average: 'minor',
  info: 'info',
  information: 'info',
  informational: 'info',
  notice: 'info',
  low: 'info',
  none: 'info',
  unknown: 'info',
};

/** Alertmanager and Grafana leave severity to the rule's author; an alert without one is minor. */
export const DEFAULT_SEVERITY: AlertSeverity = 'minor';

/** The severity a word names, or undefined when Zhiban does not know the word. */
export function severityOf(word: string | undefined): AlertSeverity | undefined {
  if (word === undefined) return undefined;
  return Object.hasOwn(ALIASES, word.trim().toLowerCase()) ? ALIASES[word.trim().toLowerCase()] : undefined;
}

export const SEVERITY_WORDS: readonly string[] = Object.keys(ALIASES);
