// The web console across restarts and processes: history is in the database, and a browser served
// by one process sees live what another process wrote; a reconnecting browser gets what it missed.
import { strict as assert } from 'node:assert';
import type { Zhiban } from '../../../src/app.js';
import { Harness, startZhiban } from '../../support/harness.js';
import { waitUntil } from '../../support/wait-until.js';
import { WebUser } from '../../support/web-user.js';

const FAST_WEB = { web: { feed: { pollMs: 100 }, heartbeatMs: 300 } };

describe('Web console: live across processes', function () {
  this.timeout(30_000);
  let h: Harness;
  let admin: WebUser;
  let alice: WebUser;

  before(async function () {
    h = await Harness.start({ label: 'web-live', env: { WEB_CONSOLE: 'on' }, options: FAST_WEB });
    admin = await WebUser.signIn(h.url, 'admin');
    alice = await WebUser.signIn(h.url, 'alice');
    await alice.command('incidents', '/incident declare P3 routine 重启前申报的事件');
    await waitUntil(
      async () =>
        (await alice.history('incidents')).body.messages.some((m) => /重启前/.test(m.message.cards?.[0]?.title ?? '')),
      'the card before the restart',
    );
  });

  after(async function () {
    await h?.stop();
  });

  it('keeps the history across a restart, and streams what another process writes', async function () {
    const before = (await alice.history('incidents')).body.messages.length;
    await h.restart();
    const again = new WebUser(h.url);
    again.cookie = alice.cookie;
    assert.equal((await again.history('incidents')).body.messages.length, before, 'same session, same history');

    let other: Zhiban | undefined;
    try {
      other = await startZhiban({ ...h.env }, FAST_WEB);
      const onOther = new WebUser(other.url);
      onOther.cookie = alice.cookie;
      onOther.csrf = alice.csrf;
      const stream = await onOther.stream();
      await waitUntil(async () => stream.events.some((e) => e.event === 'ready'), 'the stream to be ready');
      const adminAgain = new WebUser(h.url);
      adminAgain.cookie = admin.cookie;
      adminAgain.csrf = admin.csrf;
      await adminAgain.command('incidents', '/incident declare P4 routine 另一进程写入的事件');
      const seen = await waitUntil(
        async () => stream.messages().find((m) => /另一进程写入的事件/.test(m.message.cards?.[0]?.title ?? '')),
        'the card on the other process’s stream',
      );
      assert.equal(seen.channelId, 'incidents');
      const lastId = stream.events.filter((e) => e.id).at(-1)!.id!;
      stream.close();
      const resumed = await onOther.stream(lastId);
      await waitUntil(async () => resumed.events.some((e) => e.event === 'ready'), 'the resumed stream');
      assert.ok(
        resumed.messages().some((m) => m.id === seen.id),
        'a reconnecting browser is sent what it may have missed',
      );
      resumed.close();
    } finally {
      await other?.stop();
    }
  });
});
