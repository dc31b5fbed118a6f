// The console's channels stay about their cards: a typed command's echo and its private answers
// fade from the channel's view (kept in the person's direct messages), a refused command is answered
// by the command box alone, a form that is cancelled leaves nothing; and a channel that shows
// nothing yet says what is on its way (an alert group in its group wait, messages in the outbox).
import { strict as assert } from 'node:assert';
import type { PendingPage } from '../../../src/chat/web/api-types.js';
import { anAlert, sendAlerts } from '../../support/alert-sender.js';
import { Harness } from '../../support/harness.js';
import { waitUntil } from '../../support/wait-until.js';
import { WebUser } from '../../support/web-user.js';

const FADE_MS = 1500;

describe('Web console: private messages and what is pending', function () {
  this.timeout(30_000);
  let h: Harness;
  let alice: WebUser;

  before(async function () {
    h = await Harness.start({
      label: 'web-quiet',
      env: { WEB_CONSOLE: 'on', ALERT_GROUP_WAIT: '1h' },
      options: { web: { feed: { pollMs: 100 }, heartbeatMs: 300, privateFadeMs: FADE_MS } },
    });
    alice = await WebUser.signIn(h.url, 'alice');
  });

  after(async function () {
    await h?.stop();
  });

  it('tells the page how long private messages stay in a channel', function () {
    assert.equal(alice.me?.privateFadeMs, FADE_MS);
  });

  it('shows a command and its private answer in the channel for a while, and keeps them in direct messages', async function () {
    const answer = await alice.command('reports', '/ops whoami');
    assert.equal(answer.status, 200);
    assert.equal(answer.body.refused, undefined);
    const inChannel = (await alice.history('reports')).body.messages;
    assert.deepEqual(
      inChannel.map((m) => [Boolean(m.author), m.private]),
      [
        [true, true],
        [false, true],
      ],
      'the echo first, then the answer, both private',
    );
    assert.equal(inChannel[0]!.message.text, '/ops whoami');
    const direct = (await alice.history('dm:alice')).body.messages;
    assert.deepEqual(
      direct.map((m) => [m.message.text === '/ops whoami', m.origin]),
      [
        [true, 'reports'],
        [false, 'reports'],
      ],
    );
    await waitUntil(
      async () => (await alice.history('reports')).body.messages.length === 0,
      'the private messages faded from the channel',
    );
    assert.equal((await alice.history('dm:alice')).body.messages.length, 2, 'still in direct messages');
  });

  it('answers a refused command to the command box, keeping the channel clean, and records it in direct messages', async function () {
    const before = (await alice.history('dm:alice')).body.messages.length;
    const title = '长'.repeat(420);
    const answer = await alice.command('incidents', `/incident declare P2 technical ${title}`);
    assert.equal(answer.status, 200);
    assert.ok(answer.body.refused?.text, 'the refusal comes back to the page');
    assert.deepEqual((await alice.history('incidents')).body.messages, [], 'nothing in the channel');
    const direct = (await alice.history('dm:alice')).body.messages.slice(before);
    assert.equal(direct.length, 2, 'what was typed and the refusal');
    assert.equal(direct[0]!.message.text, `/incident declare P2 technical ${title}`);
    assert.equal(direct[1]!.message.text, answer.body.refused!.text);
    assert.ok(direct.every((m) => m.origin === 'incidents'));
    assert.equal(await h.zhiban.models.Incident.countDocuments(), 0, 'nothing declared');
  });

  it('answers a refused click under its card and keeps a copy in direct messages', async function () {
    await alice.command('incidents', '/incident declare P3 routine 证照打印模糊');
    const card = await waitUntil(async () => {
      const { body } = await alice.history('incidents');
      return body.messages.find((m) => !m.thread && /证照打印模糊/.test(m.message.cards?.[0]?.title ?? ''));
    }, 'the card');
    const id = /INC-\d+/.exec(card.message.cards![0]!.title)![0];
    assert.equal((await alice.click(card.id, 'incident.ack', id)).status, 200);
    const underCard = (await alice.history('incidents')).body.messages.filter((m) => m.thread === card.id && m.private);
    assert.equal(underCard.length, 1);
    assert.match(underCard[0]!.message.text, /需要以下角色之一/);
    const copy = (await alice.history('dm:alice')).body.messages.at(-1)!;
    assert.equal(copy.message.text, underCard[0]!.message.text);
    assert.equal(copy.origin, 'incidents');
    assert.equal(copy.thread, undefined, 'a copy stands alone in direct messages');
  });

  it('stores nothing for a command that only opens a form', async function () {
    const count = await h.zhiban.models.WebMessage.countDocuments();
    const opened = await alice.command('incidents', '/incident');
    assert.equal(opened.body.form?.id, 'incident.declare');
    assert.equal(await h.zhiban.models.WebMessage.countDocuments(), count, 'a cancelled form leaves no echo');
  });

  it('says an alert group is in its group wait, in the channel its card will go to, and when it is due', async function () {
    const empty = await alice.call<PendingPage>('GET', '/api/pending');
    assert.deepEqual(empty.body.pending, {});
    const sentAt = Date.now();
    await sendAlerts(h, anAlert('DiskFull', 'db-1'));
    const { body } = await alice.call<PendingPage>('GET', '/api/pending');
    assert.deepEqual(Object.keys(body.pending), ['alerts']);
    assert.equal(body.pending.alerts!.alertGroups, 1);
    assert.equal(body.pending.alerts!.queued, 0);
    const due = Date.parse(body.pending.alerts!.dueAt!) - sentAt;
    assert.ok(due > 3_590_000 && due < 3_610_000, `due ALERT_GROUP_WAIT (1h) after it came: ${due} ms`);
  });

  it('counts messages the outbox has not yet shown in a channel', async function () {
    const now = new Date();
    // A post the sender will retry later, as after a failed attempt.
    await h.zhiban.models.OutboxMessage.create({
      platform: 'web',
      channelId: 'backups',
      channelKey: 'web:backups',
      subject: 'test:later',
      op: 'post',
      message: { text: 'later' },
      state: 'pending',
      attempts: 1,
      notBefore: new Date(now.getTime() + 3_600_000),
      createdAt: now,
    });
    const { body } = await alice.call<PendingPage>('GET', '/api/pending');
    assert.deepEqual(body.pending.backups, { queued: 1, alertGroups: 0 });
  });
});
