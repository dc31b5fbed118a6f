// The live stream (GET /api/stream): new and edited messages as they happen. EventSource reconnects
// by itself and tells Zhiban the last change it got, so nothing between is lost.
import type { WebMessageView } from '../src/chat/web/api-types.js';

export interface LiveHandlers {
  message(view: WebMessageView): void;
  /** Connected (again): what happened before this moment should be read from the history. */
  ready(): void;
  signedOut(): void;
  connection(up: boolean): void;
  /** The browser gave up (the stream was refused, e.g. the session ended): the page decides what next. */
  closed(): void;
}

export function connectLive(handlers: LiveHandlers): () => void {
  const source = new EventSource('/api/stream');
  source.addEventListener('message', (event) => handlers.message(JSON.parse(event.data) as WebMessageView));
  source.addEventListener('ready', () => {
    handlers.connection(true);
    handlers.ready();
  });
  source.addEventListener('signed_out', () => {
    source.close();
    handlers.signedOut();
  });
  source.addEventListener('error', () => {
    handlers.connection(false);
    if (source.readyState === EventSource.CLOSED) handlers.closed();
  });
  return () => source.close();
}
