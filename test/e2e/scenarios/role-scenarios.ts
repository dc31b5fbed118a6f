// `/ops role` and `/ops audit` as people use them, written once and run on Slack, Discord and the web console.
import { strict as assert } from 'node:assert';
import { localDay, parseLocalDay } from '../../../src/kernel/calendar.js';
import type { Harness } from '../../support/harness.js';
import { WebUser } from '../../support/web-user.js';
import type { ChatDriver } from './chat-driver.js';
import type { ClockOf } from './every-platform.js';

/** The harness's TIMEZONE (the default). */
const ZONE = 'Asia/Shanghai';
/** How each platform is named in the trail, in English and in Chinese. */
const PLATFORM_NAMES = {
  slack: ['Slack', 'Slack'],
  discord: ['Discord', 'Discord'],
  web: ['web console', '网页控制台'],
  feishu: ['Feishu', '飞书'],
};

/**
 * Where the suite's clock starts: 22:00 tomorrow in TIMEZONE, so what it does first falls on one
 * day and the clock can then be moved a little past midnight, onto the next. (Ahead of real time,
 * so a database that enforces TTL indexes by its own clock expires nothing early.)
 */
export function lateTomorrow(): Date {
  const tomorrow = parseLocalDay(localDay(new Date(Date.now() + 86_400_000), ZONE), ZONE)!;
  return new Date(tomorrow.end.getTime() - 2 * 3600_000);
}

export function roleScenarios(driver: ChatDriver, h: () => Harness, clockOf: ClockOf): void {
  const { platform, admin } = driver;
  const [enVia, zhVia] = PLATFORM_NAMES[platform];
  const alice = driver.user(1);
  const bob = driver.user(2);
  const carol = driver.user(3);
  const key = (id: string) => `${platform}:${id}`;
  const models = () => h().zhiban.models;
  const roles = async (id: string) => (await models().UserProfile.findById(key(id)).lean())?.roles ?? [];
  const events = (filter: Record<string, unknown>) => models().AuditEvent.find(filter).lean();

  it('lets an admin grant a role by mention, privately, recording before → after', async function () {
    const said = await driver.ops(admin, `role grant ${driver.mention(alice)} pm`);
    assert.equal(said.private, true);
    assert.match(said.text, new RegExp(`${key(alice)} 现在拥有「pm \\(项目管理\\)」角色`));
    assert.deepStrictEqual(await roles(alice), ['pm']);
    const [event] = await events({ action: 'role.grant', objectId: key(alice) });
    assert.equal(event?.actor, key(admin));
    assert.equal(event?.via, platform);
    assert.deepStrictEqual([event?.before, event?.after], [{ roles: [] }, { roles: ['pm'] }]);
  });

  it('says so when the role is already held, and changes and records nothing', async function () {
    const said = await driver.ops(admin, `role grant ${key(alice)} pm`);
    assert.match(said.text, /已经拥有「pm \(项目管理\)」角色，没有改动/);
    assert.equal((await events({ action: 'role.grant', objectId: key(alice) })).length, 1);
  });

  it('lists everyone with a role, and one person’s roles', async function () {
    const all = await driver.ops(admin, 'role list');
    assert.equal(all.private, true);
    assert.match(all.text, new RegExp(`${key(alice)}：pm \\(项目管理\\)`));
    assert.match(all.text, new RegExp(`${key(admin)}：admin \\(配置指定的管理员\\)`));
    const one = await driver.ops(admin, `role list ${alice}`);
    assert.match(one.text, new RegExp(`${key(alice)} 的角色`));
    assert.match(one.text, /pm \(项目管理\)/);
  });

  it('revokes a role, and says when there is nothing to revoke', async function () {
    await driver.ops(admin, `role grant ${alice} sysops`);
    const said = await driver.ops(admin, `role revoke ${driver.mention(alice)} sysops`);
    assert.match(said.text, /不再拥有「sysops \(系统运维\)」角色/);
    assert.deepStrictEqual(await roles(alice), ['pm']);
    const again = await driver.ops(admin, `role revoke ${alice} sysops`);
    assert.match(again.text, /没有「sysops \(系统运维\)」角色，没有改动/);
    assert.equal((await events({ action: 'role.revoke', objectId: key(alice) })).length, 1);
  });

  it('will not revoke an admin of ADMIN_USERS in chat', async function () {
    const said = await driver.ops(admin, `role revoke ${admin} admin`);
    assert.equal(said.private, true);
    assert.match(said.text, /管理员身份来自配置（ADMIN_USERS），不能在聊天中撤销/);
    const whoami = await driver.ops(admin, 'whoami');
    assert.match(whoami.text, /admin \(管理员\)/);
  });

  it('refuses a non-admin privately, saying which role, changing nothing, and records the refusal', async function () {
    const before = await models().AuditEvent.countDocuments({ outcome: 'done' });
    const said = await driver.ops(bob, `role grant ${bob} admin`);
    assert.equal(said.private, true);
    assert.match(said.text, /需要以下角色之一：管理员。请联系管理员/);
    assert.deepStrictEqual(await roles(bob), []);
    assert.equal(await models().AuditEvent.countDocuments({ outcome: 'done' }), before);
    const [refusal] = await events({ outcome: 'refused', actor: key(bob) });
    assert.equal(refusal?.action, 'ops.role_manage');
    assert.equal(refusal?.objectId, key(bob));
    assert.equal(refusal?.reason, 'needs one of: admin');
    assert.equal(refusal?.reasonCode, 'needs_role', 'and as a code any language can say');
    assert.deepStrictEqual(refusal?.reasonParams, { roles: ['admin'] });
    assert.equal(refusal?.via, platform);
    const pm = await driver.ops(alice, `role revoke ${alice} pm`);
    assert.match(pm.text, /需要以下角色之一：管理员/, 'project management cannot manage roles either');
  });

  it('answers bad input privately with the correct form, and changes nothing', async function () {
    const stored = await models().UserProfile.countDocuments();
    const missing = await driver.ops(admin, 'role grant');
    assert.equal(missing.private, true);
    assert.match(missing.text, /请说明是谁/);
    assert.match(missing.text, /正确用法.*\/ops role grant/);
    const noRole = await driver.ops(admin, `role grant ${carol}`);
    assert.match(noRole.text, /请说明哪个角色。可选角色：admin, pm, sysops/);
    const unknown = await driver.ops(admin, `role grant ${carol} wizard`);
    assert.match(unknown.text, /不认识的角色「wizard」。可选角色：admin, pm, sysops, secops, dataops, support/);
    const huge = await driver.ops(admin, `role grant ${'x'.repeat(driver.longArgument)} pm`);
    assert.match(huge.text, /无法识别「x{39}…」是谁/);
    assert.ok(huge.text.length < 4000, 'the oversized argument is not echoed back');
    assert.doesNotMatch(huge.text, /x{41}/, 'only its first 40 characters are quoted');
    for (const bad of ['<@&300000000000000001>', '<#C0123|general>', '<@U123', 'teams:U1']) {
      const said = await driver.ops(admin, `role grant ${bad} pm`);
      assert.match(said.text, /无法识别「.*」是谁/, bad);
    }
    const sub = await driver.ops(admin, 'role promote');
    assert.match(sub.text, /\/ops role 没有「promote」这个子命令/);
    assert.equal(await models().UserProfile.countDocuments(), stored);
  });

  it('shows an object’s history with /ops audit in the reader’s language, newest last', async function () {
    await driver.ops(admin, 'lang en');
    const en = await driver.ops(admin, `audit ${key(alice)}`).finally(() => driver.ops(admin, 'lang zh-CN'));
    assert.equal(en.private, true);
    assert.match(en.text, new RegExp(`History of ${key(alice)}`));
    assert.match(en.text, /\d{4}-\d\d-\d\d \d\d:\d\d/);
    assert.match(en.text, new RegExp(`grant a role · roles: — → project management · via ${enVia}`));
    assert.match(en.text, /revoke a role · roles: project management, system ops → project management/);
    assert.match(en.text, /manage roles \(refused\) · reason: needs one of: admin/);
    assert.ok(en.text.indexOf('grant a role') < en.text.indexOf('revoke a role'), 'oldest first');
    assert.match(en.text, /times in Asia\/Shanghai/);
    // Project management may read the trail too, here in Chinese, and by mention.
    const zh = await driver.ops(alice, `audit ${driver.mention(alice)}`);
    assert.match(zh.text, new RegExp(`${key(alice)} 的操作记录`));
    assert.match(zh.text, /分配角色 · 角色：— → 项目管理/);
    assert.match(zh.text, /管理角色 \(被拒绝\) · 原因：需要以下角色之一：管理员/, 'the reason in Chinese too');
    assert.match(zh.text, new RegExp(`来自 ${zhVia}`));
    assert.doesNotMatch(zh.text, /role\.grant|roles: |needs one of|audit_cmd/, 'no raw keys or English');
  });

  it('answers /ops audit for an unknown id with “no records”, and refuses it without the role', async function () {
    const none = await driver.ops(admin, 'audit inc-999');
    assert.match(none.text, /没有 INC-999 的记录/);
    const missing = await driver.ops(admin, 'audit');
    assert.match(missing.text, /请说明要查看什么：一个对象/);
    const refused = await driver.ops(carol, `audit ${key(alice)}`);
    assert.equal(refused.private, true);
    assert.match(refused.text, /需要以下角色之一：管理员, 项目管理/);
    assert.equal((await events({ action: 'ops.audit', actor: key(carol), outcome: 'refused' })).length, 1);
  });

  it('shows what one person did with /ops audit by, a mention accepted, each word in the reader’s language', async function () {
    const zh = await driver.ops(admin, `audit by ${driver.mention(carol)}`);
    assert.equal(zh.private, true);
    assert.match(zh.text, new RegExp(`${key(carol)} 的操作`));
    assert.match(
      zh.text,
      new RegExp(`查看操作记录 \\(被拒绝\\) · ${key(alice)} · 原因：需要以下角色之一：管理员, 项目管理`),
    );
    assert.doesNotMatch(zh.text, /ops\.audit|needs one of|audit_cmd/, 'no raw keys or English');
    await driver.ops(admin, 'lang en');
    const en = await driver.ops(admin, `audit by ${key(admin)}`).finally(() => driver.ops(admin, 'lang zh-CN'));
    assert.match(en.text, new RegExp(`What ${key(admin)} did`));
    assert.match(en.text, new RegExp(`grant a role · ${key(alice)} · roles: — → project management · via ${enVia}`));
    assert.match(en.text, new RegExp(`change language · ${key(admin)} · language: .* → English`));
    assert.doesNotMatch(en.text, new RegExp(`grant a role · ${key(carol)}`), 'only what this person did');
  });

  it('shows whole days in TIMEZONE with from/to, alone or with a person or an object', async function () {
    const clock = clockOf();
    const day1 = localDay(clock.now(), ZONE);
    const midnight = parseLocalDay(day1, ZONE)!.end;
    assert.ok(midnight.getTime() > clock.now().getTime(), 'the scenarios so far ran on the first day');
    await clock.moveTo(new Date(midnight.getTime() + 60_000), h().zhiban);
    const day2 = localDay(clock.now(), ZONE);
    await driver.ops(admin, `role grant ${bob} viewer`);

    const second = await driver.ops(admin, `audit by ${driver.mention(admin)} from ${day2}`);
    assert.match(second.text, new RegExp(`分配角色 · ${key(bob)} · 角色：— → 只读`));
    assert.doesNotMatch(second.text, new RegExp(`分配角色 · ${key(alice)}`), 'nothing of the day before');
    assert.match(second.text, new RegExp(`操作人 ${key(admin)} · ${day2} 至 ${day2}`));
    const first = await driver.ops(admin, `audit by ${admin} from ${day1} to ${day1}`);
    assert.match(first.text, new RegExp(`分配角色 · ${key(alice)} · 角色：— → 项目管理`));
    assert.doesNotMatch(first.text, /只读/, 'nothing of the day after');
    const both = await driver.ops(admin, `audit ${key(bob)} from ${day1} to ${day2}`);
    assert.match(both.text, new RegExp(`${key(bob)} 的操作记录`));
    assert.ok(both.text.indexOf('管理角色 (被拒绝)') < both.text.indexOf('只读'), 'both days, oldest first');
    const range = await driver.ops(admin, `audit from ${day2}`);
    assert.match(range.text, new RegExp(`${day2} 至 ${day2} 的操作记录`));
    assert.match(range.text, new RegExp(`${key(admin)} · 分配角色 · ${key(bob)}`));
  });

  it('exports what the filters select as CSV: a download on the web console, else the first rows', async function () {
    const day = localDay(clockOf().now(), ZONE);
    const said = await driver.ops(admin, `audit export ${key(bob)} from ${day}`);
    assert.equal(said.private, true);
    if (platform === 'web') {
      const link = /"url":"(\/api\/audit\/export\?[^"]+)"/.exec(said.text)?.[1];
      assert.equal(link, `/api/audit/export?id=${encodeURIComponent(key(bob))}&from=${day}&to=${day}`);
      assert.match(said.text, /共 1 条记录（对象 .*），可下载为 CSV 文件。/);
      assert.match(said.text, /下载 CSV/);
      const viewer = await WebUser.signIn(h().url, 'admin');
      const file = await fetch(`${h().url}${link}`, { headers: { cookie: viewer.cookie } });
      assert.equal(file.status, 200);
      assert.equal(file.headers.get('content-type'), 'text/csv; charset=utf-8');
      const bytes = Buffer.from(await file.arrayBuffer());
      assert.deepStrictEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'a byte-order mark for Excel');
      const rows = bytes.subarray(3).toString('utf8').trim().split('\n');
      assert.equal(rows[0], '时间（Asia/Shanghai）,操作人,操作,对象,之前,之后,原因或说明,结果,来源');
      assert.match(
        rows[1]!,
        new RegExp(`^${day} 00:0\\d:\\d\\d,${key(admin)},分配角色,${key(bob)},角色：—,角色：只读,,完成,网页控制台$`),
      );
      assert.equal(rows.length, 2);
    } else {
      // Slack and Discord run here without the console: the first rows, and why there is no file.
      assert.match(said.text, /网页控制台没有开启，无法下载文件。以下是前 1 行（共 1 条记录）/);
      assert.match(said.text, /时间（Asia\/Shanghai）,操作人,操作,对象,之前,之后,原因或说明,结果,来源/);
      assert.match(said.text, new RegExp(`,${key(admin)},分配角色,${key(bob)},角色：—,角色：只读,,完成,${zhVia}`));
    }
  });

  it('answers bad /ops audit input with the correct form, in the person’s language, and records nothing', async function () {
    const before = await models().AuditEvent.countDocuments();
    // Slack shows `<` and `>` escaped as `&lt;` and `&gt;`.
    const usage = /正确用法.*\/ops audit (<|&lt;)编号(>|&gt;) · \/ops audit by /;
    const cases: Array<[string, RegExp]> = [
      ['audit by', /请说明是谁/],
      ['audit by <#C0123|general>', /无法识别「.*」是谁/],
      ['audit frobnicate', /\/ops audit 没有「frobnicate」这个子命令/],
      ['audit from 2026-02-30', /「2026-02-30」不是日期。请写成 YYYY-MM-DD/],
      ['audit from', /from 后面请写日期/],
      ['audit to 2026-03-01', /写了 to 就要写 from/],
      ['audit from 2026-03-05 to 2026-03-01', /开始日期 2026-03-05 晚于结束日期 2026-03-01/],
      ['audit from 2024-01-01 to 2026-01-01', /时间范围有 732 天，最长 366 天/],
      ['audit INC-1 INC-2', /一次只能查看一个对象：INC-1 还是 INC-2？/],
      ['audit export', /请说明要查看什么/],
    ];
    for (const [typed, answer] of cases) {
      const said = await driver.ops(admin, typed);
      assert.equal(said.private, true, typed);
      assert.match(said.text, answer, typed);
      assert.match(said.text, usage, typed);
    }
    await driver.ops(admin, 'lang en');
    const en = await driver.ops(admin, 'audit from 2026-02-30').finally(() => driver.ops(admin, 'lang zh-CN'));
    assert.match(en.text, /“2026-02-30” is not a date\. Write it as YYYY-MM-DD/);
    assert.match(en.text, /Correct form.*\/ops audit (<|&lt;)id(>|&gt;) · \/ops audit by /);
    // Only the two language changes were recorded.
    assert.equal(await models().AuditEvent.countDocuments(), before + 2);
    const refused = await driver.ops(carol, `audit export by ${key(alice)}`);
    assert.match(refused.text, /需要以下角色之一：管理员, 项目管理/, 'export needs the same role');
  });
}
