// GET /api/pending: what is on its way to the channels this person sees (src/chat/web/pending-work.ts).
import type { RequestHandler } from 'express';
import { CHANNEL_KINDS } from '../../commands.js';
import type { PendingPage } from '../api-types.js';
import { viewerOf } from '../http/viewer.js';
import type { PendingWork } from '../pending-work.js';
import { directChannel } from '../web-channels.js';

export function pendingRoute(work: PendingWork): RequestHandler {
  return async (_req, res) => {
    const viewer = viewerOf(res);
    const body: PendingPage = { pending: await work.forChannels([...CHANNEL_KINDS, directChannel(viewer.name)]) };
    res.set('Cache-Control', 'no-store');
    res.json(body);
  };
}
