// Discord through discord.js: application commands, buttons and modals in; replies, posts and edits out.
import { Client, Events, GatewayIntentBits, Routes, type Interaction } from 'discord.js';
import type { Logger } from 'pino';
import type { Translator } from '../../i18n.js';
import type { ChatAdapter, PostedMessage } from '../adapter.js';
import type { Message } from '../card.js';
import type { Router } from '../router.js';
import { ARGS_OPTION, discordCommandDefinitions } from './command-definitions.js';
import { parseCustomId, toDiscordMessage } from './components.js';
import { InteractionReplier } from './interaction-replier.js';
import { parseModalId } from './modal.js';

export interface DiscordSettings {
  token: string;
  applicationId: string;
  guildId?: string | undefined;
  apiUrl?: string | undefined;
}

const READY_TIMEOUT_MS = 30_000;

export class DiscordAdapter implements ChatAdapter {
  readonly platform = 'discord' as const;
  readonly client: Client;

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
    await this.client.rest.put(route, { body: discordCommandDefinitions(this.translator) });
  }

  async post(channelId: string, message: Message): Promise<PostedMessage> {
    const created = (await this.client.rest.post(Routes.channelMessages(channelId), {
      body: toDiscordMessage(message),
    })) as { id: string };
    return { platform: 'discord', channelId, messageId: created.id };
  }

  async edit(posted: PostedMessage, message: Message): Promise<void> {
    await this.client.rest.patch(Routes.channelMessage(posted.channelId, posted.messageId), {
      body: toDiscordMessage(message),
    });
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
      replier,
    };
    try {
      if (interaction.isChatInputCommand()) {
        const sub = interaction.options.getSubcommand(false);
        const args = interaction.options.getString(ARGS_OPTION) ?? '';
        const text = [sub, args].filter((part) => part).join(' ');
        await this.router.handleCommand({ ...base, command: interaction.commandName, text });
      } else if (interaction.isButton()) {
        const { actionId, value } = parseCustomId(interaction.customId);
        await this.router.handleAction({ ...base, actionId, value, update: (m) => replier.update(m) });
      } else {
        const parsed = parseModalId(interaction.customId);
        const values = Object.fromEntries(
          interaction.fields.fields.map((field) => [field.customId, 'value' in field ? String(field.value) : '']),
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
