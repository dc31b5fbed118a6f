// One operation: a chat command, click or form, or a webhook call, from its arrival to its answer
// (issue 18, "The hot path"). It follows the work through its awaits (AsyncLocalStorage) and holds
// what belongs to that operation alone: the database round trips it sent (counted by
// src/observability/round-trips.ts) and what it has read once and may read again (remembered()).
// Background work an operation only sets going (the outbox's sending, the live feed) runs outside
// it (outsideOperation), so it neither counts against it nor reads what it remembered.
import { AsyncLocalStorage } from 'node:async_hooks';

/** What one operation holds. */
export interface Operation {
  /** Database commands sent so far. */
  roundTrips: number;
  /** Reads remembered for the rest of the operation, by key (see remembered()). */
  readonly memo: Map<string, Promise<unknown>>;
}

const current = new AsyncLocalStorage<Operation>();

/** Runs `work` as an operation of its own (nested: the innermost counts and remembers). */
export function runOperation<T>(work: () => Promise<T>): { operation: Operation; result: Promise<T> } {
  const operation: Operation = { roundTrips: 0, memo: new Map() };
  return { operation, result: current.run(operation, work) };
}

/** The operation the caller runs in, if any. */
export function currentOperation(): Operation | undefined {
  return current.getStore();
}

/** Runs `work` outside any operation: background work an operation only sets going. */
export function outsideOperation<T>(work: () => T): T {
  return current.exit(work);
}

/**
 * Within an operation, `read()` once per `key` and its answer given again for the rest of it (a
 * person's profile is needed by the router, the approval rules and the wording of the answer);
 * outside one, `read()` every time. A read that fails is not remembered. Whoever changes what a key
 * names in the operation calls forgetRemembered() with its prefix.
 */
export function remembered<T>(key: string, read: () => Promise<T>): Promise<T> {
  const memo = current.getStore()?.memo;
  if (!memo) return read();
  const known = memo.get(key) as Promise<T> | undefined;
  if (known) return known;
  const reading = read();
  memo.set(key, reading);
  reading.catch(() => memo.delete(key));
  return reading;
}

/** Forgets, in the current operation, every remembered read whose key starts with `prefix`. */
export function forgetRemembered(prefix: string): void {
  const memo = current.getStore()?.memo;
  if (!memo) return;
  for (const key of [...memo.keys()]) if (key.startsWith(prefix)) memo.delete(key);
}
