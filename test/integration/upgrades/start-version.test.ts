// What a window starts from (found by a new user's trial): an upgrade announced while another of
// the same system was still to come starts from what the system runs when it starts, not from what
// it ran when announced; a rollback says the version the system stays on; and a version that is no
// longer newer by then (another upgrade completed since it was announced) is refused at Start.
import { strict as assert } from 'node:assert';
import { Harness } from '../../support/harness.js';
import { MovedClock } from '../../support/moved-clock.js';
import { replyText, slackCommand } from '../../support/slack-user.js';
import { announceUpgrade, HOUR, SYSOPS, typed, upgradeOf, upgradeWorld } from '../../support/upgrade-world.js';

describe('Upgrades: the version a window starts from', function () {
  this.timeout(60_000);
  let clock: MovedClock;
  let h: Harness;

  before(async function () {
    clock = MovedClock.install(new Date('2026-12-01T02:00:00Z'));
    h = await Harness.start({ label: 'upgrade-start-version', slack: true });
    await upgradeWorld(h);
  });

  after(async function () {
    await h?.stop();
    clock?.restore();
  });

  const upgrade = async (text: string) =>
    replyText((await slackCommand(h, text, { command: '/upgrade', userId: SYSOPS })).reply);
  const window = (from: Date) => `${typed(from)} ${typed(new Date(from.getTime() + HOUR))}`;

  it('starts from the version running then, says it on rollback, and refuses a start that would go backward', async function () {
    const base = new Date('2026-12-01T02:10:00Z');
    // Three announced while e-tax has no version on record: each is "newer" than nothing.
    const first = await announceUpgrade(h, `e-tax 3.0.0 ${window(base)} 三月版`);
    const second = await announceUpgrade(h, `e-tax 3.1.0 ${window(new Date(base.getTime() + 2 * HOUR))} 小版本`);
    const third = await announceUpgrade(h, `e-tax 2.9.0 ${window(new Date(base.getTime() + 4 * HOUR))} 旧分支`);
    assert.equal(second.fromVersion, undefined);

    // The first goes live.
    assert.match(await upgrade(`start ${first._id}`), new RegExp(`${first._id}：进行中`));
    await h.zhiban.models.Upgrade.updateOne({ _id: first._id }, { $set: { state: 'completed', endedAt: clock.now() } });
    await h.zhiban.models.SystemVersion.updateOne(
      { _id: 'e-tax' },
      { $set: { current: '3.0.0', since: clock.now() } },
      { upsert: true },
    );

    // The second starts from 3.0.0, and its rollback keeps it.
    await clock.moveTo(new Date(base.getTime() + 2 * HOUR - 10 * 60_000), h.zhiban);
    assert.match(await upgrade(`start ${second._id}`), new RegExp(`${second._id}：进行中`));
    assert.equal((await upgradeOf(h, second._id)).fromVersion, '3.0.0');
    // Typed again: who started it, and when.
    assert.match(
      await upgrade(`start ${second._id}`),
      new RegExp(`${second._id} 已是「进行中」：slack:${SYSOPS} 于 2026-12-01 \\d\\d:\\d\\d 操作`),
    );
    assert.match(
      await upgrade(`rollback ${second._id} 申报接口报错`),
      new RegExp(`${second._id} 已回滚：e-tax 保持 3\\.0\\.0`),
    );
    assert.equal((await h.zhiban.models.SystemVersion.findById('e-tax').lean())?.current, '3.0.0');

    // The third would take e-tax back from 3.0.0 to 2.9.0: refused, and it stays scheduled.
    await clock.moveTo(new Date(base.getTime() + 4 * HOUR - 10 * 60_000), h.zhiban);
    assert.match(
      await upgrade(`start ${third._id}`),
      new RegExp(`${third._id} 不能开始：它带来 2\\.9\\.0，而 e-tax 现在运行 3\\.0\\.0`),
    );
    assert.equal((await upgradeOf(h, third._id)).state, 'scheduled');
  });
});
