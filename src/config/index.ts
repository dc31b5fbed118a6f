// Reads the environment once, validates it, and gives the rest of Zhiban one typed Config.
import { configSchema, REQUIRED_TOGETHER, SECRET_KEYS, type RawConfig } from './schema.js';
import type { z } from 'zod';
import type { Secret } from './secret.js';

export { Secret } from './secret.js';
export { parseDuration } from './duration.js';

export type Locale = RawConfig['DEFAULT_LOCALE'];

/**
 * Each domain's section of Config (`config.incidents`, `config.alerts`, …), added by declaration
 * merging in its src/domains/<d>/config.ts, which also declares the variables.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface DomainConfig {}

/** The variables of one domain and how they become its section of Config (see src/domains/module.ts). */
export interface ConfigSection {
  section: string;
  env: Record<string, z.ZodType>;
  read(parsed: Record<string, unknown>): unknown;
}

export interface Config extends DomainConfig {
  http: { port: number; host: string };
  mongodbUri: string | undefined;
  dataDir: string;
  defaultLocale: Locale;
  timezone: string;
  adminUsers: string[];
  webhookToken: Secret | undefined;
  /** The read-only token of the `.ics` feeds (`?token=`); unset: the feeds answer 401. */
  calendarToken: Secret | undefined;
  slack:
    { botToken: Secret; signingSecret: Secret; appToken: Secret | undefined; apiUrl: string | undefined } | undefined;
  discord:
    { token: Secret; applicationId: string; guildId: string | undefined; apiUrl: string | undefined } | undefined;
  /** Feishu (Lark): the app's id and secret, and the API base (Feishu's own unless FEISHU_DOMAIN says otherwise). */
  feishu: { appId: string; appSecret: Secret; domain: string } | undefined;
  /** The restore executor: a URL and the secret its calls are signed with (the restores domain has the rest). */
  restore: { executorUrl: string | undefined; executorSecret: Secret | undefined };
  /** The duty roster's pager gateway (PAGER_WEBHOOK_URL, PAGER_WEBHOOK_SECRET) and phone key (DUTY_PHONE_KEY). */
  pager: { url: string | undefined; secret: Secret | undefined; phoneKey: Secret | undefined };
  web: { enabled: boolean; adminPassword: Secret | undefined; trialMode: boolean };
  logLevel: RawConfig['LOG_LEVEL'];
}

/** Where Feishu's open platform answers when FEISHU_DOMAIN is not set (Lark's is https://open.larksuite.com). */
export const FEISHU_DEFAULT_DOMAIN = 'https://open.feishu.cn';

// A URL may carry a password (user:pass@host), so URLs are never echoed either.
const NEVER_ECHOED: readonly string[] = [
  ...SECRET_KEYS,
  'MONGODB_URI',
  'SLACK_API_URL',
  'DISCORD_API_URL',
  'FEISHU_DOMAIN',
  'RESTORE_EXECUTOR_URL',
  'PAGER_WEBHOOK_URL',
];

/**
 * One thing wrong with the environment, named by its variable; printed through
 * src/config/problem-text.ts in one language. `given` is the value as typed, absent for a secret or URL.
 */
export type ConfigProblem =
  | { variable: string; given?: string }
  /** `variable` must be set because `setWith` is. */
  | { variable: string; requiredWith: string };

export type ConfigResult = { ok: true; config: Config } | { ok: false; problems: ConfigProblem[] };

/**
 * Validates `env` against the kernel's variables and each domain's `sections` (src/domains/registry.ts
 * passes them all: call its `loadConfig`); on failure, one problem per variable, never a secret's value.
 */
export function loadConfigWith(env: NodeJS.ProcessEnv, sections: readonly ConfigSection[]): ConfigResult {
  const schema = configSchema.extend(Object.assign({}, ...sections.map((s) => s.env)) as Record<string, z.ZodType>);
  const parsed = schema.safeParse(env);
  const missing = missingPartners(env);
  if (!parsed.success || missing.length > 0) {
    const issues = parsed.success ? [] : parsed.error.issues;
    const named = [...new Set(issues.map((issue) => String(issue.path[0] ?? 'configuration')))];
    const problems: ConfigProblem[] = named.map((variable) => {
      const given = env[variable];
      return given === undefined || NEVER_ECHOED.includes(variable)
        ? { variable }
        : { variable, given: given.slice(0, 60) };
    });
    return { ok: false, problems: [...problems, ...missing] };
  }
  const config = toConfig(parsed.data as RawConfig) as Config & Record<string, unknown>;
  const raw = parsed.data as Record<string, unknown>;
  for (const section of sections) config[section.section] = section.read(raw);
  return { ok: true, config };
}

function missingPartners(env: NodeJS.ProcessEnv): ConfigProblem[] {
  const given = (name: string) => (env[name] ?? '').trim() !== '';
  return REQUIRED_TOGETHER.filter(([a, b]) => given(a) && !given(b)).map(([a, b]) => ({
    variable: b,
    requiredWith: a,
  }));
}

function toConfig(c: RawConfig): Omit<Config, keyof DomainConfig> {
  const loopback = isLoopback(c.HOST);
  return {
    http: { port: c.PORT, host: c.HOST },
    mongodbUri: c.MONGODB_URI,
    dataDir: c.DATA_DIR,
    defaultLocale: c.DEFAULT_LOCALE,
    timezone: c.TIMEZONE,
    adminUsers: c.ADMIN_USERS,
    webhookToken: c.WEBHOOK_TOKEN,
    calendarToken: c.CALENDAR_TOKEN,
    slack:
      c.SLACK_BOT_TOKEN && c.SLACK_SIGNING_SECRET
        ? {
            botToken: c.SLACK_BOT_TOKEN,
            signingSecret: c.SLACK_SIGNING_SECRET,
            appToken: c.SLACK_APP_TOKEN,
            apiUrl: c.SLACK_API_URL,
          }
        : undefined,
    discord:
      c.DISCORD_TOKEN && c.DISCORD_APPLICATION_ID
        ? {
            token: c.DISCORD_TOKEN,
            applicationId: c.DISCORD_APPLICATION_ID,
            guildId: c.DISCORD_GUILD_ID,
            apiUrl: c.DISCORD_API_URL,
          }
        : undefined,
    feishu:
      c.FEISHU_APP_ID && c.FEISHU_APP_SECRET
        ? { appId: c.FEISHU_APP_ID, appSecret: c.FEISHU_APP_SECRET, domain: c.FEISHU_DOMAIN ?? FEISHU_DEFAULT_DOMAIN }
        : undefined,
    restore: {
      executorUrl: c.RESTORE_EXECUTOR_URL,
      executorSecret: c.RESTORE_EXECUTOR_SECRET,
    },
    pager: { url: c.PAGER_WEBHOOK_URL, secret: c.PAGER_WEBHOOK_SECRET, phoneKey: c.DUTY_PHONE_KEY },
    web: {
      // Without a password the console is open to anyone by name, so only on a loopback address.
      enabled: c.WEB_CONSOLE === 'on' && (c.WEB_ADMIN_PASSWORD !== undefined || loopback),
      adminPassword: c.WEB_ADMIN_PASSWORD,
      trialMode: c.WEB_ADMIN_PASSWORD === undefined,
    },
    logLevel: c.LOG_LEVEL,
  };
}

export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}
