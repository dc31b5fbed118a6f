// MTTA and MTTR from the stored step times: mean time to acknowledge and to resolve.
import type { Incident, IncidentModel, Severity } from '../../../../models/incidents/incident.js';

export interface IncidentStats {
  count: number;
  mttaMs: number | undefined;
  mttrMs: number | undefined;
}

export async function incidentStats(
  incidents: IncidentModel,
  since: Date,
  severity?: Severity,
): Promise<IncidentStats> {
  const found = await incidents
    .find({ 'stateAt.reported': { $gte: since }, ...(severity ? { severity } : {}) }, { stateAt: 1 })
    .lean<Pick<Incident, 'stateAt'>[]>();
  return {
    count: found.length,
    mttaMs: mean(found.map((i) => span(i.stateAt.reported, i.stateAt.acknowledged))),
    mttrMs: mean(found.map((i) => span(i.stateAt.reported, i.stateAt.resolved))),
  };
}

function span(from: Date | undefined, to: Date | undefined): number | undefined {
  return from && to ? new Date(to).getTime() - new Date(from).getTime() : undefined;
}

function mean(values: Array<number | undefined>): number | undefined {
  const known = values.filter((v): v is number => v !== undefined);
  return known.length ? known.reduce((a, b) => a + b, 0) / known.length : undefined;
}
