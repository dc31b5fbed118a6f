// Slack through Bolt: slash commands, buttons and modals in; replies, posts and edits out.
import { App, ExpressReceiver, SocketModeReceiver, type RespondFn, webApi } from '@slack/bolt';
import type { Router as ExpressRouter } from 'express';
import type { Logger } from 'pino';
import type { ChatAdapter, PostOptions, PostedMessage } from '../adapter.js';
import { attachmentBytes } from '../attachment-bytes.js';
import type { Message } from '../card.js';
import type { Replier } from '../context.js';
import type { Form } from '../form.js';
import type { Router } from '../router.js';
import { decodeSlackText } from './slack-text.js';
import { UserError } from '../user-error.js';
import { boltLogger } from './bolt-logger.js';
import { CommandAnswer } from './command-answer.js';
import { toSlackMessage } from './block-kit.js';
import { modalValues, parseModalMetadata, toSlackModal } from './modal-view.js';
import { slackDeliveryError } from './slack-delivery-error.js';
import { findPosted, outboxMetadata, type PostedLookup } from './slack-posted-lookup.js';
import { guardSocketMode } from './socket-mode-guard.js';

type WebClient = webApi.WebClient;

/** A user id where a channel id goes: chat.postMessage posts in the app's direct conversation with them. */
const SLACK_USER_ID = /^[UW][A-Z0-9]+$/;

/** Longer than any healthy Web API call, well under the outbox's lock on a message being sent. */
const POST_TIMEOUT_MS = 20_000;

export interface SlackSettings {
  botToken: string;
  signingSecret: string;
  appToken?: string | undefined;
  apiUrl?: string | undefined;
}

export class SlackAdapter implements ChatAdapter {
  readonly platform = 'slack' as const;
  private readonly app: InstanceType<typeof App>;
  private readonly socketMode: boolean;
  /** For post() and edit(): fails at once on 429 or 5xx, so the outbox can wait per channel and survive restarts. */
  private readonly poster: WebClient;

  /** In HTTP mode Bolt's receiver mounts `/slack/events` on `httpRouter`; our server listens. */
  constructor(
    settings: SlackSettings,
    private readonly router: Router,
    private readonly logger: Logger,
    httpRouter: ExpressRouter,
  ) {
    this.socketMode = settings.appToken !== undefined;
    const clientOptions = {
      ...(settings.apiUrl ? { slackApiUrl: withTrailingSlash(settings.apiUrl) } : {}),
      retryConfig: { retries: 2, factor: 2, minTimeout: 500, maxTimeout: 5000 },
    };
    const common = { token: settings.botToken, logger: boltLogger(logger), clientOptions };
    // Socket Mode's receiver built here rather than by Bolt, to reach its client (socket-mode-guard.ts).
    const socketReceiver = this.socketMode
      ? new SocketModeReceiver({
          appToken: settings.appToken!,
          logger: boltLogger(logger),
          installerOptions: { clientOptions },
        })
      : undefined;
    this.app = socketReceiver
      ? new App({ ...common, receiver: socketReceiver, socketMode: true })
      : new App({
          ...common,
          receiver: new ExpressReceiver({
            signingSecret: settings.signingSecret,
            router: httpRouter,
            endpoints: '/slack/events',
            logger: boltLogger(logger),
          }),
        });
    this.poster = new webApi.WebClient(settings.botToken, {
      ...(settings.apiUrl ? { slackApiUrl: withTrailingSlash(settings.apiUrl) } : {}),
      logger: boltLogger(logger),
      retryConfig: { retries: 0 },
      rejectRateLimitedCalls: true,
      timeout: POST_TIMEOUT_MS,
    });
    this.listen();
    if (socketReceiver) guardSocketMode(socketReceiver.client, logger);
  }

  get client(): WebClient {
    return this.app.client;
  }

  async start(): Promise<void> {
    // In HTTP mode our own server carries the receiver's router; Socket Mode opens its socket here.
    if (this.socketMode) await this.app.start();
  }

  async stop(): Promise<void> {
    if (this.socketMode) await this.app.stop();
  }

  /**
   * Posts `message`, under `threadOf` when given. With `key` the post carries it as metadata; with
   * `inDoubtSince` too, a message carrying it is looked for first and answered with if found
   * (slack-posted-lookup.ts).
   */
  async post(channelId: string, message: Message, options: PostOptions = {}): Promise<PostedMessage> {
    const { key, inDoubtSince, threadOf } = options;
    // A person's direct messages (posted to by their user id) are not looked in: their history
    // needs the im:history scope and their conversation's id, which only the post answers with.
    if (key && inDoubtSince && !SLACK_USER_ID.test(channelId)) {
      const ts = await this.postedBefore({ channelId, key, since: inDoubtSince, threadOf });
      if (ts) return { platform: 'slack', channelId, messageId: ts };
    }
    const result = await this.poster.chat
      .postMessage({
        channel: channelId,
        ...slackPayload(message),
        ...(threadOf ? { thread_ts: threadOf } : {}),
        ...(key ? { metadata: outboxMetadata(key) } : {}),
      })
      .catch((error: unknown) => Promise.reject(slackDeliveryError(error)));
    const posted = { platform: 'slack' as const, channelId: result.channel ?? channelId, messageId: result.ts! };
    await this.upload(posted.channelId, message, threadOf);
    return posted;
  }

  /**
   * The message's files, right under it in the same place (the channel, or the thread it went to),
   * through Slack's external upload: files.getUploadURLExternal, the bytes POSTed to the URL it
   * gives, files.completeUploadExternal sharing them (what @slack/web-api's filesUploadV2 calls).
   * Only after the post: a repeat that finds its earlier post (in doubt) uploads nothing, and a failed
   * upload is logged rather than failing the post (which would post the message again), so a crash
   * or an upload failure can cost the files but never shows anything twice.
   */
  private async upload(channelId: string, message: Message, threadOf: string | undefined): Promise<void> {
    const files = message.attachments ?? [];
    if (files.length === 0) return;
    try {
      await this.poster.filesUploadV2({
        channel_id: channelId,
        ...(threadOf ? { thread_ts: threadOf } : {}),
        file_uploads: files.map((file) => ({ file: attachmentBytes(file), filename: file.name, title: file.title })),
      });
    } catch (error) {
      // Failing the post now would post the message again: it is said, its files are not.
      const failure = slackDeliveryError(error);
      this.logger.error(
        { channel: channelId, files: files.map((file) => file.name), error: failure.message },
        'slack: the message is posted but its files could not be uploaded',
      );
    }
  }

  /**
   * The ts of what an earlier attempt posted, if it did. Slack busy or rate limiting: fails, and the
   * outbox tries again later. Slack refusing the lookup (a missing scope): posts anyway, since a
   * message said twice is better than one never said.
   */
  private async postedBefore(lookup: PostedLookup): Promise<string | undefined> {
    try {
      const ts = await findPosted(this.poster, lookup);
      const about = { channel: lookup.channelId, key: lookup.key, found: ts !== undefined };
      this.logger.info(about, 'slack: looked for a post an earlier attempt may have made');
      return ts;
    } catch (error) {
      const failure = slackDeliveryError(error);
      if (failure.reason !== 'rejected') throw failure;
      this.logger.error(
        { channel: lookup.channelId, key: lookup.key, error: failure.message },
        'slack: cannot look for an earlier post (add the channels:history and groups:history scopes); posting again',
      );
      return undefined;
    }
  }

  /**
   * Slack takes a user id as the channel of chat.postMessage and posts in the app's direct
   * conversation with that person (its Messages tab), answering with that conversation's id (`D…`),
   * where the message is later edited: nothing to open first, and no scope beyond chat:write.
   */
  async openDirect(userId: string): Promise<string> {
    return userId;
  }

  async edit(posted: PostedMessage, message: Message): Promise<void> {
    await this.poster.chat
      .update({ channel: posted.channelId, ts: posted.messageId, ...slackPayload(message) })
      .catch((error: unknown) => Promise.reject(slackDeliveryError(error)));
  }

  private listen(): void {
    const commandPattern = new RegExp(`^/(${this.router.catalog.map((c) => c.name).join('|')})$`);
    this.app.command(commandPattern, async ({ command, ack, respond, client }) => {
      const answer = new CommandAnswer(ack, respond);
      try {
        await this.router.handleCommand({
          actor: { platform: 'slack', id: command.user_id, displayName: command.user_name },
          conversation: { platform: 'slack', channelId: command.channel_id, channelName: command.channel_name },
          requestId: `slack:${command.trigger_id}`,
          command: command.command.slice(1),
          text: decodeSlackText(command.text ?? ''),
          replier: {
            reply: (m) => answer.send({ response_type: 'in_channel', ...slackPayload(m) }),
            replyPrivate: (m) => answer.send({ response_type: 'ephemeral', ...slackPayload(m) }),
            openForm: async (form: Form) => {
              await client.views.open({ trigger_id: command.trigger_id, view: toSlackModal(form, command.channel_id) });
            },
          },
        });
      } finally {
        await answer.finish();
      }
    });

    this.app.action(/.+/, async ({ ack, body, action, respond, client }) => {
      await ack();
      if (body.type !== 'block_actions' || !('action_id' in action)) return;
      const value = 'value' in action && typeof action.value === 'string' ? action.value : '';
      const channelId = body.channel?.id ?? body.container?.channel_id ?? '';
      const triggerId = 'trigger_id' in body ? body.trigger_id : undefined;
      await this.router.handleAction({
        actor: { platform: 'slack', id: body.user.id, displayName: body.user.name },
        conversation: { platform: 'slack', channelId, channelName: body.channel?.name },
        platformLocale: (body.user as { locale?: string }).locale,
        requestId: `slack:${triggerId ?? ''}:${'action_ts' in action ? action.action_ts : ''}`,
        actionId: action.action_id,
        value,
        replier: this.commandReplier(respond, client, triggerId, channelId),
        update: async (message) => {
          await respond({ replace_original: true, ...slackPayload(message) });
        },
      });
    });

    this.app.view(/.+/, async ({ ack, view, body, client }) => {
      await ack();
      const metadata = parseModalMetadata(view.private_metadata);
      const channelId = metadata?.c ?? body.user.id;
      await this.router.handleForm({
        actor: { platform: 'slack', id: body.user.id, displayName: body.user.name },
        conversation: { platform: 'slack', channelId },
        requestId: `slack:${view.id}`,
        formId: view.callback_id,
        values: modalValues(view.state.values as Parameters<typeof modalValues>[0]),
        privateValue: metadata?.v,
        replier: {
          reply: async (m) => {
            await client.chat.postMessage({ channel: channelId, ...slackPayload(m) });
          },
          replyPrivate: async (m) => {
            await client.chat.postEphemeral({ channel: channelId, user: body.user.id, ...slackPayload(m) });
          },
          openForm: async () => {
            throw new UserError('errors.form_unavailable');
          },
        },
      });
    });

    this.app.error(async (error) => {
      this.logger.error({ err: error }, 'slack listener failed');
    });
  }

  private commandReplier(
    respond: RespondFn,
    client: WebClient,
    triggerId: string | undefined,
    channelId: string,
  ): Replier {
    return {
      reply: async (m) => {
        await respond({ response_type: 'in_channel', replace_original: false, ...slackPayload(m) });
      },
      replyPrivate: async (m) => {
        await respond({ response_type: 'ephemeral', replace_original: false, ...slackPayload(m) });
      },
      openForm: async (form: Form) => {
        if (!triggerId) throw new UserError('errors.form_unavailable');
        await client.views.open({ trigger_id: triggerId, view: toSlackModal(form, channelId) });
      },
    };
  }
}

/** Our blocks are plain JSON built in block-kit.ts; the Web API's types want its own block unions. */
function slackPayload(message: Message) {
  return toSlackMessage(message) as { text: string; attachments?: webApi.MessageAttachment[] };
}

function withTrailingSlash(url: string): string {
  return url.endsWith('/') ? url : `${url}/`;
}
