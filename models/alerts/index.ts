// The alerts domain's models: alerts as reported, their groups, and silences.
import type { Connection } from 'mongoose';
import { bindAlert } from './alert.js';
import { bindAlertGroup } from './alert-group.js';
import { bindSilence } from './silence.js';

export function bindAlertModels(connection: Connection) {
  return {
    Alert: bindAlert(connection),
    AlertGroup: bindAlertGroup(connection),
    Silence: bindSilence(connection),
  };
}

export type AlertModels = ReturnType<typeof bindAlertModels>;

declare module '../index.js' {
  interface Models extends AlertModels {}
}
