// MTTA and MTTR per severity on /metrics, computed from the stored step times when scraped, so
// every process reports the same numbers whichever of them handled the incidents.
import { Gauge, type Registry } from 'prom-client';

const SEVERITIES = ['P1', 'P2', 'P3', 'P4'] as const;
export const WINDOW_MS = 30 * 86_400_000;

export interface SeverityStats {
  count: number;
  mttaMs: number | undefined;
  mttrMs: number | undefined;
}

export function registerIncidentGauges(
  registry: Registry,
  statsOf: (severity: string) => Promise<SeverityStats>,
): void {
  const read = async () => Object.fromEntries(await Promise.all(SEVERITIES.map(async (s) => [s, await statsOf(s)])));
  new Gauge({
    name: 'zhiban_incident_mtta_seconds',
    help: 'Mean time to acknowledge over incidents declared in the last 30 days, by severity',
    labelNames: ['severity'] as const,
    registers: [registry],
    async collect() {
      for (const [severity, stats] of Object.entries(await read()) as Array<[string, SeverityStats]>) {
        if (stats.mttaMs !== undefined) this.set({ severity }, stats.mttaMs / 1000);
      }
    },
  });
  new Gauge({
    name: 'zhiban_incident_mttr_seconds',
    help: 'Mean time to resolve over incidents declared in the last 30 days, by severity',
    labelNames: ['severity'] as const,
    registers: [registry],
    async collect() {
      for (const [severity, stats] of Object.entries(await read()) as Array<[string, SeverityStats]>) {
        if (stats.mttrMs !== undefined) this.set({ severity }, stats.mttrMs / 1000);
      }
    },
  });
}
