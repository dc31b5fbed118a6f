// At most 5 sign-in attempts per name and address in 15 minutes, counted in the database so every
// process counts the same ones. An attempt is reserved before the password is checked (a burst of
// parallel guesses cannot slip through) and forgotten when it succeeds.
import { createHash } from 'node:crypto';
import type { Clock } from '../../../kernel/clock.js';
import type { LoginAttempt, LoginAttemptModel } from '../../../../models/web/login-attempt.js';

export const LOGIN_ATTEMPTS = 5;
export const LOGIN_WINDOW_MS = 15 * 60_000;

export class LoginThrottle {
  constructor(
    private readonly model: LoginAttemptModel,
    private readonly clock: Clock,
  ) {}

  /** Takes one attempt; 0 when it may go ahead, else how long to wait. */
  async reserve(name: string, address: string): Promise<number> {
    const _id = key(name, address);
    const now = this.clock.now();
    const windowStart = new Date(now.getTime() - LOGIN_WINDOW_MS);
    try {
      // Only the latest LOGIN_ATTEMPTS are kept, so "full" means the oldest kept one is inside the window.
      const result = await this.model.updateOne(
        {
          _id,
          $or: [{ [`failures.${LOGIN_ATTEMPTS - 1}`]: { $exists: false } }, { 'failures.0': { $lte: windowStart } }],
        },
        {
          $push: { failures: { $each: [now], $slice: -LOGIN_ATTEMPTS } },
          $set: { purgeAt: new Date(now.getTime() + LOGIN_WINDOW_MS) },
        },
        { upsert: true },
      );
      if (result.matchedCount + result.upsertedCount === 1) return 0;
    } catch (error) {
      // The filter missed an existing document, so the upsert collided with it: the window is full.
      if ((error as { code?: number }).code !== 11000) throw error;
    }
    const doc = await this.model.findById(_id).lean<LoginAttempt | null>();
    const oldest = doc?.failures[0];
    return oldest ? Math.max(1000, oldest.getTime() + LOGIN_WINDOW_MS - now.getTime()) : 1000;
  }

  async succeeded(name: string, address: string): Promise<void> {
    await this.model.deleteOne({ _id: key(name, address) });
  }
}

function key(name: string, address: string): string {
  return createHash('sha256').update(`${name}|${address}`).digest('hex');
}
