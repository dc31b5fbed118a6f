// Hourly clean-up of what the TTL indexes remove on real MongoDB but the embedded engine keeps:
// outbox messages sent more than 7 days ago, link codes past their purge time, expired web console
// sessions and sign-in failures that no longer count. The audit trail is never touched here.
import type { JobDefinition } from './index.js';

export const HOUSEKEEPING_JOB = 'zhiban.housekeeping';
const SENT_KEPT_MS = 7 * 86_400_000;

export const housekeeping: JobDefinition = {
  name: HOUSEKEEPING_JOB,
  define(agenda, deps) {
    agenda.define(HOUSEKEEPING_JOB, async () => {
      const now = deps.clock.now();
      const sent = await deps.models.OutboxMessage.deleteMany({
        state: 'sent',
        sentAt: { $lt: new Date(now.getTime() - SENT_KEPT_MS) },
      });
      const codes = await deps.models.LinkCode.deleteMany({ purgeAt: { $lt: now } });
      const sessions = await deps.models.WebSession.deleteMany({ expiresAt: { $lt: now } });
      const attempts = await deps.models.LoginAttempt.deleteMany({ purgeAt: { $lt: now } });
      deps.logger.info(
        {
          sent: sent.deletedCount,
          codes: codes.deletedCount,
          sessions: sessions.deletedCount,
          attempts: attempts.deletedCount,
        },
        'housekeeping done',
      );
    });
  },
  async schedule(agenda) {
    await agenda.every('1 hour', HOUSEKEEPING_JOB);
  },
};
