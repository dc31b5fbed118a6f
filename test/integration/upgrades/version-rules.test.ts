// A system's own version naming rule (issue 14): `/upgrade rule <system> <regex>` by sysops or pm;
// a version that does not match is refused with the rule named, one the system ran before is not
// "newer", and `default` brings semantic versioning back. Drafts are shown to their author and the
// approvers only.
import { strict as assert } from 'node:assert';
import { Harness } from '../../support/harness.js';
import { MovedClock } from '../../support/moved-clock.js';
import { replyText, slackCommand } from '../../support/slack-user.js';
import { hoursAhead, PM, SYSOPS, typed, upgradeWorld, VIEWER } from '../../support/upgrade-world.js';

describe('Upgrades: a system’s own version rule', function () {
  this.timeout(60_000);
  let clock: MovedClock;
  let h: Harness;

  before(async function () {
    clock = MovedClock.install(new Date('2026-12-01T02:00:00Z'));
    h = await Harness.start({ label: 'upgrade-rules', slack: true });
    await upgradeWorld(h);
  });

  after(async function () {
    await h?.stop();
    clock?.restore();
  });

  const upgrade = async (text: string, userId = SYSOPS) =>
    replyText((await slackCommand(h, text, { command: '/upgrade', userId })).reply);
  const window = (hours: number) => {
    const start = hoursAhead(clock.now(), hours);
    return `${typed(start)} ${typed(new Date(start.getTime() + 3_600_000))}`;
  };

  it('sets a pattern, refuses versions that do not follow it, and calls a version it ran not newer', async function () {
    assert.match(await upgrade('rule e-doc R\\d{4}\\.\\d{2}', VIEWER), /需要以下角色之一：管理员, 项目管理, 系统运维/);
    assert.match(await upgrade('rule e-doc (', PM), /「\(」不是可用的正则表达式/);
    assert.match(await upgrade('rule e-doc R\\d{4}\\.\\d{2}', PM), /e-doc 的版本今后须符合 R\\\\d\{4\}\\\\.\\\\d\{2\}/);
    assert.match(
      await upgrade(`announce e-doc 2.4.0 ${window(10)} 语义化版本`),
      /「2\.4\.0」不符合 e-doc 的命名规则：R\\\\d\{4\}\\\\.\\\\d\{2\}/,
    );
    assert.match(await upgrade(`announce e-doc R2026.12 ${window(10)} 十二月版`), /已公告 UPG-1/);
    // It went live: the registry records it, and announcing it again is not an upgrade.
    await h.zhiban.models.Upgrade.updateOne({ _id: 'UPG-1' }, { $set: { state: 'completed', endedAt: clock.now() } });
    await h.zhiban.models.SystemVersion.updateOne({ _id: 'e-doc' }, { $set: { current: 'R2026.12' } });
    assert.match(
      await upgrade(`announce e-doc R2026.12 ${window(30)} 再来`),
      /R2026\.12 不比 e-doc 当前运行的版本 R2026\.12 新/,
    );
    assert.match(await upgrade(`announce e-doc R2027.01 ${window(30)} 一月版`), /已公告 UPG-2/);
    assert.equal((await h.zhiban.models.Upgrade.findById('UPG-2').lean())?.fromVersion, 'R2026.12');
    assert.match(await upgrade('history e-doc', VIEWER), /命名规则：R\\\\d\{4\}/);
    assert.match(await upgrade('rule e-doc default', SYSOPS), /e-doc 的版本恢复为语义化版本/);
    assert.match(await upgrade('history e-doc', VIEWER), /命名规则：语义化版本/);
  });
});
