// Short ids for alert groups (ALG-n), given once per group even when processes race to make it:
// the group is upserted first, then a number is set only where none is yet. A loser's number is
// simply never used.
import type { AlertGroup, AlertGroupModel } from '../../../../models/alerts/alert-group.js';
import type { CounterModel } from '../../../../models/core/counter.js';

export async function ensureShortId<G extends Pick<AlertGroup, '_id' | 'shortId'>>(
  groups: AlertGroupModel,
  counters: CounterModel,
  group: G,
): Promise<G & { shortId: string }> {
  if (group.shortId) return group as G & { shortId: string };
  const shortId = `ALG-${await counters.next('ALG')}`;
  const given = await groups
    .findOneAndUpdate(
      { _id: group._id, shortId: { $exists: false } },
      { $set: { shortId } },
      { returnDocument: 'after' },
    )
    .lean<AlertGroup>();
  const winner = given ?? (await groups.findById(group._id, { shortId: 1 }).lean<AlertGroup>());
  return { ...group, shortId: winner!.shortId! };
}

/** Numbers the groups a batch just made: one counter update for all of them, one bulk write. */
export async function numberNewGroups(
  groups: AlertGroupModel,
  counters: CounterModel,
  keys: readonly string[],
): Promise<void> {
  if (keys.length === 0) return;
  const counter = await counters
    .findOneAndUpdate({ _id: 'ALG' }, { $inc: { seq: keys.length } }, { upsert: true, returnDocument: 'after' })
    .lean<{ seq: number }>();
  const first = counter!.seq - keys.length + 1;
  await groups.bulkWrite(
    keys.map((key, i) => ({
      updateOne: {
        filter: { _id: key, shortId: { $exists: false } },
        update: { $set: { shortId: `ALG-${first + i}` } },
      },
    })),
    { ordered: false },
  );
}

/** `alg-40`, `ALG-40` and `40` all name ALG-40. */
export function normalizeGroupId(raw: string): string {
  const match = /^(?:alg-?)?(\d{1,9})$/i.exec(raw.trim());
  return match ? `ALG-${Number(match[1])}` : raw.trim().slice(0, 20);
}
