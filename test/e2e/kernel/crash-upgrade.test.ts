// Issue 18, fault 2, fast form (the upgrade's half): a process killed by SIGKILL right after it
// announced an upgrade, before any of its reminders was due. The upgrade is announced in a Zhiban of
// its own process, which is killed as soon as it has answered; a new one starts on the same
// database and the clock moves past the reminders (24 h and 1 h before, and the opening): each is
// said once, in the card's thread, and the card is posted once. Then the same once the window has
// opened: Start is clicked in another process of its own (its clock where the test's is), killed as
// soon as it has answered, and after the restart each overrun reminder (every 15 minutes past the
// window's end) is said once.
import { strict as assert } from 'node:assert';
import { Harness, startZhiban } from '../../support/harness.js';
import { KillableZhiban } from '../../support/killable-child.js';
import { MovedClock, untilIdle } from '../../support/moved-clock.js';
import { UPGRADE_SWEEP_EVERY_MS } from '../../../jobs/upgrades/sweep.js';
import { cardValue } from '../../../src/chat/card-value.js';
import { slackClick, slackCommand } from '../../support/slack-user.js';
import {
  ANNOUNCEMENTS_CHANNEL,
  DAY,
  HOUR,
  hoursAhead,
  SYSOPS,
  typed,
  upgradeOf,
  upgradeWorld,
} from '../../support/upgrade-world.js';

const MINUTE = 60_000;
/** Past the longest lock the killed process may have held: the upgrade sweep's Agenda lock (5 min). */
const STALE_LOCKS_MS = 6 * MINUTE;

describe('A process killed right after it announced an upgrade, and right after its Start', function () {
  this.timeout(120_000);
  let clock: MovedClock;
  let h: Harness;
  let child: KillableZhiban | undefined;

  before(async function () {
    clock = MovedClock.install();
    h = await Harness.start({ label: 'crash-upgrade', slack: true });
    await upgradeWorld(h);
  });

  after(async function () {
    await child?.kill();
    await h?.stop();
    clock?.restore();
  });

  /** Posts in announcements: cards (no thread) or lines in a thread, whose body matches. */
  const posts = (text: RegExp, inThread: boolean) =>
    h
      .slack!.callsTo('chat.postMessage')
      .filter(
        (c) =>
          c.body.channel === ANNOUNCEMENTS_CHANNEL &&
          Boolean(c.body.thread_ts) === inThread &&
          text.test(JSON.stringify(c.body)),
      );

  it('says each reminder once, in the card’s thread, after each restart: 24 h, 1 h, the opening, every overrun step', async function () {
    const start = hoursAhead(clock.now(), 30);
    const end = new Date(start.getTime() + 2 * HOUR);
    await h.zhiban.stop();
    child = await KillableZhiban.start(h.env);
    const { reply } = await slackCommand(
      { url: child.url, slack: h.slack } as Harness,
      `announce e-pay 2.4.0 ${typed(start)} ${typed(end)} 缴费服务升级到 2.4`,
      { command: '/upgrade', userId: SYSOPS },
    );
    const id = /UPG-\d+/.exec(JSON.stringify(reply))?.[0];
    assert.ok(id, `announced: ${JSON.stringify(reply).slice(0, 300)}; its log: ${child.stderr.slice(-1000)}`);
    await child.kill();
    child = undefined;

    h.zhiban = await startZhiban(h.env, h.options);
    assert.equal((await upgradeOf(h, id)).state, 'scheduled');
    // Not quietOn: what the killed process held (a job, a message being sent) stays locked until
    // its lock ages out; the new process then takes it over.
    await clock.moveTo(new Date(clock.now().getTime() + STALE_LOCKS_MS));
    await untilIdle(h.zhiban);
    for (const at of [start.getTime() - DAY, start.getTime() - HOUR, start.getTime(), start.getTime() + 10 * MINUTE]) {
      await clock.settleAt(new Date(at), h.zhiban);
    }
    const reminded = (await upgradeOf(h, id)).timeline.filter((s) => s.kind === 'reminded').map((s) => s.reminder);
    assert.deepEqual(reminded, ['day', 'hour', 'open'], 'each reminder once');
    assert.deepEqual(
      {
        card: posts(new RegExp(`${id} · `), false).length,
        day: posts(new RegExp(`${id}）24 小时后进行`), true).length,
        hour: posts(new RegExp(`${id}）1 小时后进行`), true).length,
        open: posts(new RegExp(`${id} 的窗口已开始`), true).length,
      },
      { card: 1, day: 1, hour: 1, open: 1 },
    );

    // Start, clicked in a process killed as soon as it has answered.
    const { version } = await upgradeOf(h, id);
    await h.zhiban.stop();
    child = await KillableZhiban.start(h.env, clock.now());
    await slackClick({ url: child.url, slack: h.slack } as Harness, 'upgrade.start', cardValue(id, version), {
      userId: SYSOPS,
      channelId: ANNOUNCEMENTS_CHANNEL,
    });
    await child.kill();
    child = undefined;
    h.zhiban = await startZhiban(h.env, h.options);
    assert.equal((await upgradeOf(h, id)).state, 'in_progress');
    await clock.moveTo(new Date(clock.now().getTime() + STALE_LOCKS_MS));
    await untilIdle(h.zhiban);
    const overruns = [0, 1, 2].map((n) => end.getTime() + n * 15 * MINUTE + UPGRADE_SWEEP_EVERY_MS);
    for (const at of overruns) await clock.settleAt(new Date(at), h.zhiban);
    // One reminder per 15-minute step past the end, each said once.
    const overrun = posts(new RegExp(`${id} 在窗口结束`), true).map((c) => String(c.body.text));
    assert.equal(overrun.length, 3, overrun.join('\n'));
    assert.equal(new Set(overrun).size, 3, `each step once: ${overrun.join('\n')}`);
    const remindedLater = (await upgradeOf(h, id)).timeline.filter((s) => s.kind === 'reminded').map((s) => s.reminder);
    assert.deepEqual(remindedLater, ['day', 'hour', 'open', 'overrun', 'overrun', 'overrun']);
  });
});
