// Issue 11 (2), short form: a Zhiban process killed (SIGKILL) after the platforms took its
// messages and before its outbox marked them sent. The next process, on the same database, takes
// them over once their lock is old and sends each again: exactly one message stays on the fake
// Slack, the fake Discord and the web console, and later edits and thread lines go to it.
import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import type { Wish } from '../../support/dying-zhiban.js';
import { Harness, startZhiban } from '../../support/harness.js';
import { MovedClock } from '../../support/moved-clock.js';
import { aCard, bindChannel, waitUntilSent } from '../../support/outbox-world.js';
import { cardTitle } from '../../support/slack-user.js';

const ALERTS = { slack: 'CCRASH001', discord: '300000000000000011' };
const NEWS = { slack: 'CCRASH002', discord: '300000000000000012' };
/** One card about to be posted, one line about to go under a card shown before: on three platforms. */
const IN_FLIGHT = 6;

interface Death {
  signal: NodeJS.Signals | null;
  delivered: string[];
  stderr: string;
}

/** Runs test/support/dying-zhiban.ts on the harness's configuration; resolves once it is dead. */
function runDyingZhiban(env: Record<string, string>, wishes: Wish[], dieAfter: number): Promise<Death> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/support/dying-zhiban.ts'], {
    env: {
      ...process.env,
      ZHIBAN_TEST_ENV: JSON.stringify(env),
      ZHIBAN_WISHES: JSON.stringify(wishes),
      DIE_AFTER: String(dieAfter),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the dying Zhiban did not die within 60 s; stdout: ${stdout} stderr: ${stderr}`));
    }, 60_000);
    child.once('exit', (_code, signal) => {
      clearTimeout(timer);
      const delivered = stdout.split('\n').filter((line) => line.startsWith('delivered '));
      resolve({ signal, delivered, stderr });
    });
  });
}

describe('Outbox: a process killed between the platform’s answer and the mark', function () {
  this.timeout(120_000);
  let h: Harness;
  let clock: MovedClock | undefined;

  before(async function () {
    h = await Harness.start({
      label: 'outbox-crash',
      slack: true,
      discord: { channelIds: [ALERTS.discord, NEWS.discord] },
      env: { WEB_CONSOLE: 'on' },
    });
    for (const platform of ['slack', 'discord'] as const) {
      await bindChannel(h, platform, 'alerts', ALERTS[platform]);
      await bindChannel(h, platform, 'announcements', NEWS[platform]);
    }
  });

  after(async function () {
    await h?.stop();
    clock?.restore();
  });

  it('leaves exactly one message on Slack, Discord and the web console, and what follows goes to it', async function () {
    // A card shown before the crash, with nothing in its thread yet.
    await h.zhiban.notifier.showCard('announcements', 'upgrade:CR-B', aCard('CR-B announced'));
    await waitUntilSent(h, 'upgrade:CR-B');
    const slackB = h.slack!.messagesIn(NEWS.slack)[0]!;
    const discordB = h.discord!.posts(NEWS.discord)[0]!;
    const webB = await h.zhiban.models.WebMessage.findOne({ channelId: 'announcements' }).lean();
    assert.equal(h.slack!.calls.filter((c) => c.method.startsWith('conversations.')).length, 0, 'no lookup so far');
    await h.zhiban.stop();

    const death = await runDyingZhiban(
      h.env,
      [
        { what: 'card', kind: 'alerts', subject: 'alert:CR-A', message: aCard('CR-A firing') },
        { what: 'thread', kind: 'announcements', subject: 'upgrade:CR-B', message: aCard('CR-B step') },
      ],
      IN_FLIGHT,
    );
    assert.equal(death.signal, 'SIGKILL', `it died by SIGKILL; stderr: ${death.stderr}`);
    assert.equal(death.delivered.length, IN_FLIGHT, death.delivered.join('\n'));
    // What the platforms hold now: each message once, none of them marked sent.
    assert.equal(h.slack!.messagesIn(ALERTS.slack).length, 1);
    assert.equal(h.slack!.repliesUnder(NEWS.slack, slackB.ts).length, 1);
    assert.equal(h.discord!.posts(ALERTS.discord).length, 1);
    assert.equal(h.discord!.posts(discordB.id).length, 1, 'one line in the thread opened from the card');

    // The next process, as after a restart. Its clock moves past the dead sender's lock lifetime.
    clock = MovedClock.install();
    h.zhiban = await startZhiban(h.env, h.options);
    const { OutboxMessage, WebMessage, MessageRef } = h.zhiban.models;
    const left = await OutboxMessage.find({ subject: /^(alert:CR-A|upgrade:CR-B)$/, state: 'sending' }).lean();
    assert.equal(left.length, IN_FLIGHT, 'all six were left sending by the dead process');
    const slackCalls = h.slack!.calls.length;
    const discordCalls = h.discord!.calls.length;
    await clock.advance(61_000);
    await waitUntilSent(h, /^(alert:CR-A|upgrade:CR-B)$/, 20_000);

    const taken = await OutboxMessage.find({ _id: { $in: left.map((m) => m._id) } }).lean();
    assert.deepEqual(
      taken.map((m) => [m.state, m.attempts, m.inDoubt]),
      left.map(() => ['sent', 2, true]),
    );

    // Slack: found in the channel's history and in the thread's replies, and not posted again.
    const slackA = h.slack!.messagesIn(ALERTS.slack);
    assert.equal(slackA.length, 1, 'one card on Slack');
    assert.equal(h.slack!.repliesUnder(NEWS.slack, slackB.ts).length, 1, 'one line in the Slack thread');
    const afterRestart = h.slack!.calls.slice(slackCalls).map((c) => c.method);
    assert.deepEqual(afterRestart.sort(), ['conversations.history', 'conversations.replies']);
    assert.equal(
      (await MessageRef.findOne({ platform: 'slack', subject: 'alert:CR-A' }).lean())?.messageId,
      slackA[0]!.ts,
    );

    // Discord: created again with the same nonce, answered with the first message.
    const discordA = h.discord!.posts(ALERTS.discord);
    assert.equal(discordA.length, 1, 'one card on Discord');
    assert.equal(h.discord!.posts(discordB.id).length, 1, 'one line in the Discord thread');
    const creates = h.discord!.calls.slice(discordCalls).filter((c) => c.method === 'POST');
    assert.equal(
      creates.filter((c) => c.path.endsWith('/messages')).length,
      2,
      'the card and the line, each once more',
    );
    assert.equal(
      (await MessageRef.findOne({ platform: 'discord', subject: 'alert:CR-A' }).lean())?.messageId,
      discordA[0]!.id,
    );

    // The web console: the same message, by the outbox id.
    const webA = await WebMessage.find({ channelId: 'alerts' }).lean();
    assert.equal(webA.length, 1, 'one card on the web console');
    assert.equal(await WebMessage.countDocuments({ thread: webB!.messageId }), 1, 'one line under the web card');
    assert.equal(
      (await MessageRef.findOne({ platform: 'web', subject: 'alert:CR-A' }).lean())?.messageId,
      webA[0]!.messageId,
    );

    // What follows goes to that one card on every platform.
    await h.zhiban.notifier.showCard('alerts', 'alert:CR-A', aCard('CR-A resolved'));
    await h.zhiban.notifier.addToThread('alerts', 'alert:CR-A', aCard('CR-A line'));
    await waitUntilSent(h, 'alert:CR-A');
    assert.deepEqual(
      h.slack!.messagesIn(ALERTS.slack).map((m) => cardTitle(m)),
      ['CR-A resolved'],
    );
    assert.deepEqual(
      h.slack!.repliesUnder(ALERTS.slack, slackA[0]!.ts).map((m) => cardTitle(m)),
      ['CR-A line'],
    );
    assert.equal(h.discord!.posts(ALERTS.discord).length, 1);
    assert.match(JSON.stringify(h.discord!.message(discordA[0]!.id)), /CR-A resolved/);
    assert.match(JSON.stringify(h.discord!.posts(discordA[0]!.id)), /CR-A line/);
    const webCard = await WebMessage.findOne({ messageId: webA[0]!.messageId }).lean();
    assert.match(JSON.stringify(webCard!.message), /CR-A resolved/);
    const webLines = await WebMessage.find({ thread: webA[0]!.messageId }).lean();
    assert.deepEqual(
      webLines.map((m) => JSON.stringify(m.message).includes('CR-A line')),
      [true],
    );
  });
});
