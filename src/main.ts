// `npm start`: read the configuration, start Zhiban, say where it is, stop cleanly on a signal.
import 'dotenv/config';
import { Zhiban } from './app.js';
import { configProblemText, problemsLocale } from './config/problem-text.js';
import { loadConfig } from './domains/registry.js';
import { maskUri } from './db/connect.js';
import { Translator } from './kernel/i18n.js';
import { logOutput } from './kernel/log-output.js';
import { createLogger } from './kernel/logger.js';
import { startedByNpm, watchParent } from './kernel/parent-watch.js';
import { startupBanner } from './startup-banner.js';

const STOP_DEADLINE_MS = 4500;
/** Start-up logs are held back at most this long (ms); a normal start takes a few seconds. */
const SLOW_START_MS = 30_000;

async function main(): Promise<void> {
  const result = loadConfig(process.env);
  if (!result.ok) {
    const locale = problemsLocale(process.env);
    const t = new Translator(locale).forLocale(locale);
    process.stderr.write(`${t('startup.config_problems')}\n`);
    for (const problem of result.problems) process.stderr.write(`  ${configProblemText(problem, t)}\n`);
    process.exit(2);
  }
  const config = result.config;
  const t = new Translator(config.defaultLocale);
  const say = (key: string, params?: Record<string, unknown>) => t.t(config.defaultLocale, key, params);
  // Held until the banner is out: the console's address is the first thing a person reads. A start
  // that takes far longer than it should (a stuck engine) is shown rather than kept silent.
  const output = await logOutput(process.stderr);
  const logger = createLogger(config.logLevel, output.destination);
  const slowStart = setTimeout(() => output.release(), SLOW_START_MS);
  slowStart.unref();

  let zhiban: Zhiban;
  try {
    zhiban = await Zhiban.start(config, { logger });
  } catch (error) {
    output.release();
    const reason = maskUri(error instanceof Error ? error.message : String(error));
    process.stderr.write(`${say('startup.start_failed', { reason })}\n`);
    process.exit(1);
  }
  // Read before the banner: once it is printed, signals must find their handlers at once.
  const empty = await zhiban.emptyDutyRoles().catch(() => []);
  process.stdout.write(startupBanner(zhiban, config, say));
  if (empty.length > 0) {
    const roles = empty.map((role) => say(`roles.${role}`)).join(', ');
    process.stdout.write(`  ${say('startup.duty_gap', { roles })}\n\n`);
  }
  clearTimeout(slowStart);
  output.release();

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
  // `npm start` passes SIGTERM on to us (package.json execs node, so no shell sits between); if
  // npm itself dies without passing anything on, we go too rather than run on unowned.
  if (startedByNpm()) watchParent(() => void stop('parent exited'));
}

void main();
