// Storms (issue 4): when a channel's backlog reaches the policy's `enterAt`, what is said there next
// is held instead of queued, and one digest card, refreshed in place, stands for it. As the backlog
// falls below `leaveAt`, held messages go out a few subjects at a time, coalesced; once none is held
// and the backlog is low, the storm ends and the digest card says so.
//
// The state is in the database (OutboxStorm, and the outbox's own counts), so every process holds
// and releases alike; the notifier asks `holds()` before it queues, every sender calls `tend()`.
import type { Platform } from '../chat/actor.js';
import type { ChannelKind } from '../chat/commands.js';
import type { Clock } from '../kernel/clock.js';
import type { Logger } from '../kernel/logger.js';
import type { Metrics } from '../observability/metrics.js';
import type { MessageRefModel } from '../../models/core/message-ref.js';
import type { OutboxFields, OutboxMessageModel } from '../../models/core/outbox-message.js';
import type { OutboxStorm, OutboxStormModel } from '../../models/core/outbox-storm.js';
import { outboxPolicy, type OutboxPolicyOverrides, type StormPolicy } from './outbox-policy.js';
import { digestSubject, type DigestSource, type StormWords } from './storm-digest.js';
import { StormRelease } from './storm-release.js';
import type { ChannelSpeech, Wording } from '../chat/wording.js';

const STRAY_SWEEP_POLLS = 10;
/** How long a process trusts a channel it found calm (ms); see holds(). */
export const CALM_MEMORY_MS = 5_000;
/** Channels remembered at once; beyond it the memory starts again. */
const CALM_MEMORY_SIZE = 1_000;

export interface OutboxStormsDeps {
  outbox: OutboxMessageModel;
  storms: OutboxStormModel;
  refs: MessageRefModel;
  digest: DigestSource;
  words: StormWords;
  /** Puts the digest card and thread lines into the channel's language. */
  speech: Pick<ChannelSpeech, 'render'>;
  clock: Clock;
  logger: Logger;
  metrics?: Pick<Metrics, 'outboxStorm'>;
  policy?: OutboxPolicyOverrides;
}

export class OutboxStorms {
  readonly policy: StormPolicy;
  private readonly pollMs: number;
  private readonly release: StormRelease;
  private readonly logger: Logger;
  /** When this process last tended, and last looked for strays: throttles, not state. */
  private tendedAt = 0;
  private sweptAt = 0;
  /** Channels last found calm: until when that is trusted, and their backlog since (as this process counts it). */
  private readonly calm = new Map<string, { until: number; backlog: number }>();

  constructor(private readonly deps: OutboxStormsDeps) {
    const policy = outboxPolicy(deps.policy);
    this.policy = policy.storm;
    this.pollMs = policy.pollMs;
    this.release = new StormRelease(deps);
    this.logger = deps.logger.child({ component: 'outbox-storm' });
  }

  /**
   * Holds `wish` if its channel is in a storm, or begins one when the backlog is long; false: queue it.
   * A channel found calm is trusted so for CALM_MEMORY_MS with what this process queued there since
   * counted on top (two round trips fewer for each card and line stored); it is read again at once
   * when that count nears the storm's mark. A storm begun through another process is seen here
   * within that time; a channel in a storm is read every time, so one that ended is seen at once.
   */
  async holds(kind: ChannelKind, wish: OutboxFields): Promise<boolean> {
    const { outbox, storms } = this.deps;
    const channelKey = `${wish.platform}:${wish.channelId}`;
    const now = this.deps.clock.now().getTime();
    const calm = this.calm.get(channelKey);
    if (calm && calm.until > now && calm.backlog + 1 < this.policy.enterAt) {
      calm.backlog += 1;
      return false;
    }
    this.calm.delete(channelKey);
    if (!(await storms.current(channelKey))) {
      const backlog = await outbox.backlog(channelKey);
      if (backlog < this.policy.enterAt) {
        if (this.calm.size >= CALM_MEMORY_SIZE) this.calm.clear();
        this.calm.set(channelKey, { until: now + CALM_MEMORY_MS, backlog: backlog + 1 });
        return false;
      }
      const storm = await storms.begin({
        platform: wish.platform,
        channelId: wish.channelId,
        kind,
        since: wish.createdAt,
      });
      // Its `since` is this wish's time only if this wish began it.
      if (storm.since.getTime() === wish.createdAt.getTime()) {
        this.logger.warn({ channel: channelKey, kind }, 'outbox: storm begins; holding messages behind a digest card');
      }
    }
    await outbox.hold(wish);
    return true;
  }

  /** One round of every storm: let held messages go as the backlog allows, refresh or end the digest. */
  async tend(): Promise<void> {
    const { outbox, storms, metrics } = this.deps;
    const now = this.deps.clock.now();
    // Every store wakes the sender; a few rounds a second are enough for storms, and spare the database.
    if (now.getTime() - this.tendedAt < this.pollMs / 2) return;
    this.tendedAt = now.getTime();
    const all = await storms.find({}).lean<OutboxStorm[]>();
    for (const storm of all) {
      const on = storm.endedAt === null && (await this.tendStorm(storm, now));
      metrics?.outboxStorm.set({ platform: storm.platform, channel: storm.channelId }, on ? 1 : 0);
    }
    // Held just as another process ended the storm: no digest stands for these, so they go at once.
    // Rare, so looked for now and then.
    if (now.getTime() - this.sweptAt < STRAY_SWEEP_POLLS * this.pollMs) return;
    this.sweptAt = now.getTime();
    const open = new Set(all.filter((s) => s.endedAt === null).map((s) => s._id));
    for (const channelKey of await outbox.heldChannels()) {
      if (!open.has(channelKey)) await this.release.release(channelKey, Number.MAX_SAFE_INTEGER, undefined, now);
    }
  }

  /** False once the storm is over. */
  private async tendStorm(storm: OutboxStorm, now: Date): Promise<boolean> {
    const { outbox, storms } = this.deps;
    const { enterAt, leaveAt } = this.policy;
    const channelKey = storm._id;
    const backlog = await outbox.backlog(channelKey);
    if (backlog < leaveAt && (await storms.claim(storm, 'releasedAt', now, this.pollMs / 2))) {
      if (!(await outbox.hasHeld(channelKey))) {
        await this.end(storm, now);
        return false;
      }
      // Up to the high mark and no further, so what is let go never starts the next storm by itself.
      const queued = await this.release.release(channelKey, Math.max(1, enterAt - leaveAt), storm.since, now);
      this.logger.debug({ channel: channelKey, backlog, queued }, 'outbox: storm lets held messages go');
    }
    if (
      (await this.digestNews(storm, now)) &&
      (await storms.claim(storm, 'digestAt', now, this.policy.digestEveryMs))
    ) {
      await this.refreshDigest(storm, now);
    }
    return true;
  }

  /**
   * Its turn has come and something was held since the last one. While the held messages drain, the
   * digest stays as the storm left it: the channel's rate goes to the cards.
   */
  private async digestNews(storm: OutboxStorm, now: Date): Promise<boolean> {
    if (!storm.digestAt) return true;
    if (storm.digestAt.getTime() + this.policy.digestEveryMs > now.getTime()) return false;
    return this.deps.outbox.heldAfter(storm._id, storm.digestAt);
  }

  private async refreshDigest(storm: OutboxStorm, now: Date): Promise<void> {
    const held = await this.deps.outbox.heldSubjects(storm._id);
    let wording: Wording | undefined;
    try {
      wording = await this.deps.digest(storm.kind as ChannelKind, held, storm.since);
    } catch (error) {
      this.logger.error({ err: error, kind: storm.kind }, 'outbox: the digest source failed; saying it plainly');
    }
    wording ??= this.deps.words.digest({
      since: storm.since,
      ...(await this.deps.outbox.heldSince(storm._id, storm.since)),
    });
    await this.sayDigest(storm, wording, now);
  }

  /** Says so first: a process that dies in between leaves the storm on, and the next round ends it. */
  private async end(storm: OutboxStorm, now: Date): Promise<void> {
    const counts = await this.deps.outbox.heldSince(storm._id, storm.since);
    await this.sayDigest(storm, this.deps.words.over({ since: storm.since, until: now, ...counts }), now);
    if (await this.deps.storms.end(storm, now))
      this.logger.warn({ channel: storm._id, ...counts }, 'outbox: storm over');
  }

  /** The digest card, stored like any card: replaced while it waits, edited in place once shown. */
  private async sayDigest(storm: OutboxStorm, wording: Wording, now: Date): Promise<void> {
    const { outbox, refs, speech } = this.deps;
    const message = await speech.render(wording, storm.platform as Platform, storm.channelId);
    const fields = { platform: storm.platform, channelId: storm.channelId, subject: digestSubject(storm), message };
    if (await outbox.replacePendingCard(fields)) return;
    const { platform, channelId, subject } = fields;
    const last = await outbox.findOne({ platform, channelId, subject }).sort({ createdAt: -1 }).lean();
    if (last && JSON.stringify(last.message) === JSON.stringify(message)) return;
    const shown = (await refs.lookup(platform, subject))?.channelId === channelId;
    await outbox.enqueue({ ...fields, op: shown ? 'edit' : 'post', createdAt: now, priority: 1 });
  }
}
