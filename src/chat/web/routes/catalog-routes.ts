// What the page reads to draw itself: the channels this person sees, their history, and the
// commands with their subcommands (for completion in the command box), in the reader's language;
// and the files (charts, workbooks) of the messages they see.
import { Router } from 'express';
import { sendError } from '../../../http/json-error.js';
import type { Translator } from '../../../kernel/i18n.js';
import { attachmentBytes } from '../../attachment-bytes.js';
import { inLanguage, type Message } from '../../card.js';
import { CHANNEL_KINDS, type CommandCatalog } from '../../commands.js';
import type { ChannelView, CommandView } from '../api-types.js';
import { viewerOf } from '../http/viewer.js';
import { canSeeChannel, directChannel } from '../web-channels.js';
import type { WebMessages } from '../web-messages.js';

export interface CatalogDeps {
  messages: WebMessages;
  translator: Translator;
  isAvailable(command: string): boolean;
  catalog: CommandCatalog;
}

export function catalogRoutes(deps: CatalogDeps): Router {
  const router = Router();

  router.get('/channels', (_req, res) => {
    const viewer = viewerOf(res);
    const t = deps.translator.forLocale(viewer.locale);
    const channels: ChannelView[] = [
      ...CHANNEL_KINDS.map((kind) => ({ id: kind, label: t(`channel.kinds.${kind}`), direct: false })),
      { id: directChannel(viewer.name), label: t('web.channels.direct'), direct: true },
    ];
    res.json({ channels });
  });

  router.get('/channels/:id/messages', async (req, res) => {
    const viewer = viewerOf(res);
    const channelId = req.params.id;
    if (!canSeeChannel(viewer.name, channelId)) return sendError(res, 404, 'no_channel', ['no such channel']);
    const beforeId = typeof req.query.before === 'string' ? req.query.before.slice(0, 64) : undefined;
    const before = beforeId ? await deps.messages.findFor(viewer, beforeId) : undefined;
    if (beforeId && before?.channelId !== channelId) {
      return sendError(res, 400, 'invalid_request', ['before: not a message of this channel']);
    }
    res.json(await deps.messages.history(viewer, channelId, before ?? undefined));
  });

  // A chart or workbook of a message this viewer sees, in the language asked for.
  router.get('/messages/:id/files/:index', async (req, res) => {
    const doc = await deps.messages.findFor(viewerOf(res), req.params.id.slice(0, 64));
    const lang = typeof req.query.lang === 'string' ? req.query.lang : undefined;
    const message = doc ? (lang ? inLanguage(doc.message as Message, lang) : (doc.message as Message)) : undefined;
    const file = message?.attachments?.[Number(req.params.index)];
    if (!file || typeof file.data !== 'string') return sendError(res, 404, 'no_file', ['no such file']);
    res.setHeader('content-type', file.contentType);
    // A chart shows in the page; a workbook is saved, as a file to keep.
    const how = file.contentType.startsWith('image/') ? 'inline' : 'attachment';
    res.setHeader('content-disposition', `${how}; filename*=UTF-8''${encodeURIComponent(file.name)}`);
    res.setHeader('cache-control', 'private, max-age=86400');
    res.send(attachmentBytes(file));
  });

  router.get('/commands', (_req, res) => {
    const t = deps.translator.forLocale(viewerOf(res).locale);
    const commands: CommandView[] = deps.catalog.map(({ name, subcommands }) => ({
      name,
      description: t(`commands.${name}`),
      available: deps.isAvailable(name),
      subcommands: subcommands.map((sub) => ({ name: sub, description: t(`subcommands.${name}.${sub}`) })),
    }));
    res.json({ commands });
  });

  return router;
}
