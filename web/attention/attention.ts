// Which new messages call for the person's attention, and what the tab's title says about them.
import type { WebMessageView } from '../../src/chat/web/api-types.js';

/** `mention`: it names the person; `card`: a new card in a channel they follow. */
export type AttentionReason = 'mention' | 'card';

/**
 * Why `view`, seen for the first time, should get the attention of `personKey` (`web:alice`), or
 * undefined. What the person typed or was answered privately never counts: they are already there.
 */
export function attentionReason(
  view: WebMessageView,
  personKey: string,
  follows: ReadonlySet<string>,
): AttentionReason | undefined {
  if (view.author || view.private) return undefined;
  if ((view.message.mentions ?? []).includes(personKey)) return 'mention';
  if (!view.thread && follows.has(view.channelId)) return 'card';
  return undefined;
}

/** `(3) 值班 Zhiban` while 3 messages wait for the person; the title alone otherwise. */
export function titleWithCount(title: string, count: number): string {
  return count > 0 ? `(${count}) ${title}` : title;
}

/** Whether the person can see the page now: its tab is shown and its window has the focus. */
export function looking(doc: { visibilityState: string; hasFocus(): boolean }): boolean {
  return doc.visibilityState === 'visible' && doc.hasFocus();
}
