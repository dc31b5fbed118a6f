// GET /api/stream: Server-Sent Events carrying every new or edited message this person may see.
// A browser that reconnects (EventSource does so by itself) says the last change it got, and is
// sent what changed since, so nothing is lost in between; the page keeps the highest version of each.
import type { RequestHandler } from 'express';
import type { WebMessage, WebMessageModel } from '../../../../models/web/web-message.js';
import { viewerOf } from '../http/viewer.js';
import type { MessageFeed } from '../message-feed.js';
import { isVisible, toView } from '../web-messages.js';

export interface LiveStreamDeps {
  feed: MessageFeed;
  model: WebMessageModel;
  /** False once the session is closed or expired: the stream then says so and ends. */
  stillSignedIn(sessionId: string): Promise<boolean>;
  heartbeatMs: number;
  overlapMs: number;
}

const REPLAY_LIMIT = 1000;

export function liveStream(deps: LiveStreamDeps): RequestHandler {
  return async (req, res) => {
    const viewer = viewerOf(res);
    res.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
      // Proxies such as nginx would otherwise hold the events back.
      'X-Accel-Buffering': 'no',
    });
    res.write('retry: 2000\n\n');
    const send = (doc: WebMessage) => {
      if (!isVisible(doc, viewer)) return;
      res.write(`id: ${doc.updatedAt.getTime()}\nevent: message\ndata: ${JSON.stringify(toView(doc))}\n\n`);
    };
    const unsubscribe = deps.feed.subscribe((docs) => docs.forEach(send));
    const lastSeen = Number(req.get('last-event-id'));
    if (Number.isFinite(lastSeen) && lastSeen > 0) {
      const missed = await deps.model.changedSince(new Date(lastSeen - deps.overlapMs), REPLAY_LIMIT);
      missed.forEach(send);
    }
    res.write('event: ready\ndata: {}\n\n');

    let ended = false;
    const end = () => {
      if (ended) return;
      ended = true;
      clearInterval(beat);
      unsubscribe();
      res.end();
    };
    const beat = setInterval(() => {
      deps
        .stillSignedIn(viewer.sessionId)
        .then((open) => {
          if (open) return void res.write(': ping\n\n');
          res.write('event: signed_out\ndata: {}\n\n');
          end();
        })
        .catch(() => undefined);
    }, deps.heartbeatMs);
    req.on('close', end);
  };
}
