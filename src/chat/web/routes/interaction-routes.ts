// The page's commands, clicks and form submissions, handed to the same router as Slack's and
// Discord's. A click is accepted only for a button that is on a message this person can see.
import { Router } from 'express';
import { sendError } from '../../../http/json-error.js';
import { cardValueId } from '../../card-value.js';
import { clean, plainText } from '../../neutral-text.js';
import type { Message } from '../../card.js';
import type { Router as ChatRouter } from '../../router.js';
import type { InteractionResult } from '../api-types.js';
import { parseBody } from '../http/api-guards.js';
import { actionBody, commandBody, formBody } from '../http/schemas.js';
import { viewerOf, type SignedIn } from '../http/viewer.js';
import { canSeeChannel } from '../web-channels.js';
import { offeredBy, type WebMessages } from '../web-messages.js';
import type { WebMessage } from '../../../../models/web/web-message.js';
import { WebReplier } from '../web-replier.js';

export interface InteractionDeps {
  router: ChatRouter;
  messages: WebMessages;
}

export function interactionRoutes(deps: InteractionDeps): Router {
  const { router: chat, messages } = deps;
  const router = Router();

  router.post('/commands', async (req, res) => {
    const body = parseBody(commandBody, req, res);
    if (!body) return;
    const viewer = viewerOf(res);
    if (!canSeeChannel(viewer.name, body.channelId)) return sendError(res, 404, 'no_channel', ['no such channel']);
    // The console's own page sends what was typed as is: only the entity marks go (src/chat/neutral-text.ts).
    const typed = clean(body.text).trim();
    const [, command = '', text = ''] = /^\/(\S+)\s*([\s\S]*)$/.exec(typed) ?? [];
    const sentAt = messages.now();
    const replier = new WebReplier(messages, body.channelId, viewer, { holdPrivate: true });
    await chat.handleCommand({
      ...inbound(viewer, body.channelId, body.requestId),
      command: command.toLowerCase(),
      text,
      replier,
    });
    // What was typed is shown to the one who typed it, above its answer, so it reads as a conversation.
    await replier.finishCommand(typed, sentAt);
    res.json(result(replier, true));
  });

  router.post('/actions', async (req, res) => {
    const body = parseBody(actionBody, req, res);
    if (!body) return;
    const viewer = viewerOf(res);
    const clicked = await messages.findFor(viewer, body.messageId);
    if (!clicked) return sendError(res, 404, 'no_message', ['no such message']);
    if (!hasButton(clicked, body.actionId, body.value)) {
      return sendError(res, 400, 'unknown_action', ['that message has no such button']);
    }
    const replier = new WebReplier(messages, clicked.channelId, viewer, {
      thread: clicked.thread ?? clicked.messageId,
    });
    await chat.handleAction({
      ...inbound(viewer, clicked.channelId, body.requestId),
      actionId: body.actionId,
      value: body.value,
      replier,
      update: async (message) => {
        await messages.replace(clicked.messageId, message);
      },
    });
    res.json(result(replier));
  });

  router.post('/forms', async (req, res) => {
    const body = parseBody(formBody, req, res);
    if (!body) return;
    const viewer = viewerOf(res);
    if (!canSeeChannel(viewer.name, body.channelId)) return sendError(res, 404, 'no_channel', ['no such channel']);
    if (!chat.hasForm(body.formId)) return sendError(res, 400, 'unknown_form', ['no such form']);
    const from = body.messageId ? await messages.findFor(viewer, body.messageId) : null;
    const thread = from && from.channelId === body.channelId ? (from.thread ?? from.messageId) : undefined;
    const replier = new WebReplier(messages, body.channelId, viewer, { thread });
    await chat.handleForm({
      ...inbound(viewer, body.channelId, body.requestId),
      formId: body.formId,
      values: Object.fromEntries(Object.entries(body.values).map(([key, value]) => [key, clean(value)])),
      privateValue: body.privateValue,
      replier,
    });
    res.json(result(replier));
  });

  return router;
}

function inbound(viewer: SignedIn, channelId: string, requestId: string | undefined) {
  return {
    actor: { platform: 'web' as const, id: viewer.name, displayName: viewer.name },
    conversation: { platform: 'web' as const, channelId },
    // Scoped to the person, so one person's id can never replay another's request.
    requestId: requestId ? `web:${viewer.name}:${requestId}` : undefined,
  };
}

/**
 * Whether the message offers this click: a button for this action on the same subject
 * (`incident.advance` on INC-12) is or was on it, whatever card version it carries. A click from a card
 * as the person saw it before it changed is let through, so the domain can refuse it with what
 * happened since; one about a subject the message never offered is refused here.
 */
function hasButton(doc: WebMessage, actionId: string, value: string): boolean {
  const key = `${actionId}:${cardValueId(value)}`;
  return (doc.offered ?? offeredBy(doc.message as Message)).includes(key);
}

/** The form to open, and for a typed command (`typed`) the refusal to show by the command box. */
function result(replier: WebReplier, typed = false): InteractionResult {
  return {
    ...(replier.form ? { form: replier.form } : {}),
    ...(typed && replier.refusal ? { refused: { text: plainText(replier.refusal.text) } } : {}),
  };
}
