// What a person chose about getting their attention, kept in this browser (localStorage), per
// person: desktop notifications (with the browser's permission), the sound, the channels followed.
import { CHANNEL_KINDS } from '../../src/chat/commands.js';

export interface AttentionPrefs {
  /** Desktop notifications, once the browser allowed them. */
  desktop: boolean;
  sound: boolean;
  /** Channel ids whose new cards count; mentions of the person count everywhere. */
  follows: string[];
}

/** Everything on but the desktop, which needs the person to allow it: every fixed channel followed. */
export function defaultPrefs(): AttentionPrefs {
  return { desktop: false, sound: true, follows: [...CHANNEL_KINDS] };
}

function storageKey(personKey: string): string {
  return `zhiban.attention:${personKey}`;
}

/** Where choices are kept: the browser's localStorage. */
export interface PrefStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

/** What `personKey` chose in this browser, or the defaults; a damaged entry reads as the defaults. */
export function loadPrefs(personKey: string, storage: PrefStorage): AttentionPrefs {
  const fallback = defaultPrefs();
  try {
    const raw = JSON.parse(storage.getItem(storageKey(personKey)) ?? 'null') as Partial<AttentionPrefs> | null;
    if (!raw || typeof raw !== 'object') return fallback;
    return {
      desktop: typeof raw.desktop === 'boolean' ? raw.desktop : fallback.desktop,
      sound: typeof raw.sound === 'boolean' ? raw.sound : fallback.sound,
      follows: Array.isArray(raw.follows) ? raw.follows.filter((id) => typeof id === 'string') : fallback.follows,
    };
  } catch {
    return fallback;
  }
}

export function savePrefs(personKey: string, prefs: AttentionPrefs, storage: PrefStorage): void {
  storage.setItem(storageKey(personKey), JSON.stringify(prefs));
}
