// Twenty Start clicks at once on the same card, half of them on a second Zhiban process sharing the
// database (issue 14): one transition, one audit record, one thread line; the nineteen others are
// each told, privately, who started it. Ten overlapping announcements at once: never two announced.
import { strict as assert } from 'node:assert';
import type { Zhiban } from '../../../src/app.js';
import { cardValue } from '../../../src/chat/card-value.js';
import { Harness, SLACK_SECRET, startZhiban } from '../../support/harness.js';
import { MovedClock } from '../../support/moved-clock.js';
import { waitUntilSent } from '../../support/outbox-world.js';
import { blockAction, slashCommand } from '../../support/slack-signer.js';
import {
  ANNOUNCEMENTS_CHANNEL,
  announceUpgrade,
  hoursAhead,
  typed,
  upgradeOf,
  upgradeWorld,
} from '../../support/upgrade-world.js';
import { waitUntil } from '../../support/wait-until.js';

describe('Upgrades: twenty Start clicks at once on two processes', function () {
  this.timeout(60_000);
  let clock: MovedClock;
  let h: Harness;
  let second: Zhiban;

  before(async function () {
    clock = MovedClock.install(new Date('2026-12-01T02:00:00Z'));
    h = await Harness.start({ label: 'upgrade-parallel', slack: true });
    second = await startZhiban(h.env, h.options);
    await upgradeWorld(h);
    const people = Array.from({ length: 20 }, (_, n) => ({
      _id: `slack:USYS${String(n).padStart(6, '0')}`,
      roles: ['sysops'],
    }));
    await h.zhiban.models.UserProfile.insertMany(people);
  });

  after(async function () {
    await second?.stop();
    await h?.stop();
    clock?.restore();
  });

  it('starts the window once; the others are told who did', async function () {
    const start = hoursAhead(clock.now(), 2);
    const upgrade = await announceUpgrade(
      h,
      `e-pay 3.1.0 ${typed(start)} ${typed(new Date(start.getTime() + 3_600_000))} 并发`,
    );
    await clock.moveTo(start, h.zhiban);
    const value = cardValue(upgrade._id, upgrade.version);
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, n) =>
        blockAction(n % 2 ? h.url : second.url, SLACK_SECRET, {
          actionId: 'upgrade.start',
          value,
          userId: `USYS${String(n).padStart(6, '0')}`,
          channelId: ANNOUNCEMENTS_CHANNEL,
          messageTs: '1795140001.000200',
          responseUrl: h.slack!.responseUrl(`start${n}`),
        }),
      ),
    );
    assert.deepEqual(
      answers.map((a) => a.status),
      Array(20).fill(200),
    );
    const responses = await waitUntil(async () => {
      const said = h.slack!.calls.filter((c) => c.method === 'response' && c.path.includes('/start'));
      return said.length === 20 ? said : undefined;
    }, 'an answer to each click');
    const updated = responses.filter((r) => r.body.replace_original === true);
    const refused = responses.filter((r) => r.body.response_type === 'ephemeral');
    assert.equal(updated.length, 1, 'one click moved the card');
    assert.equal(refused.length, 19);
    const after = await upgradeOf(h, upgrade._id);
    assert.equal(after.state, 'in_progress');
    for (const answer of refused) {
      assert.match(
        JSON.stringify(answer.body),
        new RegExp(`${upgrade._id} 在你看到卡片后已被 ${after.startedBy} 改动，现在：进行中`),
      );
    }
    assert.equal(after.timeline.filter((s) => s.kind === 'started').length, 1);
    const audit = h.zhiban.models.AuditEvent;
    assert.equal(await audit.countDocuments({ objectId: upgrade._id, action: 'upgrade.in_progress' }), 1);
    await waitUntilSent(h, `upgrade:${upgrade._id}`);
    const lines = h.slack!.calls.filter(
      (c) => c.method === 'chat.postMessage' && c.body.thread_ts && /开始了 UPG-1/.test(String(c.body.text)),
    );
    assert.equal(lines.length, 1, 'one line in the thread');
  });

  it('never announces two overlapping windows of one system sent at once', async function () {
    const start = hoursAhead(clock.now(), 5);
    const end = new Date(start.getTime() + 3_600_000);
    const sent = await Promise.all(
      Array.from({ length: 10 }, (_, n) =>
        slashCommand(n % 2 ? h.url : second.url, SLACK_SECRET, {
          command: '/upgrade',
          text: `announce e-race 1.${n}.0 ${typed(start)} ${typed(end)} 同时公告 ${n}`,
          userId: 'USYS000001',
          channelId: 'CGENERAL01',
          channelName: 'general',
          responseUrl: h.slack!.responseUrl(`race${n}`),
        }),
      ),
    );
    assert.deepEqual(
      sent.map((a) => a.status),
      Array(10).fill(200),
    );
    const answers = await waitUntil(async () => {
      const said = sent.map((a, n) => {
        if (a.json && Object.keys(a.json as object).length > 0) return JSON.stringify(a.json);
        const reply = h.slack!.calls.find((c) => c.method === 'response' && c.path.endsWith(`/race${n}`));
        return reply ? JSON.stringify(reply.body) : undefined;
      });
      return said.every(Boolean) ? (said as string[]) : undefined;
    }, 'an answer to each');
    const announced = answers.filter((a) => /已公告 UPG-\d+/.test(a));
    const refused = answers.filter((a) => /e-race 在这段时间已有维护窗口/.test(a));
    assert.equal(announced.length + refused.length, 10, answers.join('\n'));
    assert.ok(announced.length <= 1, `at most one announced: ${announced.length}`);
    assert.equal(await h.zhiban.models.Upgrade.countDocuments({ system: 'e-race' }), announced.length);
  });
});
