// The kernel's configuration of CONTRACT.md as a zod schema: every variable, its default, its checks.
// Each domain adds its own variables (src/domains/<d>/config.ts); loadConfig joins them.
import { isIP } from 'node:net';
import { z } from 'zod';
import { parseDuration } from './duration.js';
import { Secret } from './secret.js';

const LOCALES = ['zh-CN', 'en'] as const;
const LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'] as const;
const PLATFORMS = ['slack', 'discord', 'web', 'feishu'] as const;

/** A whole number from `min` to `max`, `fallback` when unset. */
export const wholeNumber = (min: number, max: number, fallback: number) =>
  z
    .string()
    .default(String(fallback))
    .refine(
      (v) => /^\d+$/.test(v.trim()) && Number(v) >= min && Number(v) <= max,
      `must be a whole number from ${min} to ${max}`,
    )
    .transform(Number);

const oneOf = <T extends readonly [string, ...string[]]>(values: T, fallback: T[number]) =>
  z.enum(values, { error: `must be one of: ${values.join(', ')}` }).default(fallback as never);

const optionalText = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()));

const secret = optionalText.transform((v) => (v === undefined ? undefined : new Secret(v)));

/**
 * Socket Mode's app-level token (`xapp-…`). A bot token there would be refused by
 * apps.connections.open with an error @slack/socket-mode keeps retrying: the start would never end.
 */
const appToken = optionalText
  .refine((v) => v === undefined || v.startsWith('xapp-'), 'must be an app-level token (xapp-…)')
  .transform((v) => (v === undefined ? undefined : new Secret(v)));

const httpUrl = optionalText.refine((v) => v === undefined || /^https?:\/\/[^\s]+$/i.test(v), 'must be an http(s) URL');

/** A duration like `30s`, `5m`, `4h`, `1d`, read into milliseconds; zero or less is refused. */
export const duration = (fallback: string) =>
  z
    .string()
    .default(fallback)
    .refine((v) => parseDuration(v) !== null && parseDuration(v)! > 0, 'must be a duration like 30s, 5m, 4h or 1d')
    .transform((v) => parseDuration(v)!);

const timezone = z
  .string()
  .default('Asia/Shanghai')
  .refine((tz) => {
    try {
      new Intl.DateTimeFormat('en', { timeZone: tz });
      return true;
    } catch {
      return false;
    }
  }, 'must be an IANA time zone such as Asia/Shanghai');

const userList = z
  .string()
  .default('')
  .transform((v) =>
    v
      .split(',')
      .map((s) => s.trim())
      .filter((s) => s !== ''),
  )
  .refine(
    (list) => list.every((u) => new RegExp(`^(${PLATFORMS.join('|')}):[A-Za-z0-9._@-]{1,64}$`).test(u)),
    'must be a comma list like slack:U123,discord:4567,web:alice',
  );

export const configSchema = z.object({
  PORT: wholeNumber(0, 65535, 3000),
  HOST: z
    .string()
    .default('127.0.0.1')
    .refine((h) => isIP(h) !== 0 || /^[A-Za-z0-9.-]+$/.test(h), 'must be an IP address or host name'),
  MONGODB_URI: optionalText.refine(
    (v) => v === undefined || /^mongodb(\+srv)?:\/\/\S+$/.test(v),
    'must start with mongodb:// or mongodb+srv://',
  ),
  DATA_DIR: z.string().default('./data'),
  DEFAULT_LOCALE: oneOf(LOCALES, 'zh-CN'),
  TIMEZONE: timezone,
  ADMIN_USERS: userList,
  WEBHOOK_TOKEN: secret,
  CALENDAR_TOKEN: secret,
  SLACK_BOT_TOKEN: secret,
  SLACK_SIGNING_SECRET: secret,
  SLACK_APP_TOKEN: appToken,
  SLACK_API_URL: httpUrl,
  DISCORD_TOKEN: secret,
  DISCORD_APPLICATION_ID: optionalText.refine((v) => v === undefined || /^\d{5,25}$/.test(v), 'must be a numeric id'),
  DISCORD_GUILD_ID: optionalText.refine((v) => v === undefined || /^\d{5,25}$/.test(v), 'must be a numeric id'),
  DISCORD_API_URL: httpUrl,
  FEISHU_APP_ID: optionalText.refine(
    (v) => v === undefined || /^cli_[0-9a-fA-F]{16}$/.test(v),
    'must be an app id like cli_0123456789abcdef',
  ),
  FEISHU_APP_SECRET: secret,
  FEISHU_DOMAIN: httpUrl,
  RESTORE_EXECUTOR_URL: httpUrl,
  RESTORE_EXECUTOR_SECRET: secret,
  PAGER_WEBHOOK_URL: httpUrl,
  PAGER_WEBHOOK_SECRET: secret,
  DUTY_PHONE_KEY: optionalText
    .refine((v) => v === undefined || Buffer.from(v, 'base64').length === 32, 'must be 32 bytes, base64')
    .transform((v) => (v === undefined ? undefined : new Secret(v))),
  WEB_CONSOLE: oneOf(['on', 'off'] as const, 'on'),
  WEB_ADMIN_PASSWORD: secret,
  LOG_LEVEL: oneOf(LOG_LEVELS, 'info'),
});

export type RawConfig = z.output<typeof configSchema>;
/** Variables that only make sense together; checked even when other values are wrong. */
export const REQUIRED_TOGETHER: ReadonlyArray<readonly [string, string]> = [
  ['SLACK_BOT_TOKEN', 'SLACK_SIGNING_SECRET'],
  ['SLACK_SIGNING_SECRET', 'SLACK_BOT_TOKEN'],
  ['SLACK_APP_TOKEN', 'SLACK_BOT_TOKEN'],
  ['DISCORD_TOKEN', 'DISCORD_APPLICATION_ID'],
  ['DISCORD_APPLICATION_ID', 'DISCORD_TOKEN'],
  ['FEISHU_APP_ID', 'FEISHU_APP_SECRET'],
  ['FEISHU_APP_SECRET', 'FEISHU_APP_ID'],
  ['RESTORE_EXECUTOR_URL', 'RESTORE_EXECUTOR_SECRET'],
  ['PAGER_WEBHOOK_URL', 'PAGER_WEBHOOK_SECRET'],
];

export const SECRET_KEYS = [
  'WEBHOOK_TOKEN',
  'CALENDAR_TOKEN',
  'SLACK_BOT_TOKEN',
  'SLACK_SIGNING_SECRET',
  'SLACK_APP_TOKEN',
  'DISCORD_TOKEN',
  'FEISHU_APP_SECRET',
  'RESTORE_EXECUTOR_SECRET',
  'PAGER_WEBHOOK_SECRET',
  'DUTY_PHONE_KEY',
  'WEB_ADMIN_PASSWORD',
] as const;
