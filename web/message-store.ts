// Every message the page has seen, by id, keeping the highest version of each: the live stream and
// the history may both deliver one, in any order, and an edit replaces what it edits.
import type { WebMessageView } from '../src/chat/web/api-types.js';

export interface ChannelView {
  cards: WebMessageView[];
  replies: Map<string, WebMessageView[]>;
}

export class MessageStore {
  private readonly byId = new Map<string, WebMessageView>();
  /** When this page first had each message (ms, `now()`): a private one fades a while after. */
  private readonly seenAt = new Map<string, number>();
  private readonly listeners = new Set<() => void>();

  constructor(private readonly now: () => number = Date.now) {}

  /** Stores what is newer than what is held; returns the messages seen for the first time. */
  upsert(views: readonly WebMessageView[]): WebMessageView[] {
    const first: WebMessageView[] = [];
    let changed = false;
    for (const view of views) {
      const held = this.byId.get(view.id);
      if (held && held.version >= view.version) continue;
      if (!held) {
        first.push(view);
        this.seenAt.set(view.id, this.now());
      }
      this.byId.set(view.id, view);
      changed = true;
    }
    if (changed) this.listeners.forEach((listener) => listener());
    return first;
  }

  /**
   * A channel's cards and their threads. With `fadeMs`, private messages this page has had for
   * longer are left out (they live on in direct messages), so they do not bury the cards.
   */
  channel(channelId: string, fadeMs?: number): ChannelView {
    const cards: WebMessageView[] = [];
    const replies = new Map<string, WebMessageView[]>();
    const fadedBefore = fadeMs === undefined ? -Infinity : this.now() - fadeMs;
    for (const view of this.byId.values()) {
      if (view.channelId !== channelId) continue;
      if (view.private && (this.seenAt.get(view.id) ?? 0) <= fadedBefore) continue;
      if (!view.thread) cards.push(view);
      else replies.set(view.thread, [...(replies.get(view.thread) ?? []), view]);
    }
    cards.sort(byTime);
    for (const list of replies.values()) list.sort(byTime);
    return { cards, replies };
  }

  /** When the next private message of the channel, still shown, has been had for `fadeMs` (ms), if any. */
  nextFade(channelId: string, fadeMs: number): number | undefined {
    const shown = this.channel(channelId, fadeMs);
    let next: number | undefined;
    for (const view of [...shown.cards, ...[...shown.replies.values()].flat()]) {
      if (!view.private) continue;
      const at = (this.seenAt.get(view.id) ?? 0) + fadeMs;
      if (next === undefined || at < next) next = at;
    }
    return next;
  }

  /** Since when (ms) this page has had the message. */
  seen(id: string): number | undefined {
    return this.seenAt.get(id);
  }

  clear(): void {
    this.byId.clear();
    this.seenAt.clear();
    this.listeners.forEach((listener) => listener());
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

function byTime(a: WebMessageView, b: WebMessageView): number {
  return a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id);
}
