// The configuration of CONTRACT.md: defaults, every variable read, one line per problem, secrets never shown.
import { strict as assert } from 'node:assert';
import { inspect } from 'node:util';
import { configSchema } from '../../../src/config/schema.js';
import { Secret, type Config } from '../../../src/config/index.js';
import { configProblemText, problemsLocale } from '../../../src/config/problem-text.js';
import { CONFIG_FRAGMENTS, loadConfig } from '../../../src/domains/registry.js';
import { LOCALES, Translator, type Locale } from '../../../src/kernel/i18n.js';

const translator = new Translator('en');

/** The config with each Secret opened, so a whole config can be compared at once. */
function revealed(value: unknown): unknown {
  if (value instanceof Secret) return { secret: value.reveal() };
  if (Array.isArray(value)) return value.map(revealed);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, v]) => [key, revealed(v)]));
  }
  return value;
}

function configOf(env: NodeJS.ProcessEnv): Config {
  const result = loadConfig(env);
  if (!result.ok) assert.fail(`expected a valid configuration, got: ${JSON.stringify(result.problems)}`);
  return result.config;
}

/** The problem lines as start-up prints them, in `locale`. */
function problemsOf(env: NodeJS.ProcessEnv, locale: Locale = 'en'): string[] {
  const result = loadConfig(env);
  if (result.ok) assert.fail(`expected problems with ${JSON.stringify(env)}`);
  return result.problems.map((problem) => configProblemText(problem, translator.forLocale(locale)));
}

const FULL_ENV = {
  PORT: '8080',
  HOST: '0.0.0.0',
  MONGODB_URI: 'mongodb://ops:pw@db.example.gov:27017/zhiban',
  DATA_DIR: '/var/lib/zhiban',
  DEFAULT_LOCALE: 'en',
  TIMEZONE: 'Asia/Urumqi',
  ADMIN_USERS: 'slack:U123, discord:4567,web:alice',
  WEBHOOK_TOKEN: 'hook-token-1',
  CALENDAR_TOKEN: 'calendar-token-1',
  SLACK_BOT_TOKEN: 'xoxb-bot-1',
  SLACK_SIGNING_SECRET: 'signing-1',
  SLACK_APP_TOKEN: 'xapp-app-1',
  SLACK_API_URL: 'http://127.0.0.1:9001/api/',
  DISCORD_TOKEN: 'discord-token-1',
  DISCORD_APPLICATION_ID: '123456789012345678',
  DISCORD_GUILD_ID: '876543210987654321',
  DISCORD_API_URL: 'http://127.0.0.1:9002/api',
  FEISHU_APP_ID: 'cli_a1b2c3d4e5f60718',
  FEISHU_APP_SECRET: 'feishu-secret-1',
  FEISHU_DOMAIN: 'https://open.larksuite.com',
  RESTORE_EXECUTOR_URL: 'https://executor.example.gov/restore',
  RESTORE_EXECUTOR_SECRET: 'executor-secret-1',
  PAGER_WEBHOOK_URL: 'https://sms.example.gov/page',
  PAGER_WEBHOOK_SECRET: 'pager-secret-1',
  DUTY_PHONE_KEY: 'AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=',
  RESTORE_APPROVALS_REQUIRED: '2',
  RESTORE_APPROVAL_TTL: '2d',
  RESTORE_APPROVER_ROLES: 'approver, dataops',
  ALERT_GROUP_WAIT: '10s',
  ALERT_GROUP_INTERVAL: '2m',
  ALERT_REPEAT_INTERVAL: '1d',
  ALERT_LAYER_RULES: 'job=node:infrastructure,service=~db-.*:platform',
  INCIDENT_ESCALATION: 'P1=2m,P2=never,P3=never,P4=1d',
  INCIDENT_STALE_AFTER: '10m',
  BACKUP_SMALL_BELOW: '40%',
  SURVEY_COOLDOWN: '3d',
  SURVEY_PUBLIC_URL: 'https://ops.example.gov/zhiban/',
  REPORTS_SCHEDULE: 'off',
  WEB_CONSOLE: 'on',
  WEB_ADMIN_PASSWORD: 'admin-password-1',
  LOG_LEVEL: 'debug',
};

describe('loadConfig', () => {
  it('gives the CONTRACT defaults for an empty environment', () => {
    assert.deepStrictEqual(revealed(configOf({})), {
      http: { port: 3000, host: '127.0.0.1' },
      mongodbUri: undefined,
      dataDir: './data',
      defaultLocale: 'zh-CN',
      timezone: 'Asia/Shanghai',
      adminUsers: [],
      webhookToken: undefined,
      calendarToken: undefined,
      slack: undefined,
      discord: undefined,
      feishu: undefined,
      restore: { executorUrl: undefined, executorSecret: undefined },
      pager: { url: undefined, secret: undefined, phoneKey: undefined },
      alerts: {
        groupWaitMs: 30_000,
        groupIntervalMs: 300_000,
        repeatIntervalMs: 14_400_000,
        layerRules: [
          {
            label: 'job',
            op: '=~',
            value: '(node|windows|snmp|blackbox|ipmi)([_-]exporter)?',
            layer: 'infrastructure',
          },
          {
            label: 'job',
            op: '=~',
            value: '(mysqld?|postgres(ql)?|redis|kafka|nginx|jvm|jmx|mongodb|elasticsearch|rabbitmq)([_-]exporter)?',
            layer: 'platform',
          },
        ],
      },
      incidents: { unackedAfterMs: { P1: 300_000, P2: 900_000, P3: 3_600_000 }, staleAfterMs: 1_800_000 },
      backups: { smallBelow: 0.5 },
      restores: { approvalsRequired: 1, approvalTtlMs: 86_400_000, approverRoles: ['approver', 'pm'] },
      surveys: { cooldownMs: 7 * 86_400_000, publicUrl: undefined },
      reports: { scheduled: true },
      web: { enabled: true, adminPassword: undefined, trialMode: true },
      logLevel: 'info',
    });
  });

  it('reads every CONTRACT variable', () => {
    assert.deepStrictEqual(revealed(configOf(FULL_ENV)), {
      http: { port: 8080, host: '0.0.0.0' },
      mongodbUri: 'mongodb://ops:pw@db.example.gov:27017/zhiban',
      dataDir: '/var/lib/zhiban',
      defaultLocale: 'en',
      timezone: 'Asia/Urumqi',
      adminUsers: ['slack:U123', 'discord:4567', 'web:alice'],
      webhookToken: { secret: 'hook-token-1' },
      calendarToken: { secret: 'calendar-token-1' },
      slack: {
        botToken: { secret: 'xoxb-bot-1' },
        signingSecret: { secret: 'signing-1' },
        appToken: { secret: 'xapp-app-1' },
        apiUrl: 'http://127.0.0.1:9001/api/',
      },
      discord: {
        token: { secret: 'discord-token-1' },
        applicationId: '123456789012345678',
        guildId: '876543210987654321',
        apiUrl: 'http://127.0.0.1:9002/api',
      },
      feishu: {
        appId: 'cli_a1b2c3d4e5f60718',
        appSecret: { secret: 'feishu-secret-1' },
        domain: 'https://open.larksuite.com',
      },
      restore: {
        executorUrl: 'https://executor.example.gov/restore',
        executorSecret: { secret: 'executor-secret-1' },
      },
      pager: {
        url: 'https://sms.example.gov/page',
        secret: { secret: 'pager-secret-1' },
        phoneKey: { secret: 'AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=' },
      },
      alerts: {
        groupWaitMs: 10_000,
        groupIntervalMs: 120_000,
        repeatIntervalMs: 86_400_000,
        layerRules: [
          { label: 'job', op: '=', value: 'node', layer: 'infrastructure' },
          { label: 'service', op: '=~', value: 'db-.*', layer: 'platform' },
        ],
      },
      incidents: { unackedAfterMs: { P1: 120_000, P4: 86_400_000 }, staleAfterMs: 600_000 },
      backups: { smallBelow: 0.4 },
      restores: { approvalsRequired: 2, approvalTtlMs: 2 * 86_400_000, approverRoles: ['approver', 'dataops'] },
      surveys: { cooldownMs: 3 * 86_400_000, publicUrl: 'https://ops.example.gov/zhiban' },
      reports: { scheduled: false },
      web: { enabled: true, adminPassword: { secret: 'admin-password-1' }, trialMode: false },
      logLevel: 'debug',
    });
  });

  it('turns the web console off when WEB_CONSOLE=off', () => {
    assert.equal(configOf({ WEB_CONSOLE: 'off' }).web.enabled, false);
  });

  describe('problems', () => {
    const cases: Array<[string, NodeJS.ProcessEnv, string]> = [
      ['a port that is not a number', { PORT: 'abc' }, 'PORT'],
      ['an empty port', { PORT: '' }, 'PORT'],
      ['a locale Zhiban lacks', { DEFAULT_LOCALE: 'fr' }, 'DEFAULT_LOCALE'],
      ['a time zone that does not exist', { TIMEZONE: 'Mars/Base' }, 'TIMEZONE'],
      ['a duration in words', { ALERT_GROUP_WAIT: 'soon' }, 'ALERT_GROUP_WAIT'],
      ['a layer rule with an unknown layer', { ALERT_LAYER_RULES: 'job=node:network' }, 'ALERT_LAYER_RULES'],
      ['a layer rule with a broken regex', { ALERT_LAYER_RULES: 'job=~(node:platform' }, 'ALERT_LAYER_RULES'],
      ['an escalation without severities', { INCIDENT_ESCALATION: '5m' }, 'INCIDENT_ESCALATION'],
      ['an escalation of P5', { INCIDENT_ESCALATION: 'P5=5m' }, 'INCIDENT_ESCALATION'],
      ['a too-small share that is not a percentage', { BACKUP_SMALL_BELOW: '0.5' }, 'BACKUP_SMALL_BELOW'],
      ['a too-small share of 0 %', { BACKUP_SMALL_BELOW: '0%' }, 'BACKUP_SMALL_BELOW'],
      [
        'approvers of a role that does not exist',
        { RESTORE_APPROVER_ROLES: 'approver,boss' },
        'RESTORE_APPROVER_ROLES',
      ],
      ['no approver role at all', { RESTORE_APPROVER_ROLES: ' , ' }, 'RESTORE_APPROVER_ROLES'],
      ['eleven approvals required', { RESTORE_APPROVALS_REQUIRED: '11' }, 'RESTORE_APPROVALS_REQUIRED'],
      ['an approval time of nothing', { RESTORE_APPROVAL_TTL: '0h' }, 'RESTORE_APPROVAL_TTL'],
      ['an admin without a platform', { ADMIN_USERS: 'bob' }, 'ADMIN_USERS'],
      ['a Slack bot token without its signing secret', { SLACK_BOT_TOKEN: 'xoxb-1' }, 'SLACK_SIGNING_SECRET'],
      ['a Discord token without its application id', { DISCORD_TOKEN: 'tok-1' }, 'DISCORD_APPLICATION_ID'],
      ['a Feishu app id without its secret', { FEISHU_APP_ID: 'cli_a1b2c3d4e5f60718' }, 'FEISHU_APP_SECRET'],
      ['a Feishu app id of another shape', { FEISHU_APP_ID: 'a1b2c3', FEISHU_APP_SECRET: 'x' }, 'FEISHU_APP_ID'],
      ['a Feishu domain that is not http(s)', { FEISHU_DOMAIN: 'open.feishu.cn' }, 'FEISHU_DOMAIN'],
      ['a database URI that is not MongoDB', { MONGODB_URI: 'postgres://x' }, 'MONGODB_URI'],
      [
        'a bot token where the app-level token goes',
        { SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's-1', SLACK_APP_TOKEN: 'xoxb-2' },
        'SLACK_APP_TOKEN',
      ],
      ['a Slack API URL that is not http(s)', { SLACK_API_URL: 'ftp://x' }, 'SLACK_API_URL'],
      ['a survey cooldown in words', { SURVEY_COOLDOWN: 'a week' }, 'SURVEY_COOLDOWN'],
      ['a survey address with a query', { SURVEY_PUBLIC_URL: 'https://ops.example.gov/?x=1' }, 'SURVEY_PUBLIC_URL'],
      ['a report schedule that is neither on nor off', { REPORTS_SCHEDULE: 'daily' }, 'REPORTS_SCHEDULE'],
    ];
    for (const [what, env, variable] of cases) {
      it(`reports ${what} in exactly one line naming ${variable}`, () => {
        const problems = problemsOf(env);
        assert.equal(problems.length, 1, problems.join('\n'));
        assert.ok(problems[0]!.startsWith(`${variable} `), problems[0]);
      });
    }

    it('says which variable needs the missing one', () => {
      assert.deepStrictEqual(problemsOf({ SLACK_BOT_TOKEN: 'xoxb-1' }), [
        'SLACK_SIGNING_SECRET is required when SLACK_BOT_TOKEN is set',
      ]);
    });

    it('reports every problem at once, a missing partner beside a bad value', () => {
      const problems = problemsOf({ PORT: 'abc', DISCORD_TOKEN: 'tok-1' });
      assert.equal(problems.length, 2, problems.join('\n'));
      assert.ok(problems.some((p) => p.startsWith('PORT ')));
      assert.ok(problems.some((p) => p.startsWith('DISCORD_APPLICATION_ID ')));
    });

    it('never shows a secret’s value in a problem line', () => {
      const secrets = { SLACK_SIGNING_SECRET: 'sig-3f9a71', WEBHOOK_TOKEN: 'hook-77b1c2', SLACK_APP_TOKEN: 'xapp-5e' };
      const problems = problemsOf({ ...secrets, PORT: 'abc' });
      assert.ok(
        problems.some((p) => p.startsWith('SLACK_BOT_TOKEN ')),
        problems.join('\n'),
      );
      for (const value of Object.values(secrets)) {
        for (const line of problems) assert.ok(!line.includes(value), `"${line}" shows ${value}`);
      }
    });

    it('never shows the Feishu app secret, and reads Feishu’s own domain by default', () => {
      const problems = problemsOf({ FEISHU_APP_SECRET: 'fs-9c41d2', FEISHU_APP_ID: 'bad' });
      assert.equal(problems.length, 1, problems.join('\n'));
      for (const line of problems) assert.ok(!line.includes('fs-9c41d2'), line);
      const config = configOf({ FEISHU_APP_ID: 'cli_a1b2c3d4e5f60718', FEISHU_APP_SECRET: 'fs-9c41d2' });
      assert.equal(config.feishu?.domain, 'https://open.feishu.cn');
      assert.ok(!inspect(config).includes('fs-9c41d2'), 'the secret does not print');
    });

    it('never shows a password inside a database URI that is refused', () => {
      const problems = problemsOf({ MONGODB_URI: 'postgres://ops:s3cret-db@db.example.gov/zhiban' });
      assert.equal(problems.length, 1);
      assert.ok(!problems[0]!.includes('s3cret-db'), problems[0]);
    });

    // The same reason MONGODB_URI is never echoed: a proxy or executor URL may carry user:password.
    it('never shows a password inside an http URL variable that is refused', () => {
      const problems = problemsOf({
        SLACK_API_URL: 'htps://proxy:s3cret-proxy@proxy.example.gov/api/',
        RESTORE_EXECUTOR_URL: 'ftp://ops:s3cret-exec@executor.example.gov/',
        RESTORE_EXECUTOR_SECRET: 'x',
      });
      assert.equal(problems.length, 2, problems.join('\n'));
      for (const line of problems) {
        assert.ok(!line.includes('s3cret-proxy') && !line.includes('s3cret-exec'), line);
      }
    });
  });

  describe('problems in one language', () => {
    it('says every variable’s rule in each language, so no line falls back to another', () => {
      const variables = [
        ...Object.keys(configSchema.shape),
        ...CONFIG_FRAGMENTS.flatMap((fragment) => Object.keys(fragment.env)),
      ];
      for (const locale of LOCALES) {
        for (const variable of variables) {
          assert.ok(translator.has(locale, `config.rules.${variable}`), `${locale}: config.rules.${variable}`);
        }
      }
    });

    it('prints the problems in DEFAULT_LOCALE’s language, Chinese by default', () => {
      const env = { DEFAULT_LOCALE: 'zh-CN', PORT: 'abc', SLACK_BOT_TOKEN: 'xoxb-1' };
      assert.equal(problemsLocale(env), 'zh-CN');
      assert.equal(problemsLocale({}), 'zh-CN');
      assert.deepStrictEqual(problemsOf(env, 'zh-CN'), [
        'PORT：必须是 0 到 65535 之间的整数（收到 "abc"）',
        '设置了 SLACK_BOT_TOKEN 时必须同时设置 SLACK_SIGNING_SECRET',
      ]);
      assert.equal(problemsLocale({ DEFAULT_LOCALE: 'en' }), 'en');
    });

    it('prints them in English when DEFAULT_LOCALE itself is wrong', () => {
      const env = { DEFAULT_LOCALE: 'fr', PORT: 'abc' };
      assert.equal(problemsLocale(env), 'en');
      assert.deepStrictEqual(problemsOf(env, problemsLocale(env)), [
        'PORT must be a whole number from 0 to 65535 (got "abc")',
        'DEFAULT_LOCALE must be one of: zh-CN, en (got "fr")',
      ]);
    });
  });

  describe('web console', () => {
    it('is off on a public address without WEB_ADMIN_PASSWORD', () => {
      assert.deepStrictEqual(revealed(configOf({ HOST: '0.0.0.0' }).web), {
        enabled: false,
        adminPassword: undefined,
        trialMode: true,
      });
    });

    it('is on, out of trial mode, on a public address with WEB_ADMIN_PASSWORD', () => {
      assert.deepStrictEqual(revealed(configOf({ HOST: '0.0.0.0', WEB_ADMIN_PASSWORD: 'pw-1' }).web), {
        enabled: true,
        adminPassword: { secret: 'pw-1' },
        trialMode: false,
      });
    });

    it('is on in trial mode on every loopback address without a password', () => {
      for (const host of ['127.0.0.1', '127.1.2.3', 'localhost', '::1']) {
        assert.deepStrictEqual(
          configOf({ HOST: host }).web,
          { enabled: true, adminPassword: undefined, trialMode: true },
          host,
        );
      }
    });
  });
});

describe('Secret', () => {
  const secret = new Secret('hunter2');

  it('prints as [secret] through String() and a template', () => {
    assert.equal(String(secret), '[secret]');
    assert.equal(`${secret}`, '[secret]');
  });

  it('serialises as [secret] through JSON.stringify', () => {
    assert.equal(JSON.stringify({ token: secret }), '{"token":"[secret]"}');
  });

  it('shows as [secret] through util.inspect, alone or nested', () => {
    assert.equal(inspect(secret), '[secret]');
    assert.ok(!inspect({ slack: { token: secret } }, { depth: 10, showHidden: true }).includes('hunter2'));
  });

  it('gives the value through reveal()', () => {
    assert.equal(secret.reveal(), 'hunter2');
  });

  it('keeps a loaded token out of the printed configuration', () => {
    const config = configOf(FULL_ENV);
    const printed = [JSON.stringify(config), inspect(config, { depth: 10 })].join('\n');
    for (const key of ['WEBHOOK_TOKEN', 'SLACK_BOT_TOKEN', 'SLACK_SIGNING_SECRET', 'DISCORD_TOKEN'] as const) {
      assert.ok(!printed.includes(FULL_ENV[key]), `${key} printed`);
    }
  });
});
