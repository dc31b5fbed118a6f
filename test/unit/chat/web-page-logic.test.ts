// The page's own logic, without a browser: completion in the command box, and the message store
// that keeps the newest version of each message whatever order the stream and history deliver them.
import { strict as assert } from 'node:assert';
import type { CommandView, WebMessageView } from '../../../src/chat/web/api-types.js';
import { suggestions } from '../../../web/completion.js';
import { MessageStore } from '../../../web/message-store.js';

const COMMANDS: CommandView[] = [
  {
    name: 'incident',
    description: 'Incidents',
    available: true,
    subcommands: [
      { name: 'declare', description: 'Declare' },
      { name: 'list', description: 'List' },
    ],
  },
  { name: 'ops', description: 'Zhiban itself', available: true, subcommands: [{ name: 'help', description: 'Help' }] },
];

function aMessage(overrides: Partial<WebMessageView>): WebMessageView {
  return {
    id: 'm1',
    channelId: 'incidents',
    message: { text: 'hello' },
    version: 1,
    createdAt: '2026-11-25T10:00:00.000Z',
    updatedAt: '2026-11-25T10:00:00.000Z',
    ...overrides,
  };
}

describe('web page: command completion', () => {
  it('offers the commands that start with what was typed', () => {
    assert.deepEqual(
      suggestions('/', COMMANDS).map((s) => s.text),
      ['/incident ', '/ops '],
    );
    assert.deepEqual(
      suggestions('/IN', COMMANDS).map((s) => s.text),
      ['/incident '],
    );
  });

  it('offers the subcommands once the command is typed', () => {
    assert.deepEqual(
      suggestions('/incident ', COMMANDS).map((s) => s.text),
      ['/incident declare ', '/incident list '],
    );
    assert.deepEqual(
      suggestions('/incident d', COMMANDS).map((s) => [s.text, s.description]),
      [['/incident declare ', 'Declare']],
    );
  });

  it('offers nothing past the subcommand, for an unknown command, or for plain text', () => {
    assert.deepEqual(suggestions('/incident declare P1 ', COMMANDS), []);
    assert.deepEqual(suggestions('/incident declare', COMMANDS), []);
    assert.deepEqual(suggestions('/nothing ', COMMANDS), []);
    assert.deepEqual(suggestions('hello', COMMANDS), []);
  });
});

describe('web page: message store', () => {
  it('keeps the highest version of a message, whatever order they arrive in', () => {
    const store = new MessageStore();
    assert.equal(store.upsert([aMessage({ version: 2, message: { text: 'edited' } })]).length, 1);
    assert.equal(store.upsert([aMessage({ version: 1 })]).length, 0);
    assert.equal(store.channel('incidents').cards[0]!.message.text, 'edited');
  });

  it('puts replies under their card, in time order, and cards in time order', () => {
    const store = new MessageStore();
    store.upsert([
      aMessage({ id: 'r2', thread: 'c1', createdAt: '2026-11-25T10:02:00.000Z' }),
      aMessage({ id: 'c2', createdAt: '2026-11-25T10:03:00.000Z' }),
      aMessage({ id: 'c1', createdAt: '2026-11-25T10:00:00.000Z' }),
      aMessage({ id: 'r1', thread: 'c1', createdAt: '2026-11-25T10:01:00.000Z' }),
      aMessage({ id: 'x', channelId: 'alerts' }),
    ]);
    const view = store.channel('incidents');
    assert.deepEqual(
      view.cards.map((c) => c.id),
      ['c1', 'c2'],
    );
    assert.deepEqual(
      view.replies.get('c1')!.map((r) => r.id),
      ['r1', 'r2'],
    );
  });
});
