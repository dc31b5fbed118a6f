// What is on its way to the channel on screen (GET /api/pending), asked again when the channel
// changes, when something arrives, and every few seconds while the channel is empty or waiting.
import { useEffect, useState } from 'preact/hooks';
import type { PendingPage, PendingView } from '../src/chat/web/api-types.js';
import { api } from './api.js';

const EVERY_MS = 5000;

/**
 * `current`: the channel on screen; `quiet`: it shows nothing yet; `arrivals`: changes whenever a
 * message arrives. Undefined while nothing is known to be on its way.
 */
export function usePending(current: string, quiet: boolean, arrivals: number): PendingView | undefined {
  const [pending, setPending] = useState<Record<string, PendingView>>({});
  const here = pending[current];
  // Arrivals elsewhere matter only while this channel waits for something (a storm asks nothing).
  const watching = quiet || Boolean(here);
  const arrived = watching ? arrivals : 0;
  useEffect(() => {
    let stopped = false;
    const ask = () =>
      api<PendingPage>('GET', '/pending')
        .then((page) => !stopped && setPending(page.pending))
        // The note is a courtesy: an answer missed now is asked again soon.
        .catch(() => undefined);
    void ask();
    const timer = watching ? setInterval(() => void ask(), EVERY_MS) : undefined;
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [current, watching, arrived]);
  return here;
}
