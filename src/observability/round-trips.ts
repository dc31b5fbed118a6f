// Database round trips per operation (issue 18, "The hot path"): how many commands one chat
// command, click, form or webhook call sends to the database. The count does not depend on the
// machine, and on a real MongoDB across a network each round trip costs milliseconds, so it is the
// number to keep small. Counted with the driver's command monitoring (`commandStarted`, one per
// command sent) and an AsyncLocalStorage that follows the operation through its awaits; work the
// operation did not start (the outbox's sending, Agenda's polling, the live feed) is not counted.
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Connection } from 'mongoose';

interface Tally {
  count: number;
}

const current = new AsyncLocalStorage<Tally>();

/**
 * Runs `work`, counting the database commands it sends (and whatever it awaits sends), and hands the
 * count to `done` when it settles, whether it resolved or threw. Nested calls count in the
 * innermost only.
 */
export async function countRoundTrips<T>(work: () => Promise<T>, done: (roundTrips: number) => void): Promise<T> {
  const tally: Tally = { count: 0 };
  try {
    return await current.run(tally, work);
  } finally {
    done(tally.count);
  }
}

/**
 * Counts every command `connection` sends towards the operation it was sent for. The connection
 * must be opened with `monitorCommands: true` (src/db/connect.ts does).
 */
export function watchRoundTrips(connection: Connection): void {
  connection.getClient().on('commandStarted', () => {
    const tally = current.getStore();
    if (tally) tally.count += 1;
  });
}

/**
 * Runs `work` outside any operation's count: for background work an operation only sets going (the
 * outbox's sending, the console's live feed, the backups' at-once checks), which would otherwise
 * be counted against whichever operation woke it.
 */
export function outsideOperation<T>(work: () => T): T {
  return current.exit(work);
}
