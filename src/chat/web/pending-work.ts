// What is on its way to the console's channels but not shown yet, so a channel that says "no
// messages yet" can also say that something is coming: messages in the outbox's queue for it, and
// cards the domains will post when a timer ends (an alert group's group wait). Read on request from
// the database, so every process answers the same.
import type { ChannelKind } from '../commands.js';
import type { PendingView } from './api-types.js';

/** Cards a domain will post in its kind's channel once a timer ends (src/upcoming-cards.ts). */
export interface UpcomingCards {
  /** How many; `dueAt` is when the first is due. */
  alertGroups(): Promise<{ count: number; dueAt?: Date | undefined }>;
}

export interface PendingWorkDeps {
  /** Unsent outbox messages (pending, being sent, or held in a storm) for `web:<channelId>`, by channel. */
  queued(): Promise<Map<string, number>>;
  upcoming: UpcomingCards;
  /** The web channel a kind is bound to (`/ops channel set`), if any. */
  channelFor(kind: ChannelKind): Promise<string | undefined>;
}

export class PendingWork {
  constructor(private readonly deps: PendingWorkDeps) {}

  /** Channels among `visible` with something on its way, each with what. */
  async forChannels(visible: readonly string[]): Promise<Record<string, PendingView>> {
    const [queued, groups, alertsHere] = await Promise.all([
      this.deps.queued(),
      this.deps.upcoming.alertGroups(),
      this.deps.channelFor('alerts'),
    ]);
    const pending: Record<string, PendingView> = {};
    for (const channelId of visible) {
      const view: PendingView = { queued: queued.get(channelId) ?? 0, alertGroups: 0 };
      if (channelId === alertsHere && groups.count > 0) {
        view.alertGroups = groups.count;
        if (groups.dueAt) view.dueAt = groups.dueAt.toISOString();
      }
      if (view.queued > 0 || view.alertGroups > 0) pending[channelId] = view;
    }
    return pending;
  }
}
