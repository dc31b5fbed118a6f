// The maintenance windows of the next shift, for the handover card: a source over what the
// upgrades domain provides (`services.upgrades.windowsBetween(from, to)`). Not wired here: the
// upgrades domain is being built beside this one; at merge, module.ts adds
// `maintenanceSource((from, to) => services.upgrades.windowsBetween(from, to), zone)` to `sources`.
import { formatTime } from '../../../chat/time.js';
import type { HandoverItemSource } from './item-source.js';

/** A maintenance window as the upgrades domain gives it. */
export interface MaintenanceWindow {
  id: string;
  system: string;
  version: string;
  start: Date;
  end: Date;
  status: string;
  risk: string;
}

/** Lines listed at most: a handover card stays readable. */
const LIMIT = 10;

/** Windows overlapping the shift (`[from, to)`), one line each: id, system, version, times, risk, status. */
export function maintenanceSource(
  windowsBetween: (from: Date, to: Date) => Promise<MaintenanceWindow[]>,
  zone: string,
): HandoverItemSource {
  return {
    kind: 'maintenance',
    async list(_team, from, to) {
      const windows = await windowsBetween(from, to);
      return windows.slice(0, LIMIT).map((w) => ({
        id: w.id,
        text: `${w.id} ${w.system} ${w.version} ${formatTime(w.start, zone)} → ${formatTime(w.end, zone)} (${w.risk}, ${w.status})`,
      }));
    },
  };
}
