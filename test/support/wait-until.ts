// Waits for a condition the test cannot be told about (a job ran, a document changed), by
// checking it often, with a deadline that fails the test with what was last seen. The deadline is
// kept in real time (performance.now(), which MovedClock leaves alone), so moving the clock
// while waiting does not cut the wait short.
import { performance } from 'node:perf_hooks';

export async function waitUntil<T>(
  check: () => Promise<T | undefined | false>,
  what: string,
  { timeoutMs = 10_000, everyMs = 50 } = {},
): Promise<T> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const result = await check();
    if (result) return result;
    if (performance.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}
