// Desktop notifications through the browser's Notification API, only with the person's permission,
// asked for on their own click (browsers refuse a request that is not a gesture's).

export type DesktopState = 'unsupported' | NotificationPermission;

export function desktopState(): DesktopState {
  return typeof Notification === 'undefined' ? 'unsupported' : Notification.permission;
}

/** Asks the browser (call it from a click); answers what the person (or the browser) decided. */
export async function askDesktop(): Promise<DesktopState> {
  if (typeof Notification === 'undefined') return 'unsupported';
  if (Notification.permission !== 'default') return Notification.permission;
  return Notification.requestPermission();
}

export interface DesktopNotice {
  title: string;
  body: string;
  /** One notice per message: the same tag replaces, so two tabs do not show it twice. */
  tag: string;
  lang: string;
  /** The person clicked it: bring the page forward at the right place. */
  onClick(): void;
}

/** Shows `notice` if the browser allows it; false when it could not (the count and chime still tell). */
export function showDesktop(notice: DesktopNotice): boolean {
  if (desktopState() !== 'granted') return false;
  try {
    const shown = new Notification(notice.title, { body: notice.body, tag: notice.tag, lang: notice.lang });
    shown.onclick = () => {
      window.focus();
      notice.onClick();
      shown.close();
    };
    return true;
  } catch {
    // Some browsers (Chrome on Android) allow notifications only from a service worker.
    return false;
  }
}
