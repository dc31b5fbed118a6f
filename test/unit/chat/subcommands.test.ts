// Picking the subcommand a person typed, and the coded errors when there is none or it is unknown.
import { strict as assert } from 'node:assert';
import sinon from 'sinon';
import type { CommandContext } from '../../../src/chat/context.js';
import { dispatchSubcommand, type Subcommand } from '../../../src/chat/subcommands.js';
import { UserError } from '../../../src/chat/user-error.js';

function aCommandContext(args: string[] = []): CommandContext {
  return {
    kind: 'command',
    command: 'ops',
    text: args.join(' '),
    args,
    actor: { platform: 'web', id: 'alice' },
    actorKey: 'web:alice',
    conversation: { platform: 'web', channelId: 'general' },
    locale: 'en',
    localeSource: 'default',
    t: (key) => key,
    roles: new Set(),
    authorize: async () => {},
    reply: async () => {},
    replyPrivate: async () => {},
    openForm: async () => {},
  };
}

function aTable() {
  const help = sinon.spy<Subcommand>(async () => {});
  const lang = sinon.spy<Subcommand>(async () => {});
  return { help, lang, table: { help, lang } as Record<string, Subcommand> };
}

const OPTIONS = { name: 'ops', usage: 'ops' };

function isUserError(code: string, params: Record<string, unknown>, usageOf: string | undefined) {
  return (error: unknown) => {
    assert.ok(error instanceof UserError, `expected a UserError, got ${String(error)}`);
    assert.deepStrictEqual(
      { code: error.code, params: error.params, usageOf: error.usageOf },
      { code, params, usageOf },
    );
    return true;
  };
}

describe('dispatchSubcommand', () => {
  it('runs the subcommand typed, with the words after it', async () => {
    const { help, lang, table } = aTable();
    const ctx = aCommandContext(['lang', 'en']);
    await dispatchSubcommand(ctx, ctx.args, table, OPTIONS);
    assert.equal(help.callCount, 0);
    assert.equal(lang.callCount, 1);
    assert.equal(lang.firstCall.args[0], ctx);
    assert.deepStrictEqual(lang.firstCall.args[1], ['en']);
  });

  it('matches the subcommand whatever its case', async () => {
    const { lang, table } = aTable();
    const ctx = aCommandContext(['LaNg', 'zh-CN']);
    await dispatchSubcommand(ctx, ctx.args, table, OPTIONS);
    assert.equal(lang.callCount, 1);
    assert.deepStrictEqual(lang.firstCall.args[1], ['zh-CN']);
  });

  it('runs whenEmpty when nothing was typed', async () => {
    const { help, lang, table } = aTable();
    const whenEmpty = sinon.spy<Subcommand>(async () => {});
    const ctx = aCommandContext();
    await dispatchSubcommand(ctx, [], table, { ...OPTIONS, whenEmpty });
    assert.equal(whenEmpty.callCount, 1);
    assert.deepStrictEqual(whenEmpty.firstCall.args, [ctx, []]);
    assert.equal(help.callCount + lang.callCount, 0);
  });

  it('refuses a missing subcommand with errors.missing_subcommand and the usage', async () => {
    const { table } = aTable();
    await assert.rejects(
      dispatchSubcommand(aCommandContext(), [], table, { name: 'ops channel', usage: 'ops_channel' }),
      isUserError('errors.missing_subcommand', { command: 'ops channel' }, 'ops_channel'),
    );
  });

  it('refuses an unknown subcommand with errors.unknown_subcommand and the usage', async () => {
    const { help, lang, table } = aTable();
    await assert.rejects(
      dispatchSubcommand(aCommandContext(), ['frobnicate', 'now'], table, OPTIONS),
      isUserError('errors.unknown_subcommand', { command: 'ops', sub: 'frobnicate' }, 'ops'),
    );
    assert.equal(help.callCount + lang.callCount, 0);
  });

  it('quotes at most 40 characters of an unknown subcommand, cut on a whole character and marked …', async () => {
    const { table } = aTable();
    const typed = `${'a'.repeat(40)}${'b'.repeat(60)}`;
    await assert.rejects(
      dispatchSubcommand(aCommandContext(), [typed], table, OPTIONS),
      isUserError('errors.unknown_subcommand', { command: 'ops', sub: `${'a'.repeat(39)}…` }, 'ops'),
    );
    await assert.rejects(
      dispatchSubcommand(aCommandContext(), ['🔥'.repeat(30)], table, OPTIONS),
      isUserError('errors.unknown_subcommand', { command: 'ops', sub: `${'🔥'.repeat(19)}…` }, 'ops'),
    );
  });

  for (const name of ['__proto__', 'constructor', 'toString', 'hasOwnProperty', '__PROTO__']) {
    it(`treats ${name}, a name every object inherits, as an unknown subcommand`, async () => {
      const { table } = aTable();
      await assert.rejects(
        dispatchSubcommand(aCommandContext(), [name], table, OPTIONS),
        isUserError('errors.unknown_subcommand', { command: 'ops', sub: name }, 'ops'),
      );
    });
  }
});
