// `npm run discord:register`: (re)registers Zhiban's application commands without starting it.
import 'dotenv/config';
import { REST, Routes } from 'discord.js';
import { discordCommandDefinitions } from './chat/discord/command-definitions.js';
import { COMMAND_CATALOG, loadConfig } from './domains/registry.js';
import { configProblemText, problemsLocale } from './config/problem-text.js';
import { Translator } from './kernel/i18n.js';

async function register(): Promise<void> {
  const result = loadConfig(process.env);
  if (!result.ok) {
    const locale = problemsLocale(process.env);
    const t = new Translator(locale).forLocale(locale);
    for (const problem of result.problems) process.stderr.write(`${configProblemText(problem, t)}\n`);
    process.exit(2);
  }
  const { discord, defaultLocale } = result.config;
  if (!discord) {
    process.stderr.write('DISCORD_TOKEN and DISCORD_APPLICATION_ID must be set\n');
    process.exit(2);
  }
  const rest = new REST(discord.apiUrl ? { api: discord.apiUrl } : {}).setToken(discord.token.reveal());
  const route = discord.guildId
    ? Routes.applicationGuildCommands(discord.applicationId, discord.guildId)
    : Routes.applicationCommands(discord.applicationId);
  const body = discordCommandDefinitions(new Translator(defaultLocale), COMMAND_CATALOG);
  await rest.put(route, { body });
  process.stdout.write(
    `registered ${body.length} commands ${discord.guildId ? `in guild ${discord.guildId}` : 'globally (may take up to an hour to appear)'}\n`,
  );
}

register().catch((error: unknown) => {
  process.stderr.write(`registration failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
