// Discord through discord.js: application commands, buttons and modals in; replies, posts and edits out.
import { createHash } from 'node:crypto';
import { Client, Events, GatewayIntentBits, Routes, ThreadAutoArchiveDuration, type Interaction } from 'discord.js';
import type { Logger } from 'pino';
import type { Translator } from '../../kernel/i18n.js';
import type { ChatAdapter, PostOptions, PostedMessage } from '../adapter.js';
import { attachmentBytes } from '../attachment-bytes.js';
import type { Message } from '../card.js';
import type { Router } from '../router.js';
import { clean, plainText } from '../neutral-text.js';
import { truncate } from '../text.js';
import { ARGS_OPTION, discordCommandDefinitions } from './command-definitions.js';
import { decodeDiscordText } from './discord-text.js';
import { parseCustomId, toDiscordMessage } from './components.js';
import { discordDeliveryError, isThreadAlreadyThere } from './discord-delivery-error.js';
import { InteractionReplier } from './interaction-replier.js';
import { parseModalId } from './modal.js';

export interface DiscordSettings {
  token: string;
  applicationId: string;
  guildId?: string | undefined;
  apiUrl?: string | undefined;
}

const READY_TIMEOUT_MS = 30_000;
/** Discord refuses a longer nonce (Create Message: "up to 25 characters"). */
const MAX_NONCE = 25;

export class DiscordAdapter implements ChatAdapter {
  readonly platform = 'discord' as const;
  readonly client: Client;
  /** Direct conversations opened so far, by user id: a cache, never needed for correctness. */
  private readonly directChannels = new Map<string, string>();

  constructor(
    private readonly settings: DiscordSettings,
    private readonly router: Router,
    private readonly translator: Translator,
    private readonly logger: Logger,
  ) {
    this.client = new Client({
      intents: [GatewayIntentBits.Guilds],
      ...(settings.apiUrl ? { rest: { api: settings.apiUrl } } : {}),
    });
    this.client.on(Events.InteractionCreate, (interaction) => {
      this.onInteraction(interaction).catch((error: unknown) =>
        this.logger.error({ err: error }, 'discord interaction failed'),
      );
    });
    this.client.on(Events.Error, (error) => this.logger.error({ err: error }, 'discord client error'));
  }

  async start(): Promise<void> {
    this.client.rest.setToken(this.settings.token);
    await this.registerCommands();
    const ready = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('Discord did not become ready in 30 s')), READY_TIMEOUT_MS);
      this.client.once(Events.ClientReady, () => {
        clearTimeout(timer);
        resolve();
      });
    });
    await this.client.login(this.settings.token);
    await ready;
    this.logger.info({ user: this.client.user?.tag }, 'discord ready');
  }

  async stop(): Promise<void> {
    await this.client.destroy();
  }

  /** Guild commands appear at once; global ones can take up to an hour to show. */
  async registerCommands(): Promise<void> {
    const { applicationId, guildId } = this.settings;
    const route = guildId
      ? Routes.applicationGuildCommands(applicationId, guildId)
      : Routes.applicationCommands(applicationId);
    await this.client.rest.put(route, { body: discordCommandDefinitions(this.translator, this.router.catalog) });
  }

  /**
   * With `threadOf`, the message goes into a thread opened from that message (the card), as on Slack.
   * With `key`, Discord itself drops a repeat: the key is an enforced nonce, and a second create with
   * it within Discord's window (a few minutes) answers with the first message. Past that window a
   * repeat would be posted again; `inDoubtSince` changes nothing here.
   */
  async post(channelId: string, message: Message, options: PostOptions = {}): Promise<PostedMessage> {
    try {
      const { threadOf, threadId: known, threadName, key } = options;
      const threadId = threadOf ? (known ?? (await this.openThread(channelId, threadOf, threadName))) : undefined;
      const target = threadId ?? channelId;
      const once = key ? { nonce: nonceOf(key), enforce_nonce: true } : {};
      // Files make discord.js send multipart/form-data, the JSON riding in its payload_json part.
      const files = (message.attachments ?? []).map((file) => ({
        name: file.name,
        data: attachmentBytes(file),
        contentType: file.contentType,
      }));
      const created = (await this.client.rest.post(Routes.channelMessages(target), {
        body: { ...toDiscordMessage(message), ...once },
        ...(files.length ? { files } : {}),
      })) as { id: string };
      return { platform: 'discord', channelId: target, messageId: created.id, ...(threadId ? { threadId } : {}) };
    } catch (error) {
      throw discordDeliveryError(error);
    }
  }

  /**
   * Discord's direct conversation with a person is a channel of its own, opened (or, when it is
   * already open, found) with POST /users/@me/channels; its id is kept by this process so the next
   * message needs no call. Fails as a post does (a person who takes no direct messages from the
   * server's members is refused when the message is posted).
   */
  async openDirect(userId: string): Promise<string> {
    const known = this.directChannels.get(userId);
    if (known) return known;
    try {
      const channel = (await this.client.rest.post(Routes.userChannels(), { body: { recipient_id: userId } })) as {
        id: string;
      };
      this.directChannels.set(userId, channel.id);
      return channel.id;
    } catch (error) {
      throw discordDeliveryError(error);
    }
  }

  async edit(posted: PostedMessage, message: Message): Promise<void> {
    await this.client.rest
      .patch(Routes.channelMessage(posted.channelId, posted.messageId), { body: toDiscordMessage(message) })
      .catch((error: unknown) => Promise.reject(discordDeliveryError(error)));
  }

  /** A thread is a channel of its own; the one opened from a message carries that message's id. */
  private async openThread(channelId: string, messageId: string, name = 'Zhiban'): Promise<string> {
    try {
      const thread = (await this.client.rest.post(Routes.threads(channelId, messageId), {
        body: { name: truncate(plainText(name), 100), auto_archive_duration: ThreadAutoArchiveDuration.OneWeek },
      })) as { id: string };
      return thread.id;
    } catch (error) {
      // Opened before, by a send that did not live to remember it.
      if (isThreadAlreadyThere(error)) return messageId;
      throw error;
    }
  }

  private async onInteraction(interaction: Interaction): Promise<void> {
    if (!interaction.isChatInputCommand() && !interaction.isButton() && !interaction.isModalSubmit()) return;
    const replier = new InteractionReplier(interaction);
    const base = {
      actor: {
        platform: 'discord' as const,
        id: interaction.user.id,
        displayName: interaction.user.globalName ?? interaction.user.username,
      },
      conversation: {
        platform: 'discord' as const,
        channelId: interaction.channelId ?? interaction.user.id,
        channelName:
          interaction.channel && 'name' in interaction.channel ? (interaction.channel.name ?? undefined) : undefined,
      },
      platformLocale: interaction.locale,
      requestId: `discord:${interaction.id}`,
      replier,
    };
    try {
      if (interaction.isChatInputCommand()) {
        const sub = interaction.options.getSubcommand(false);
        const args = interaction.options.getString(ARGS_OPTION) ?? '';
        const text = decodeDiscordText([sub, args].filter((part) => part).join(' '));
        await this.router.handleCommand({ ...base, command: interaction.commandName, text });
      } else if (interaction.isButton()) {
        const { actionId, value } = parseCustomId(interaction.customId);
        await this.router.handleAction({ ...base, actionId, value, update: (m) => replier.update(m) });
      } else {
        const parsed = parseModalId(interaction.customId);
        const values = Object.fromEntries(
          interaction.fields.fields.map((field) => [
            field.customId,
            'value' in field ? clean(String(field.value)) : '',
          ]),
        );
        await this.router.handleForm({
          ...base,
          formId: parsed?.formId ?? interaction.customId,
          values,
          privateValue: parsed?.privateValue,
        });
      }
    } finally {
      replier.done();
    }
  }
}

/** The key itself (an outbox id is 24 characters); a longer one is hashed to fit, never cut. */
function nonceOf(key: string): string {
  return key.length <= MAX_NONCE ? key : createHash('sha256').update(key).digest('base64url').slice(0, MAX_NONCE);
}
