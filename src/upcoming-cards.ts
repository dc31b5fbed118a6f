// Cards the domains will post once a timer ends, for the web console's "something is coming" note
// (src/chat/web/pending-work.ts): the composition root knows both sides, so neither imports the other.
import type { Models } from '../models/index.js';
import type { UpcomingCards } from './chat/web/pending-work.js';

/** Alert groups still waiting out their group wait before their first card (they may yet be silenced). */
export function upcomingCards(models: Pick<Models, 'AlertGroup'>): UpcomingCards {
  return {
    async alertGroups() {
      // The alerts channel's: a group of Zhiban's own checks goes to the channel its alerts name.
      const waiting = {
        pending: true,
        state: 'firing' as const,
        lastNotifiedAt: null,
        channel: { $in: [null, 'alerts' as const] },
      };
      const [count, first] = await Promise.all([
        models.AlertGroup.countDocuments(waiting),
        models.AlertGroup.findOne(waiting, { earliestFlushAt: 1 })
          .sort({ earliestFlushAt: 1 })
          .lean<{ earliestFlushAt: Date } | null>(),
      ]);
      return { count, dueAt: first?.earliestFlushAt };
    },
  };
}
