// The router on its own: middleware order, the reader's language, and how failures turn into replies.
import { strict as assert } from 'node:assert';
import { pino } from 'pino';
import sinon from 'sinon';
import type { Actor } from '../../../src/chat/actor.js';
import type { Message } from '../../../src/chat/card.js';
import type { ActionContext, ActionInbound, AnyContext, CommandInbound, Replier } from '../../../src/chat/context.js';
import type { Form } from '../../../src/chat/form.js';
import { Router, type ActorProfile, type RouterDeps } from '../../../src/chat/router.js';
import { UserError } from '../../../src/chat/user-error.js';
import { Translator, type Locale } from '../../../src/kernel/i18n.js';
import { internalErrorMessage, userErrorMessage } from '../../../src/chat/error-message.js';
import { waitUntil } from '../../support/wait-until.js';

const translator = new Translator('zh-CN');

/** Remembers everything the router asked it to say; can be told to fail like a platform that is down. */
class RecordingReplier implements Replier {
  readonly replies: Message[] = [];
  readonly privateReplies: Message[] = [];
  readonly forms: Form[] = [];
  failPrivate = false;

  async reply(message: Message): Promise<void> {
    this.replies.push(message);
  }

  async replyPrivate(message: Message): Promise<void> {
    if (this.failPrivate) throw new Error('ephemeral delivery failed: channel_not_found');
    this.privateReplies.push(message);
  }

  async openForm(form: Form): Promise<void> {
    this.forms.push(form);
  }
}

interface LogLine {
  level: number;
  msg: string;
  reference?: string;
  name?: string;
  actor?: string;
  err?: { message: string; stack: string };
}

function aRouter(
  options: { profile?: Partial<ActorProfile>; defaultLocale?: Locale; deps?: Partial<RouterDeps> } = {},
) {
  const lines: string[] = [];
  const logger = pino({ level: 'info' }, { write: (line: string) => void lines.push(line) });
  const loadProfile = sinon
    .stub<[Actor], Promise<ActorProfile>>()
    .resolves({ locale: undefined, roles: [], ...options.profile });
  const observe = sinon.spy();
  const router = new Router({
    logger,
    loadProfile,
    defaultLocale: options.defaultLocale ?? 'zh-CN',
    translate: (locale) => translator.forLocale(locale),
    userErrorMessage,
    internalErrorMessage,
    observe,
    authorize: async () => {},
    catalog: [],
    ...options.deps,
  });
  const logs = () => lines.map((line) => JSON.parse(line) as LogLine);
  return { router, loadProfile, observe, logs };
}

function aCommand(overrides: Partial<CommandInbound> = {}): CommandInbound & { replier: RecordingReplier } {
  return {
    actor: { platform: 'slack', id: 'U1', displayName: 'alice' },
    conversation: { platform: 'slack', channelId: 'C1' },
    command: 'ops',
    text: '',
    replier: new RecordingReplier(),
    ...overrides,
  } as CommandInbound & { replier: RecordingReplier };
}

function anAction(
  actionId: string,
  overrides: Partial<ActionInbound> = {},
): ActionInbound & { replier: RecordingReplier } {
  return {
    actor: { platform: 'discord', id: '4567' },
    conversation: { platform: 'discord', channelId: '999' },
    actionId,
    value: 'INC-12',
    update: async () => {},
    replier: new RecordingReplier(),
    ...overrides,
  } as ActionInbound & { replier: RecordingReplier };
}

describe('Router', () => {
  describe('middleware', () => {
    it('runs middleware in the order added, around the handler', async () => {
      const { router } = aRouter();
      const order: string[] = [];
      router
        .use(async (_ctx, next) => {
          order.push('first in');
          await next();
          order.push('first out');
        })
        .use(async (_ctx, next) => {
          order.push('second in');
          await next();
          order.push('second out');
        })
        .command('ops', async () => {
          order.push('handler');
        });
      await router.handleCommand(aCommand());
      assert.deepStrictEqual(order, ['first in', 'second in', 'handler', 'second out', 'first out']);
    });

    it('lets a middleware stop the chain without running the handler', async () => {
      const { router, observe } = aRouter();
      const handler = sinon.spy(async () => {});
      const later = sinon.spy(async (_ctx: AnyContext, next: () => Promise<void>) => next());
      router
        .use(async (ctx) => {
          await ctx.replyPrivate({ text: 'stopped here' });
        })
        .use(later)
        .command('ops', handler);
      const inbound = aCommand();
      await router.handleCommand(inbound);
      assert.equal(handler.callCount, 0);
      assert.equal(later.callCount, 0);
      assert.deepStrictEqual(inbound.replier.privateReplies, [{ text: 'stopped here' }]);
      assert.deepStrictEqual(observe.args, [['command', 'ops', 'ok']]);
    });

    it('gives the handler the typed arguments split into words', async () => {
      const { router } = aRouter();
      let args: string[] = [];
      router.command('incident', async (ctx) => {
        args = ctx.args;
      });
      await router.handleCommand(aCommand({ command: 'incident', text: 'declare  "支付 超时" P1' }));
      assert.deepStrictEqual(args, ['declare', '支付 超时', 'P1']);
    });
  });

  describe('the reader’s language', () => {
    async function localeOf(options: { stored?: Locale; platform?: string; defaultLocale?: Locale }) {
      const { router } = aRouter({
        profile: { locale: options.stored },
        defaultLocale: options.defaultLocale ?? 'zh-CN',
      });
      let seen: { locale: Locale; source: string } | undefined;
      router.command('ops', async (ctx) => {
        seen = { locale: ctx.locale, source: ctx.localeSource };
      });
      await router.handleCommand(aCommand({ platformLocale: options.platform }));
      return seen;
    }

    it('prefers the language the reader stored over the platform’s', async () => {
      assert.deepStrictEqual(await localeOf({ stored: 'en', platform: 'zh-CN' }), { locale: 'en', source: 'stored' });
    });

    it('maps the platform’s en-US to en when nothing is stored', async () => {
      assert.deepStrictEqual(await localeOf({ platform: 'en-US' }), { locale: 'en', source: 'platform' });
    });

    it('maps the platform’s zh-TW to zh-CN when nothing is stored', async () => {
      assert.deepStrictEqual(await localeOf({ platform: 'zh-TW', defaultLocale: 'en' }), {
        locale: 'zh-CN',
        source: 'platform',
      });
    });

    it('falls back to the team default for a platform language Zhiban lacks, or none', async () => {
      assert.deepStrictEqual(await localeOf({ platform: 'fr', defaultLocale: 'en' }), {
        locale: 'en',
        source: 'default',
      });
      assert.deepStrictEqual(await localeOf({ defaultLocale: 'zh-CN' }), { locale: 'zh-CN', source: 'default' });
    });

    it('gives the handler a translator in the reader’s language', async () => {
      const { router } = aRouter({ profile: { locale: 'en' } });
      router.command('ops', async (ctx) => {
        await ctx.reply({ text: ctx.t('help.title') });
      });
      const inbound = aCommand();
      await router.handleCommand(inbound);
      assert.deepStrictEqual(inbound.replier.replies, [{ text: 'Zhiban help' }]);
    });
  });

  describe('user errors', () => {
    it('answers a UserError with one private reply: the message and the correct form, in the reader’s language', async () => {
      const { router, observe } = aRouter({ profile: { locale: 'en' } });
      router.command('ops', async () => {
        throw new UserError('errors.bad_locale', { value: 'xx' }, 'ops_lang');
      });
      const inbound = aCommand({ text: 'lang xx' });
      await router.handleCommand(inbound);
      assert.equal(inbound.replier.replies.length, 0);
      assert.equal(inbound.replier.privateReplies.length, 1);
      assert.equal(
        inbound.replier.privateReplies[0]?.text,
        'Unsupported language “xx”. Choices: zh-CN, en.\nCorrect form: /ops lang <zh-CN|en> · /ops lang channel [zh-CN|en|default]',
      );
      assert.deepStrictEqual(observe.args, [['command', 'ops', 'user_error']]);
    });

    it('answers the same UserError in Chinese to a Chinese reader', async () => {
      const { router } = aRouter({ profile: { locale: 'zh-CN' } });
      router.command('ops', async () => {
        throw new UserError('errors.bad_locale', { value: 'xx' }, 'ops_lang');
      });
      const inbound = aCommand();
      await router.handleCommand(inbound);
      const t = translator.forLocale('zh-CN');
      assert.deepStrictEqual(
        inbound.replier.privateReplies.map((m) => m.text),
        [
          `${t('errors.bad_locale', { value: 'xx' })}\n${t('errors.usage')}: /ops lang <zh-CN|en> · /ops lang channel [zh-CN|en|default]`,
        ],
      );
    });

    it('answers an unknown command with errors.unknown_command', async () => {
      const { router, observe } = aRouter({ profile: { locale: 'en' } });
      const inbound = aCommand({ command: 'nope' });
      await router.handleCommand(inbound);
      assert.equal(inbound.replier.privateReplies.length, 1);
      assert.match(inbound.replier.privateReplies[0]!.text, /^Unknown command \/nope\.\nCorrect form: \/ops help/);
      assert.deepStrictEqual(observe.args, [['command', 'nope', 'user_error']]);
    });

    it('suggests the nearest command for a typo, with that command’s correct form', async () => {
      const catalog = [
        { name: 'ops', subcommands: ['help'] },
        { name: 'incident', subcommands: ['declare'] },
        { name: 'alert', subcommands: ['list'] },
      ];
      const { router } = aRouter({ profile: { locale: 'zh-CN' }, deps: { catalog } });
      router.command('incident', async () => undefined);
      const inbound = aCommand({ command: 'incdent', text: 'declare P1 x' });
      await router.handleCommand(inbound);
      const said = inbound.replier.privateReplies[0]!.text;
      assert.match(said, /^不认识的命令 \/incdent。你是不是想输入 \/incident？/);
      assert.match(said, /正确用法: \/incident declare/);
      const far = aCommand({ command: 'weather' });
      await router.handleCommand(far);
      assert.doesNotMatch(far.replier.privateReplies[0]!.text, /你是不是想/, 'no guess when nothing is near');
    });
  });

  describe('internal errors', () => {
    it('answers an unexpected error with one private apology carrying an 8-character reference, and logs it', async () => {
      const { router, observe, logs } = aRouter({ profile: { locale: 'en' } });
      router.command('backup', async () => {
        throw new Error('connection reset by database');
      });
      const inbound = aCommand({ command: 'backup', text: 'status' });
      await router.handleCommand(inbound);

      assert.equal(inbound.replier.privateReplies.length, 1);
      const text = inbound.replier.privateReplies[0]!.text;
      const match = /^Sorry, something went wrong and it has been logged\. Reference: ([0-9a-f]{8})$/.exec(text);
      assert.ok(match, text);
      const reference = match[1];

      const errors = logs().filter((line) => line.level === 50);
      assert.equal(errors.length, 1);
      assert.equal(errors[0]?.reference, reference);
      assert.equal(errors[0]?.name, 'backup');
      assert.equal(errors[0]?.actor, 'slack:U1');
      assert.equal(errors[0]?.err?.message, 'connection reset by database');
      assert.deepStrictEqual(observe.args, [['command', 'backup', 'error']]);
    });

    it('does not throw out of handleCommand when the error reply itself cannot be delivered', async () => {
      const { router, logs } = aRouter();
      router.command('ops', async () => {
        throw new Error('boom');
      });
      const inbound = aCommand();
      inbound.replier.failPrivate = true;
      await router.handleCommand(inbound);
      const warnings = logs().filter((line) => line.level === 40);
      assert.equal(warnings.length, 1);
      assert.equal(warnings[0]?.err?.message, 'ephemeral delivery failed: channel_not_found');
    });

    it('does not throw out of handleCommand when a user-error reply cannot be delivered', async () => {
      const { router } = aRouter();
      const inbound = aCommand({ command: 'nope' });
      inbound.replier.failPrivate = true;
      await router.handleCommand(inbound);
    });

    // A database hiccup while reading the profile must not leave the person with no answer at all.
    it('answers with an apology and a reference when the reader’s profile cannot be loaded', async () => {
      const { router, loadProfile, observe, logs } = aRouter({ defaultLocale: 'en' });
      loadProfile.rejects(new Error('database unreachable'));
      const handler = sinon.spy(async () => {});
      router.command('ops', handler);
      const inbound = aCommand();
      await router.handleCommand(inbound);
      assert.equal(handler.callCount, 0);
      assert.equal(inbound.replier.privateReplies.length, 1);
      assert.match(inbound.replier.privateReplies[0]!.text, /Reference: [0-9a-f]{8}$/);
      assert.equal(logs().filter((line) => line.level === 50).length, 1);
      assert.deepStrictEqual(observe.args, [['command', 'ops', 'error']]);
    });
  });

  describe('actions', () => {
    it('routes an action to the handler registered for its exact id before its family', async () => {
      const { router } = aRouter();
      const family = sinon.spy(async () => {});
      const exact = sinon.spy(async () => {});
      router.action('incident.*', family).action('incident.ack', exact);
      await router.handleAction(anAction('incident.ack'));
      assert.equal(exact.callCount, 1);
      assert.equal(family.callCount, 0);
    });

    it('routes an action without its own handler to its family handler', async () => {
      const { router } = aRouter();
      const family = sinon.spy(async (_ctx: ActionContext) => {});
      const exact = sinon.spy(async () => {});
      router.action('incident.ack', exact).action('incident.*', family);
      await router.handleAction(anAction('incident.resolve'));
      assert.equal(family.callCount, 1);
      assert.equal(exact.callCount, 0);
      const ctx = family.firstCall.args[0];
      assert.deepStrictEqual([ctx.kind, ctx.actionId, ctx.value], ['action', 'incident.resolve', 'INC-12']);
    });

    it('answers an action nobody handles with errors.unknown_action', async () => {
      const { router, observe } = aRouter({ profile: { locale: 'en' } });
      router.action('incident.*', async () => {});
      const inbound = anAction('alert.silence');
      await router.handleAction(inbound);
      assert.deepStrictEqual(
        inbound.replier.privateReplies.map((m) => m.text),
        ['This button no longer works; open the card again.'],
      );
      assert.deepStrictEqual(observe.args, [['action', 'alert.silence', 'user_error']]);
    });

    it('lets the handler replace the clicked card through update', async () => {
      const { router } = aRouter();
      const updated: Message[] = [];
      router.action('incident.ack', async (ctx) => ctx.update({ text: 'acknowledged' }));
      await router.handleAction(anAction('incident.ack', { update: async (m) => void updated.push(m) }));
      assert.deepStrictEqual(updated, [{ text: 'acknowledged' }]);
    });
  });

  describe('a database that does not answer', () => {
    const UNAVAILABLE_EN = 'Temporarily unavailable: the database is not answering. Try again in a minute.';
    const FAST = { answerWithinMs: 20, probeMs: 10 };

    function database(available: boolean, answersProbe: boolean) {
      return { available, probe: sinon.stub<[number], Promise<boolean>>().resolves(answersProbe) };
    }

    /** A handler that waits until the test lets it go on, or fail. */
    function held() {
      let release!: () => void;
      let fail!: (error: Error) => void;
      const gate = new Promise<void>((resolve, reject) => {
        release = resolve;
        fail = reject;
      });
      return { gate, release, fail };
    }

    it('says "temporarily unavailable" at once, in the platform’s language, when it is known to be down', async () => {
      const db = database(false, false);
      const { router, observe, loadProfile } = aRouter({ deps: { database: db, deadlines: FAST } });
      const handler = sinon.spy(async () => {});
      router.action('incident.*', handler);
      const inbound = anAction('incident.ack', { platformLocale: 'en-US' });
      await router.handleAction(inbound);
      assert.deepStrictEqual(
        inbound.replier.privateReplies.map((m) => m.text),
        [UNAVAILABLE_EN],
      );
      assert.equal(handler.callCount, 0, 'nothing is tried');
      assert.equal(loadProfile.callCount, 0, 'not even the profile');
      assert.deepStrictEqual(observe.args, [['action', 'incident.ack', 'unavailable']]);
    });

    it('says so when the handler is still waiting at the deadline and a ping gets no answer either; a later failure is only logged', async () => {
      const db = database(true, false);
      const { router, observe, logs } = aRouter({ deps: { database: db, deadlines: FAST } });
      const { gate, fail } = held();
      router.command('alert', async () => gate);
      const inbound = aCommand({ command: 'alert' });
      await router.handleCommand(inbound);
      assert.deepStrictEqual(
        inbound.replier.privateReplies.map((m) => m.text),
        ['暂时无法处理：数据库没有响应。请稍后再试。'],
      );
      assert.deepStrictEqual(db.probe.args, [[10]]);
      fail(Object.assign(new Error('connection 3 to 127.0.0.1:27017 timed out'), { name: 'MongoNetworkTimeoutError' }));
      await waitUntil(async () => logs().some((l) => /after "unavailable" was said/.test(l.msg)), 'the log line');
      assert.equal(inbound.replier.privateReplies.length, 1, 'nothing more is said');
      assert.deepStrictEqual(observe.args, [['command', 'alert', 'unavailable']]);
    });

    it('still sends what a handler says when it finishes after "unavailable" was said', async () => {
      const { router } = aRouter({ deps: { database: database(true, false), deadlines: FAST } });
      const { gate, release } = held();
      router.command('alert', async (ctx) => {
        await gate;
        await ctx.reply({ text: 'done after all' });
      });
      const inbound = aCommand({ command: 'alert' });
      await router.handleCommand(inbound);
      release();
      await waitUntil(async () => inbound.replier.replies.length === 1, 'the late reply');
      assert.equal(inbound.replier.replies[0]!.text, 'done after all');
    });

    it('lets a slow handler finish when the database does answer', async () => {
      const db = database(true, true);
      const { router, observe } = aRouter({ deps: { database: db, deadlines: FAST } });
      const { gate, release } = held();
      router.command('alert', async (ctx) => {
        await gate;
        await ctx.replyPrivate({ text: 'slow but fine' });
      });
      const inbound = aCommand({ command: 'alert' });
      const handled = router.handleCommand(inbound);
      await waitUntil(async () => db.probe.callCount === 1, 'the probe');
      release();
      await handled;
      assert.deepStrictEqual(
        inbound.replier.privateReplies.map((m) => m.text),
        ['slow but fine'],
      );
      assert.deepStrictEqual(observe.args, [['command', 'alert', 'ok']]);
    });

    it('says "temporarily unavailable", not "something went wrong", for the driver’s no-server error', async () => {
      const { router, observe, logs } = aRouter({ profile: { locale: 'en' } });
      router.command('alert', async () => {
        throw Object.assign(new Error('Server selection timed out after 5000 ms'), {
          name: 'MongoServerSelectionError',
        });
      });
      const inbound = aCommand({ command: 'alert' });
      await router.handleCommand(inbound);
      assert.deepStrictEqual(
        inbound.replier.privateReplies.map((m) => m.text),
        [UNAVAILABLE_EN],
      );
      assert.deepStrictEqual(observe.args, [['command', 'alert', 'unavailable']]);
      assert.equal(logs().filter((line) => line.level >= 50).length, 0, 'no error logged: it is not a fault of ours');
    });
  });
});
