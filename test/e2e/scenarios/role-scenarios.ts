// `/ops role` and `/ops audit` as people use them, written once and run on Slack, Discord and the web console.
import { strict as assert } from 'node:assert';
import type { Harness } from '../../support/harness.js';
import type { ChatDriver } from './chat-driver.js';

export function roleScenarios(driver: ChatDriver, h: () => Harness): void {
  const { platform, admin } = driver;
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
    assert.match(en.text, new RegExp(`granted a role · roles: — → roles: pm · via ${platform}`));
    assert.match(en.text, /revoked a role · roles: pm, sysops → roles: pm/);
    assert.match(en.text, /manage roles \(refused\) · reason: needs one of: admin/);
    assert.ok(en.text.indexOf('granted a role') < en.text.indexOf('revoked a role'), 'oldest first');
    assert.match(en.text, /times in Asia\/Shanghai/);
    // Project management may read the trail too, here in Chinese, and by mention.
    const zh = await driver.ops(alice, `audit ${driver.mention(alice)}`);
    assert.match(zh.text, new RegExp(`${key(alice)} 的操作记录`));
    assert.match(zh.text, /分配角色/);
    assert.match(zh.text, new RegExp(`来自 ${platform}`));
  });

  it('answers /ops audit for an unknown id with “no records”, and refuses it without the role', async function () {
    const none = await driver.ops(admin, 'audit inc-999');
    assert.match(none.text, /没有 INC-999 的记录/);
    const missing = await driver.ops(admin, 'audit');
    assert.match(missing.text, /请说明查看哪个对象/);
    const refused = await driver.ops(carol, `audit ${key(alice)}`);
    assert.equal(refused.private, true);
    assert.match(refused.text, /需要以下角色之一：管理员, 项目管理/);
    assert.equal((await events({ action: 'ops.audit', actor: key(carol), outcome: 'refused' })).length, 1);
  });
}
