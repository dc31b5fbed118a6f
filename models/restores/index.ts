// The restores domain's models.
import type { Connection } from 'mongoose';
import { bindRestoreRequest } from './restore-request.js';

export function bindRestoreModels(connection: Connection) {
  return { RestoreRequest: bindRestoreRequest(connection) };
}

export type RestoreModels = ReturnType<typeof bindRestoreModels>;

declare module '../index.js' {
  interface Models extends RestoreModels {}
}
