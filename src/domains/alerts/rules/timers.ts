// Alertmanager's three timers: group_wait and group_interval are kept by the flush in each group's
// `earliestFlushAt`; this is the arithmetic of the third, when an unchanged group is said again.
export interface GroupTimers {
  /** A new group's first announcement waits this long, so the alerts that come together arrive together. */
  groupWaitMs: number;
  /** Later changes are batched: at most one flush per group per this long. */
  groupIntervalMs: number;
  /** An unchanged firing group is announced again after this long. */
  repeatIntervalMs: number;
}

/** After a flush at `now` that left alerts firing and unsilenced: the repeat, never before the next interval. */
export function repeatFlushAt(lastNotifiedAt: Date, now: Date, timers: GroupTimers): Date {
  return new Date(Math.max(now.getTime() + timers.groupIntervalMs, lastNotifiedAt.getTime() + timers.repeatIntervalMs));
}

export function repeatDue(lastNotifiedAt: Date, now: Date, timers: GroupTimers): boolean {
  return now.getTime() >= lastNotifiedAt.getTime() + timers.repeatIntervalMs;
}
