// What a storm's digest card says. The outbox knows only subjects and counts; the domain of the
// channel (alerts, say) knows what they mean, and app.ts hands both in.
import type { ChannelKind } from '../chat/commands.js';
import type { Wording } from '../chat/wording.js';

/**
 * The digest card of a storm in a channel of `kind`, from the domain's own data: `heldSubjects` are
 * the subjects with messages held right now. Undefined: the domain has nothing to say, and the
 * outbox's own words (StormWords.digest) are used.
 */
export type DigestSource = (kind: ChannelKind, heldSubjects: string[], since: Date) => Promise<Wording | undefined>;

export interface StormCounts {
  since: Date;
  /** Messages held. */
  held: number;
  /** Subjects they were about. */
  subjects: number;
}

/** The outbox's own words about a storm, whatever the channel's domain; each put in the channel's language. */
export interface StormWords {
  digest(counts: StormCounts): Wording;
  /** The digest card's last state. */
  over(counts: StormCounts & { until: Date }): Wording;
  /** The one line in a subject's thread that stands for the `count` lines held there. */
  missed(count: number): Wording;
}

/** A storm's digest card: a new card for each storm, at the bottom of the channel where people look. */
export function digestSubject(storm: { kind: string; since: Date }): string {
  return `digest:${storm.kind}:${storm.since.getTime()}`;
}
