// What `npm start` prints once Zhiban is up: first the web console's address (the first thing a
// newcomer opens), then where it listens, its database, its chat platforms.
import { isLoopback, type Config } from './config/index.js';
import { maskUri } from './db/connect.js';

export interface RunningZhiban {
  url: string;
  consoleUrl: string | undefined;
  database: { engine: string; where: string };
  adapters: ReadonlyArray<{ platform: string }>;
}

type Say = (key: string, params?: Record<string, unknown>) => string;

export function startupBanner(zhiban: RunningZhiban, config: Config, say: Say): string {
  // The console has its own lines; this one is about the team chats.
  const platforms = zhiban.adapters.map((a) => a.platform).filter((p) => p !== 'web');
  const lines = [
    '',
    ...consoleLines(zhiban, config, say),
    `  ${say('startup.ready')}`,
    `  ${say('startup.listening', { url: zhiban.url })}`,
    `  ${say('startup.database', { engine: zhiban.database.engine, where: maskUri(zhiban.database.where) })}`,
    `  ${say('startup.platforms', { list: platforms.length ? platforms.join(', ') : say('startup.no_platforms') })}`,
    ...(config.adminUsers.length || config.web.enabled ? [] : [`  ${say('startup.no_admins')}`]),
    `  ${say('startup.stop_hint')}`,
    '',
  ];
  return `${lines.join('\n')}\n`;
}

function consoleLines(zhiban: RunningZhiban, config: Config, say: Say): string[] {
  if (!zhiban.consoleUrl) return [`  ${say('startup.console_off', { reason: say(consoleOffReason(config)) })}`];
  const how = config.web.trialMode ? 'startup.console_trial' : 'startup.console_password';
  return [`  ${say('startup.console', { url: zhiban.consoleUrl })}`, `  ${say(how)}`];
}

/** Off by WEB_CONSOLE=off, or because nobody set a password on an address others can reach. */
function consoleOffReason(config: Config): string {
  const refusedOpen = config.web.adminPassword === undefined && !isLoopback(config.http.host);
  return refusedOpen ? 'startup.console_off_host' : 'startup.console_off_disabled';
}
