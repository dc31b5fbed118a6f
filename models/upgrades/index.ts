// The upgrades domain's models.
import type { Connection } from 'mongoose';
import { bindSystemVersion } from './system-version.js';
import { bindUpgrade } from './upgrade.js';

export function bindUpgradeModels(connection: Connection) {
  return { Upgrade: bindUpgrade(connection), SystemVersion: bindSystemVersion(connection) };
}

export type UpgradeModels = ReturnType<typeof bindUpgradeModels>;

declare module '../index.js' {
  interface Models extends UpgradeModels {}
}
