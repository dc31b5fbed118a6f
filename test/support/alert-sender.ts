// A monitoring tool in tests: generic alerts (CONTRACT.md) POSTed to /webhooks/alerts, and an
// object mother for them.
import { WEBHOOK_TOKEN } from './harness.js';

export interface GenericAlert {
  source: string;
  name: string;
  status: 'firing' | 'resolved';
  severity: 'critical' | 'major' | 'minor' | 'info';
  layer?: 'infrastructure' | 'platform' | 'application';
  summary?: string;
  labels: Record<string, string>;
  fingerprint?: string;
}

/** `anAlert('DiskFull', 'db-1')`: firing, critical, on e-pay, fingerprinted by name and instance. */
export function anAlert(name: string, instance: string, overrides: Partial<GenericAlert> = {}): GenericAlert {
  const labels = { system: 'e-pay', instance, ...overrides.labels };
  return {
    source: 'test',
    name,
    status: 'firing',
    severity: 'critical',
    layer: 'platform',
    summary: `${name} on ${instance}`,
    fingerprint: `${name}-${labels.system}-${instance}-${overrides.severity ?? 'critical'}`,
    ...overrides,
    labels,
  };
}

export function resolved(alert: GenericAlert): GenericAlert {
  return { ...alert, status: 'resolved' };
}

/** To a harness, or to any Zhiban process (`{ url }`). */
export async function sendAlerts(to: { url: string }, alerts: GenericAlert | GenericAlert[]): Promise<void> {
  const res = await fetch(`${to.url}/webhooks/alerts`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${WEBHOOK_TOKEN}` },
    body: JSON.stringify(alerts),
  });
  if (res.status !== 202) throw new Error(`/webhooks/alerts answered ${res.status}: ${await res.text()}`);
}
