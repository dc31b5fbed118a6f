// The incident domain's variables (CONTRACT.md, README "Configuration"): when an unacknowledged
// incident is re-notified, per severity, and when an open P1/P2 without an update gets a reminder.
import { z } from 'zod';
import { duration } from '../../config/schema.js';
import { parseDuration } from '../../config/duration.js';
import type { ConfigFragment } from '../module.js';

export type SeverityDelays = Partial<Record<'P1' | 'P2' | 'P3' | 'P4', number>>;

export interface IncidentConfig {
  /** Milliseconds before an unacknowledged incident is re-notified; a severity left out is never re-notified. */
  unackedAfterMs: SeverityDelays;
  /** Milliseconds an open P1/P2 may go without an update before its thread gets a reminder. */
  staleAfterMs: number;
}

/** `P1=5m,P2=15m,P3=60m,P4=never` → delay per severity; null when it does not read so. */
export function parseEscalation(text: string): SeverityDelays | null {
  const result: SeverityDelays = {};
  for (const part of text
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const match = /^(P[1-4])=(.+)$/i.exec(part);
    if (!match) return null;
    if (match[2]!.toLowerCase() === 'never') continue;
    const ms = parseDuration(match[2]!);
    if (ms === null || ms <= 0) return null;
    result[match[1]!.toUpperCase() as keyof SeverityDelays] = ms;
  }
  return result;
}

export const INCIDENT_CONFIG: ConfigFragment<'incidents'> = {
  section: 'incidents',
  env: {
    INCIDENT_ESCALATION: z
      .string()
      .default('P1=5m,P2=15m,P3=60m,P4=never')
      .refine((v) => parseEscalation(v) !== null, 'must be like P1=5m,P2=15m,P3=60m,P4=never')
      .transform((v) => parseEscalation(v)!),
    INCIDENT_STALE_AFTER: duration('30m'),
  },
  read: (parsed): IncidentConfig => ({
    unackedAfterMs: parsed.INCIDENT_ESCALATION as SeverityDelays,
    staleAfterMs: parsed.INCIDENT_STALE_AFTER as number,
  }),
};

declare module '../../config/index.js' {
  interface DomainConfig {
    incidents: IncidentConfig;
  }
}
