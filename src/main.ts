// `npm start`: read the configuration, start Zhiban, say where it is, stop cleanly on a signal.
import 'dotenv/config';
import { Zhiban } from './app.js';
import { loadConfig } from './domains/registry.js';
import { maskUri } from './db/connect.js';
import { isLocale, Translator, type Locale } from './kernel/i18n.js';
import { createLogger } from './kernel/logger.js';
import { startupBanner } from './startup-banner.js';

const STOP_DEADLINE_MS = 4500;

async function main(): Promise<void> {
  const result = loadConfig(process.env);
  const fallbackLocale: Locale = isLocale(process.env.DEFAULT_LOCALE) ? process.env.DEFAULT_LOCALE : 'zh-CN';
  if (!result.ok) {
    const t = new Translator(fallbackLocale);
    process.stderr.write(`${t.t(fallbackLocale, 'startup.config_problems')}\n`);
    for (const problem of result.problems) process.stderr.write(`  ${problem}\n`);
    process.exit(2);
  }
  const config = result.config;
  const t = new Translator(config.defaultLocale);
  const say = (key: string, params?: Record<string, unknown>) => t.t(config.defaultLocale, key, params);
  const logger = createLogger(config.logLevel, process.stderr);

  let zhiban: Zhiban;
  try {
    zhiban = await Zhiban.start(config, { logger });
  } catch (error) {
    const reason = maskUri(error instanceof Error ? error.message : String(error));
    process.stderr.write(`${say('startup.start_failed', { reason })}\n`);
    process.exit(1);
  }
  process.stdout.write(startupBanner(zhiban, config, say));
  const empty = await zhiban.emptyDutyRoles().catch(() => []);
  if (empty.length > 0) {
    const roles = empty.map((role) => say(`roles.${role}`)).join(', ');
    process.stdout.write(`  ${say('startup.duty_gap', { roles })}\n\n`);
  }

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    process.stdout.write(`${say('startup.stopping')}\n`);
    logger.info({ signal }, 'stopping');
    // Never hang: whatever is still open after the deadline is cut.
    const deadline = setTimeout(() => process.exit(1), STOP_DEADLINE_MS);
    deadline.unref();
    await zhiban.stop().catch((error: unknown) => logger.error({ err: error }, 'stop failed'));
    process.stdout.write(`${say('startup.stopped')}\n`);
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

void main();
