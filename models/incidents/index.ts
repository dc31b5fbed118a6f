// The incidents domain's models.
import type { Connection } from 'mongoose';
import { bindIncident } from './incident.js';

export function bindIncidentModels(connection: Connection) {
  return { Incident: bindIncident(connection) };
}

export type IncidentModels = ReturnType<typeof bindIncidentModels>;

declare module '../index.js' {
  interface Models extends IncidentModels {}
}
