// Generated bad input for every command's argument parser (issue 18, "Bad input, generated"),
// through the real Bolt app over signed HTTP: each command of the catalog, a subcommand of its own
// or not, then arguments of awkward text (RTL marks, zero-width joiners, emoji, lone surrogates,
// NUL, very long words). The properties: Slack gets its 200; the answer comes (a message or a
// form), is never the "something went wrong" of an unexpected error, and fits Slack's limits.
import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { COMMAND_CATALOG } from '../../../src/domains/registry.js';
import { ADMIN_SLACK, Harness } from '../../support/harness.js';
import type { RecordedCall } from '../../support/fake-slack.js';
import { sendCommand } from '../../support/slack-user.js';
import { waitUntil } from '../../support/wait-until.js';

const AWKWARD = [
  '\u200f',
  '\u202e',
  '\u200d',
  '\u200b',
  '👩‍👩‍👧',
  '\ud800',
  '\u0000',
  '|',
  '\n',
  '值班',
  '"',
  '<@U1>',
  '*',
  '`',
];

/** One argument: awkward text, a number-like word, a duration-like word, an id-like word, or a very long word. */
const argument = fc.oneof(
  fc
    .array(fc.oneof(fc.constantFrom(...AWKWARD), fc.string({ unit: 'binary', maxLength: 6 })), { maxLength: 6 })
    .map((p) => p.join('')),
  fc.constantFrom(
    'P1',
    'P4',
    'INC-1',
    'INC-999999999999',
    'RST-1',
    'ALG-1',
    '-1',
    '0',
    '1e309',
    'NaN',
    '7d',
    '0h',
    '99999d',
    'en',
    'zh-CN',
    'xx',
  ),
  fc.constantFrom('@everyone', 'slack:U1', 'web:x', 'discord:1', 'sysops', 'admin', 'business', 'full=7d', 'grace=-1h'),
  fc.integer({ min: 200, max: 2_500 }).map((n) => '长'.repeat(n)),
);

// The internal-error wording of both languages (locales/*/common.json, errors.internal).
const INTERNAL = /something went wrong|处理时出了问题/;

/** Slack's limits on what Zhiban sends (Block Kit reference): 50 blocks, section 3,000, header 150, button value 2,000. */
function assertWithinSlackLimits(payload: Record<string, unknown>, context: string): void {
  const blocks = [
    ...((payload.blocks as unknown[] | undefined) ?? []),
    ...((payload.attachments as Array<{ blocks?: unknown[] }> | undefined) ?? []).flatMap((a) => a.blocks ?? []),
  ] as Array<Record<string, unknown>>;
  assert.ok(blocks.length <= 50, `${context}: ${blocks.length} blocks`);
  for (const block of blocks) {
    const text = (block.text as { text?: string } | undefined)?.text ?? '';
    if (block.type === 'header') assert.ok([...text].length <= 150, `${context}: header of ${text.length}`);
    else assert.ok([...text].length <= 3000, `${context}: ${String(block.type)} text of ${text.length}`);
    for (const element of (block.elements as Array<Record<string, unknown>> | undefined) ?? []) {
      if (typeof element.value === 'string') assert.ok(element.value.length <= 2000, `${context}: button value`);
    }
  }
}

describe('generated command input (fast-check, real Bolt over signed HTTP)', function () {
  this.timeout(180_000);
  let h: Harness;

  before(async () => {
    h = await Harness.start({ label: 'generated-commands', slack: true });
  });
  after(async () => {
    await h?.stop();
  });

  /** The answer to one command: its response_url post, or the form it opened. */
  async function answerTo(text: string, command: string, userId: string): Promise<RecordedCall | 'form'> {
    const formsBefore = h.slack!.callsTo('views.open').length;
    const http = await sendCommand(h, text, { command, userId });
    assert.equal(http.status, 200, `${command} ${text}: HTTP ${http.status}`);
    if (http.json && typeof http.json === 'object' && Object.keys(http.json).length > 0) {
      return { method: 'response', path: '', body: http.json as Record<string, unknown> } as RecordedCall;
    }
    return waitUntil(
      async () =>
        h.slack!.callsTo('response').find((c) => c.path.endsWith(`/${http.responseId}`)) ??
        (h.slack!.callsTo('views.open').length > formsBefore ? ('form' as const) : undefined),
      `an answer to ${command} ${text.slice(0, 80)}`,
    );
  }

  it('every command answers awkward arguments with a message or a form, never an internal error', async () => {
    const seen = { messages: 0, forms: 0 };
    const commands = COMMAND_CATALOG.map((c) => ({ name: `/${c.name}`, subcommands: [...c.subcommands] }));
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...commands).chain((command) =>
          fc.record({
            command: fc.constant(command.name),
            words: fc.tuple(
              fc.oneof(fc.constantFrom(...command.subcommands, ''), argument),
              fc.array(argument, { maxLength: 5 }),
            ),
            admin: fc.boolean(),
          }),
        ),
        async ({ command, words: [first, rest], admin }) => {
          const text = [first, ...rest].join(' ').slice(0, 4000);
          const answer = await answerTo(text, command, admin ? ADMIN_SLACK : 'UFUZZ0001');
          if (answer === 'form') {
            seen.forms += 1;
            return;
          }
          seen.messages += 1;
          const context = `${command} ${JSON.stringify(text).slice(0, 200)}`;
          assert.doesNotMatch(JSON.stringify(answer.body), INTERNAL, context);
          assertWithinSlackLimits(answer.body, context);
        },
      ),
      { numRuns: 250 },
    );
    // The runs reached the parsers: most answers are messages, not forms.
    assert.ok(seen.messages >= 150, JSON.stringify(seen));
  });
});
