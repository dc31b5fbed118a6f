// At most LINK_ATTEMPTS survey links that open nothing per address in LINK_WINDOW, counted in the
// database so every process counts the same, as the console's sign-in is limited
// (src/chat/web/auth/login-throttle.ts): an attempt is reserved before the link is looked up (a
// burst of parallel guesses cannot slip through) and given back when the link opened a survey, so
// a person using their own link is never held back by it.
import { createHash } from 'node:crypto';
import type { Clock } from '../../../kernel/clock.js';
import type { SurveyLinkAttempt, SurveyLinkAttemptModel } from '../../../../models/surveys/survey-link-attempt.js';

export const LINK_ATTEMPTS = 10;
export const LINK_WINDOW_MS = 15 * 60_000;

/** A reserved attempt: give it back with `forgive` when the link was a survey's. */
export type Reservation = { waitMs: 0; at: Date } | { waitMs: number };

/** Counts links that open nothing, per address, in the database. */
export class LinkThrottle {
  constructor(
    private readonly model: SurveyLinkAttemptModel,
    private readonly clock: Clock,
  ) {}

  /** Takes one attempt for `address`: `waitMs` 0 when it may go ahead, else how long to wait. */
  async reserve(address: string): Promise<Reservation> {
    const _id = key(address);
    const now = this.clock.now();
    const windowStart = new Date(now.getTime() - LINK_WINDOW_MS);
    try {
      // Only the latest LINK_ATTEMPTS are kept, so "full" means the oldest kept one is inside the window.
      const result = await this.model.updateOne(
        {
          _id,
          $or: [{ [`attempts.${LINK_ATTEMPTS - 1}`]: { $exists: false } }, { 'attempts.0': { $lte: windowStart } }],
        },
        {
          $push: { attempts: { $each: [now], $slice: -LINK_ATTEMPTS } },
          $set: { purgeAt: new Date(now.getTime() + LINK_WINDOW_MS) },
        },
        { upsert: true },
      );
      if (result.matchedCount + result.upsertedCount === 1) return { waitMs: 0, at: now };
    } catch (error) {
      // The filter missed an existing document, so the upsert collided with it: the window is full.
      if ((error as { code?: number }).code !== 11000) throw error;
    }
    const doc = await this.model.findById(_id).lean<SurveyLinkAttempt | null>();
    const oldest = doc?.attempts[0];
    return { waitMs: oldest ? Math.max(1000, oldest.getTime() + LINK_WINDOW_MS - now.getTime()) : 1000 };
  }

  /** Gives back the attempt reserved at `at`: the link opened a survey. */
  async forgive(address: string, at: Date): Promise<void> {
    await this.model.updateOne({ _id: key(address) }, { $pull: { attempts: at } });
  }
}

function key(address: string): string {
  return createHash('sha256').update(`survey-link|${address}`).digest('hex');
}
