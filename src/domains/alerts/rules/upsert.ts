// The one write that stores a reported alert: insert it the first time its fingerprint is seen,
// otherwise update what it says now. Shared with the benchmark, which times the same write raw.
import type { AnyBulkWriteOperation } from 'mongodb';
import type { Alert } from '../../../../models/alerts/alert.js';
import type { NormalizedAlert } from './intake.js';

/** `times`: how often the alert appeared in this batch (a batch may repeat a fingerprint). */
export function alertUpsert(alert: NormalizedAlert, now: Date, times = 1): AnyBulkWriteOperation<Alert> {
  const { source, name, status, severity, layer, summary, labels, groupKey, startsAt, endsAt } = alert;
  const truncatedInBatch = alert.truncatedInBatch ?? 0;
  return {
    updateOne: {
      filter: { _id: alert._id },
      update: {
        $set: {
          source,
          name,
          status,
          severity,
          layer,
          summary,
          labels,
          groupKey,
          truncatedInBatch,
          lastSeenAt: now,
          // A new firing spell carries its own start (Alertmanager keeps it while the alert lasts).
          ...(startsAt ? { startsAt } : {}),
          ...(endsAt ? { endsAt } : {}),
          ...(alert.channel ? { channel: alert.channel } : {}),
        },
        // Firing again after it was resolved: it has not ended any more.
        ...(endsAt ? {} : { $unset: { endsAt: '' } }),
        $inc: { count: times },
        $setOnInsert: { firstSeenAt: now, ...(startsAt ? {} : { startsAt: now }) },
      },
      upsert: true,
    },
  };
}
