// Time the test moves, for timers of minutes, hours and days: the test jumps the clock past a
// deadline and waits for what is due, rather than sleeping through it.
import sinon, { type SinonFakeTimers } from 'sinon';
import { FLUSH_JOB } from '../../jobs/alerts/sweeps.js';
import type { Zhiban } from '../../src/app.js';
import { JOBS_COLLECTION } from '../../src/scheduler.js';
import { waitUntil } from './wait-until.js';

/**
 * A moved clock for the whole process. Only `Date` is faked (sinon, `toFake: ['Date']`), so
 * everything that asks `new Date()` or `Date.now()` sees the moved time: Zhiban's system clock,
 * Agenda (which compares `nextRunAt` with its own `new Date()` and computes `every()` from it),
 * the outbox's rate windows, the fakes' `at` stamps. Real timers are left alone, so Agenda's
 * polling, the outbox, sockets and `waitUntil` keep running in real time; between moves the
 * clock goes on at real speed (`shouldAdvanceTime`, in steps of 20 ms).
 *
 * Install it before the Zhiban under test starts and restore it after it stops, so scheduling
 * sees one continuous clock. It only moves forward.
 *
 * A move also ages every lock held at that moment: an Agenda job past its `lockLifetime` is taken
 * over by the next poll, an outbox message `sending` past its lock TTL by another sender. Give
 * `advance`/`moveTo` the Zhiban and they wait until nothing is locked or being sent before moving,
 * as a real clock would never jump in the middle of a job.
 */
export class MovedClock {
  private constructor(private readonly fake: SinonFakeTimers) {}

  static install(start: Date = new Date()): MovedClock {
    return new MovedClock(sinon.useFakeTimers({ toFake: ['Date'], now: start, shouldAdvanceTime: true }));
  }

  now(): Date {
    return new Date();
  }

  /** Moves the time on by `ms` at once (after `quietOn` is idle, when given); returns the new time. */
  async advance(ms: number, quietOn?: Zhiban): Promise<Date> {
    if (quietOn) await untilIdle(quietOn);
    this.fake.setSystemTime(Date.now() + ms);
    return this.now();
  }

  /** Moves the time to `at`, which must not have passed yet. */
  async moveTo(at: Date, quietOn?: Zhiban): Promise<Date> {
    if (quietOn) await untilIdle(quietOn);
    if (at.getTime() < Date.now()) {
      throw new Error(`the clock cannot go back to ${at.toISOString()}: it is already ${this.now().toISOString()}`);
    }
    this.fake.setSystemTime(at);
    return this.now();
  }

  /** Moves to `at`, then waits until what was due by then has run and been said (see dueJobsDone). */
  async settleAt(at: Date, zhiban: Zhiban): Promise<void> {
    await this.moveTo(at, zhiban);
    await dueJobsDone(zhiban, at);
  }

  /**
   * Takes the clock past `deadline` in two steps: to `justBefore` ms before it, letting what is due
   * then run, and on to it, or to the flush sweep's next run if that is later, so the sweep looks at
   * once rather than up to its interval later in real time; the test then waits for what the
   * deadline sets off. One long jump would make every recurring job due in the same poll (the alert
   * reconciliation, due each minute, with the flush sweep), jobs that in real time seldom meet.
   */
  async pass(deadline: Date, zhiban: Zhiban, justBefore = 5000): Promise<void> {
    const before = new Date(deadline.getTime() - justBefore);
    if (before.getTime() > Date.now()) await this.settleAt(before, zhiban);
    await untilIdle(zhiban);
    const sweep = await jobsOf(zhiban).findOne({ name: FLUSH_JOB }, { projection: { nextRunAt: 1 } });
    const to = Math.max(deadline.getTime(), sweep?.nextRunAt?.getTime() ?? 0);
    if (to > Date.now()) this.fake.setSystemTime(to);
  }

  restore(): void {
    this.fake.restore();
  }
}

/** Waits until no Agenda job is locked and no outbox message is being sent, on Zhiban's database. */
export async function untilIdle(zhiban: Zhiban): Promise<void> {
  await waitUntil(() => idle(zhiban), 'no Agenda job locked and no outbox message being sent', { everyMs: 20 });
}

/**
 * Resolves once Agenda has polled after `since` and every job it then found due has finished, and
 * the outbox has sent what they said: a run of the alert flush sweep began after `since` (the sweep
 * is due every few seconds, so after any move of the clock it is due at once; Agenda locks all the
 * due jobs of a poll before it runs any), then no job is locked and no outbox message is being sent
 * or due. After it, "not yet" can be asserted: whatever was due by `since` has had its chance.
 */
export async function dueJobsDone(zhiban: Zhiban, since: Date): Promise<void> {
  await jobRanSince(zhiban, FLUSH_JOB, since);
  await waitUntil(() => idle(zhiban, { outboxDrained: true }), 'the due jobs to finish and the outbox to send', {
    everyMs: 20,
  });
}

/**
 * Resolves once a run of an Agenda job (by name, or a filter such as `{ name, 'data.id': 'INC-2' }`)
 * that began at or after `since` has finished.
 */
export async function jobRanSince(
  zhiban: Zhiban,
  job: string | Record<string, unknown>,
  since: Date,
  timeoutMs = 10_000,
): Promise<void> {
  const filter = typeof job === 'string' ? { name: job } : job;
  await waitUntil(
    async () => {
      const runs = await jobsOf(zhiban)
        .find({ ...filter, lastRunAt: { $gte: since } }, { projection: { lastRunAt: 1, lastFinishedAt: 1 } })
        .toArray();
      return runs.some((run) => run.lastFinishedAt && run.lastFinishedAt >= run.lastRunAt);
    },
    `a run of ${JSON.stringify(filter)} that began after ${since.toISOString()}`,
    { timeoutMs, everyMs: 20 },
  );
}

async function idle(zhiban: Zhiban, { outboxDrained = false } = {}): Promise<boolean> {
  const outbox = zhiban.models.OutboxMessage;
  // In the order work flows (a job stores a message, a sender claims it, then sends it), so a
  // message moving on between two counts is still seen by the later one.
  return (
    (await jobsOf(zhiban).countDocuments({ lockedAt: { $ne: null } })) === 0 &&
    (!outboxDrained || (await outbox.countDocuments({ state: 'pending', notBefore: { $lte: new Date() } })) === 0) &&
    (await outbox.countDocuments({ state: 'sending' })) === 0
  );
}

function jobsOf(zhiban: Zhiban) {
  return zhiban.models.OutboxMessage.db.db!.collection(JOBS_COLLECTION);
}
