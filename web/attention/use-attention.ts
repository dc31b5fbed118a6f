// The console's ways of getting the person's attention, together: a count in the tab's title, a
// chime, desktop notifications, for new cards in followed channels and anything mentioning them,
// while they are not looking at the channel where it arrived. Choices are kept by preferences.ts.
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { inLanguage } from '../../src/chat/card.js';
import type { WebMessageView } from '../../src/chat/web/api-types.js';
import type { T } from '../i18n.js';
import { attentionReason, looking, titleWithCount, type AttentionReason } from './attention.js';
import { Chime } from './chime.js';
import { showDesktop } from './desktop.js';
import { loadPrefs, savePrefs, type AttentionPrefs } from './preferences.js';

export interface AttentionOptions {
  personKey: string;
  locale: string;
  /** The channel on screen. */
  current: string;
  t: T;
  /** `# 告警` for `alerts`. */
  channelLabel(channelId: string): string;
  /** Shows a channel (a desktop notification was clicked). */
  onPick(channelId: string): void;
}

export interface Attention {
  prefs: AttentionPrefs;
  setPrefs(prefs: AttentionPrefs): void;
  /** Waiting for the person, by channel. */
  counts: Readonly<Record<string, number>>;
  /** Messages seen for the first time on the live stream. */
  noticed(fresh: readonly WebMessageView[]): void;
  chime: Chime;
}

export function useAttention(options: AttentionOptions): Attention {
  const { personKey, current, t } = options;
  const [prefs, setPrefsState] = useState(() => loadPrefs(personKey, localStorage));
  const [counts, setCounts] = useState<Record<string, number>>({});
  const chime = useMemo(() => new Chime(), []);
  // The live stream's handler is set up once: it reads the latest of these through refs.
  const latest = useRef({ options, prefs });
  latest.current = { options, prefs };

  const clearSeen = () => {
    if (!looking(document)) return;
    const here = latest.current.options.current;
    setCounts((before) => (before[here] ? { ...before, [here]: 0 } : before));
  };
  useEffect(clearSeen, [current]);
  useEffect(() => {
    // Sound needs a gesture of the person's first; any click or key will do.
    const unlock = () => chime.unlock();
    window.addEventListener('pointerdown', unlock, true);
    window.addEventListener('keydown', unlock, true);
    document.addEventListener('visibilitychange', clearSeen);
    window.addEventListener('focus', clearSeen);
    return () => {
      window.removeEventListener('pointerdown', unlock, true);
      window.removeEventListener('keydown', unlock, true);
      document.removeEventListener('visibilitychange', clearSeen);
      window.removeEventListener('focus', clearSeen);
    };
  }, []);
  const total = Object.values(counts).reduce((sum, n) => sum + n, 0);
  useEffect(() => {
    document.title = titleWithCount(t('app.title'), total);
  }, [total, t]);

  const noticed = (fresh: readonly WebMessageView[]) => {
    const { options: now, prefs: chosen } = latest.current;
    const follows = new Set(chosen.follows);
    let waiting = 0;
    for (const view of fresh) {
      const reason = attentionReason(view, now.personKey, follows);
      if (!reason) continue;
      if (view.channelId === now.current && looking(document)) continue;
      waiting += 1;
      setCounts((before) => ({ ...before, [view.channelId]: (before[view.channelId] ?? 0) + 1 }));
      if (chosen.desktop && !looking(document)) showDesktop(notice(view, reason, now));
    }
    if (waiting > 0 && chosen.sound) chime.play();
  };

  const setPrefs = (next: AttentionPrefs) => {
    savePrefs(personKey, next, localStorage);
    setPrefsState(next);
  };
  return { prefs, setPrefs, counts, noticed, chime };
}

function notice(view: WebMessageView, reason: AttentionReason, options: AttentionOptions) {
  const channel = options.channelLabel(view.channelId);
  const message = inLanguage(view.message, options.locale);
  const card = message.cards?.[0];
  return {
    title: options.t(reason === 'mention' ? 'attention.mention' : 'attention.card', { channel }),
    body: reason === 'card' && card ? card.title : message.text,
    tag: view.id,
    lang: options.locale,
    onClick: () => options.onPick(view.channelId),
  };
}
