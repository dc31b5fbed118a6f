// Which group an alert joins, as Alertmanager's group_by: by default the alert's name, its
// system (or service) and its severity. The key is a short hash, the same in every process.
import { createHash } from 'node:crypto';

/** Each entry is a label name, or alternatives `system|service` (the first present wins). */
export const DEFAULT_GROUP_BY = ['alertname', 'system|service', 'severity'] as const;

export interface GroupIdentity {
  key: string;
  /** The label values the key was made of, to show on the card: `{alertname: 'DiskFull', system: 'e-pay', …}`. */
  labels: Record<string, string>;
}

export function groupKeyOf(
  labels: Readonly<Record<string, string>>,
  severity: string,
  groupBy: readonly string[] = DEFAULT_GROUP_BY,
): GroupIdentity {
  const values: Record<string, string> = {};
  for (const entry of groupBy) {
    const names = entry.split('|');
    const found = names.find((name) => (name === 'severity' ? true : labels[name] !== undefined));
    if (!found) continue;
    values[found] = found === 'severity' ? severity : labels[found]!;
  }
  const canonical = JSON.stringify(Object.entries(values).sort(([a], [b]) => a.localeCompare(b)));
  return { key: createHash('sha256').update(canonical).digest('hex').slice(0, 24), labels: values };
}
