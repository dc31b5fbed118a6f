// A Zhiban (the harness's, with its fakes' addresses) in a process of its own that the test kills
// with SIGKILL whenever it likes: in the middle of a click, of a call to an executor, of a job.
// It writes `listening <url>` to stdout once it takes requests, then waits to be killed.
//
// Environment: ZHIBAN_TEST_ENV (JSON, the Zhiban's configuration, e.g. a Harness's `env`);
// ZHIBAN_TEST_NOW (optional, ISO time): its clock starts there (a MovedClock), so it agrees with a
// parent test that has moved its own.
// Run it, never import it: importing runs it.
import { writeSync } from 'node:fs';
import { startZhiban } from './harness.js';
import { MovedClock } from './moved-clock.js';

async function main(): Promise<void> {
  const env = JSON.parse(process.env.ZHIBAN_TEST_ENV ?? '{}') as Record<string, string>;
  if (process.env.ZHIBAN_TEST_NOW) MovedClock.install(new Date(process.env.ZHIBAN_TEST_NOW));
  const zhiban = await startZhiban(env);
  // Synchronous, so the parent reads it however soon the kill follows.
  writeSync(1, `listening ${zhiban.url}\n`);
}

main().catch((error: unknown) => {
  writeSync(2, `killable-zhiban failed: ${String(error)}\n`);
  process.exit(2);
});
