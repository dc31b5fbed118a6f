// Every message the page has seen, by id, keeping the highest version of each: the live stream and
// the history may both deliver one, in any order, and an edit replaces what it edits.
import type { WebMessageView } from '../src/chat/web/api-types.js';

export interface ChannelView {
  cards: WebMessageView[];
  replies: Map<string, WebMessageView[]>;
}

export class MessageStore {
  private readonly byId = new Map<string, WebMessageView>();
  private readonly listeners = new Set<() => void>();

  /** Stores what is newer than what is held; returns the messages seen for the first time. */
  upsert(views: readonly WebMessageView[]): WebMessageView[] {
    const first: WebMessageView[] = [];
    let changed = false;
    for (const view of views) {
      const held = this.byId.get(view.id);
      if (held && held.version >= view.version) continue;
      if (!held) first.push(view);
      this.byId.set(view.id, view);
      changed = true;
    }
    if (changed) this.listeners.forEach((listener) => listener());
    return first;
  }

  channel(channelId: string): ChannelView {
    const cards: WebMessageView[] = [];
    const replies = new Map<string, WebMessageView[]>();
    for (const view of this.byId.values()) {
      if (view.channelId !== channelId) continue;
      if (!view.thread) cards.push(view);
      else replies.set(view.thread, [...(replies.get(view.thread) ?? []), view]);
    }
    cards.sort(byTime);
    for (const list of replies.values()) list.sort(byTime);
    return { cards, replies };
  }

  clear(): void {
    this.byId.clear();
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
