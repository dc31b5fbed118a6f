// The maintenance windows of the next shift, for the handover card: a source over what the
// upgrades domain provides (`services.upgrades.windowsBetween(from, to)`), wired in module.ts.
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

/**
 * Windows overlapping the shift (`[from, to)`), one line each: id, system, version and times — what
 * reads the same in every language (the risk and state are on the window's own card, `UPG-n`).
 */
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
        text: `${w.id} ${w.system} ${w.version} ${formatTime(w.start, zone)} → ${formatTime(w.end, zone)}`,
      }));
    },
  };
}
