// The Slack, Discord and Feishu adapters the configuration turns on (the web console is built apart,
// since it also serves pages and needs the database prepared).
import type { Router as ExpressRouter } from 'express';
import type { Logger } from 'pino';
import type { ChatAdapter } from '../chat/adapter.js';
import { DiscordAdapter } from '../chat/discord/discord-adapter.js';
import { FeishuAdapter } from '../chat/feishu/feishu-adapter.js';
import type { Router } from '../chat/router.js';
import { SlackAdapter } from '../chat/slack/slack-adapter.js';
import type { Config } from '../config/index.js';
import type { Translator } from '../kernel/i18n.js';

/** In HTTP mode, Slack's `/slack/events` is mounted on `slackRoutes`, which the HTTP server serves. */
export function chatAdapters(
  config: Config,
  router: Router,
  translator: Translator,
  logger: Logger,
  slackRoutes: ExpressRouter,
): ChatAdapter[] {
  const adapters: ChatAdapter[] = [];
  if (config.slack) {
    const { botToken, signingSecret, appToken, apiUrl } = config.slack;
    adapters.push(
      new SlackAdapter(
        { botToken: botToken.reveal(), signingSecret: signingSecret.reveal(), appToken: appToken?.reveal(), apiUrl },
        router,
        logger,
        slackRoutes,
      ),
    );
  }
  if (config.discord) {
    const { token, applicationId, guildId, apiUrl } = config.discord;
    adapters.push(
      new DiscordAdapter({ token: token.reveal(), applicationId, guildId, apiUrl }, router, translator, logger),
    );
  }
  if (config.feishu) {
    const { appId, appSecret, domain } = config.feishu;
    adapters.push(new FeishuAdapter({ appId, appSecret: appSecret.reveal(), domain }, router, logger));
  }
  return adapters;
}
