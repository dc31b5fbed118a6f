// Database round trips per operation (issue 18, "The hot path"): how many commands one chat
// command, click, form or webhook call sends to the database. The count does not depend on the
// machine, and on a real MongoDB across a network each round trip costs milliseconds, so it is the
// number to keep small. Counted with the driver's command monitoring (`commandStarted`, one per
// command sent) and an AsyncLocalStorage that follows the operation through its awaits; work the
// operation did not start (the outbox's sending, Agenda's polling, the live feed) is not counted.
import type { Connection } from 'mongoose';
import { currentOperation, outsideOperation, runOperation } from '../kernel/operation.js';

export { outsideOperation };

/**
 * Runs `work` as an operation (src/kernel/operation.ts), counting the database commands it sends
 * (and whatever it awaits sends), and hands the count to `done` when it settles, whether it
 * resolved or threw. Nested calls count in the innermost only.
 */
export async function countRoundTrips<T>(work: () => Promise<T>, done: (roundTrips: number) => void): Promise<T> {
  const { operation, result } = runOperation(work);
  try {
    return await result;
  } finally {
    done(operation.roundTrips);
  }
}

/**
 * Counts every command `connection` sends towards the operation it was sent for. The connection
 * must be opened with `monitorCommands: true` (src/db/connect.ts does).
 */
export function watchRoundTrips(connection: Connection): void {
  connection.getClient().on('commandStarted', () => {
    const operation = currentOperation();
    if (operation) operation.roundTrips += 1;
  });
}
