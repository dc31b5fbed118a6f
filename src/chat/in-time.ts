// An answer for the person within the platforms' 3 s, also while the database does not answer:
// the router runs each event's handling through inTime().
import type { DatabaseAvailability } from '../db/health.js';

/**
 * Slack and Discord wait 3 s for an answer, and the adapters stop waiting for the handler at 2 s
 * (they acknowledge or defer then): a handler not done after ANSWER_WITHIN_MS has the database
 * asked, with PROBE_MS to answer, whether it is the cause. Together 1.7 s. A ping slower than
 * that is taken for a stall; a handler that then still finishes sends its answer after all.
 */
export const ANSWER_WITHIN_MS = 1000;
export const PROBE_MS = 700;

export interface Deadlines {
  answerWithinMs: number;
  probeMs: number;
}

/** One inbound event's handling: whether the person was already told the database is unavailable. */
export interface Turn {
  saidUnavailable: boolean;
}

export interface InTimeOptions {
  /** Without it (unit tests of other things), `work` simply runs. */
  database: DatabaseAvailability | undefined;
  deadlines?: Deadlines | undefined;
  /** Tells the person "temporarily unavailable, try again"; must set `turn.saidUnavailable`. */
  sayUnavailable(turn: Turn): Promise<void>;
}

/**
 * Runs `work`, and has "temporarily unavailable" said at once when the database is known not to
 * answer (nothing is tried), or when `work` is still going after ANSWER_WITHIN_MS and a ping gets
 * no answer within PROBE_MS. The work is not stopped (it cannot be, mid-call): should it finish
 * once the database is back, what it says is still sent; its failure is then only logged (the
 * router's fail() reads `turn.saidUnavailable`). `work` must not reject.
 */
export async function inTime(options: InTimeOptions, work: (turn: Turn) => Promise<void>): Promise<void> {
  const turn: Turn = { saidUnavailable: false };
  const { database } = options;
  if (!database) return work(turn);
  if (!database.available) return options.sayUnavailable(turn);
  const { answerWithinMs, probeMs } = options.deadlines ?? { answerWithinMs: ANSWER_WITHIN_MS, probeMs: PROBE_MS };
  const done = work(turn).then(() => true as const);
  let timer: NodeJS.Timeout | undefined;
  const slow = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), answerWithinMs);
  });
  const finished = await Promise.race([done, slow]);
  clearTimeout(timer);
  if (finished) return;
  // Slow for another reason (a platform's API, a big read): the adapters' own deferral covers it.
  if (await database.probe(probeMs)) {
    await done;
    return;
  }
  await options.sayUnavailable(turn);
}
