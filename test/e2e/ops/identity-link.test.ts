// `/ops link` across Slack and Discord, end to end: a code shown on one, typed on the other, and
// from then on the person's roles follow them; expired, reused and foreign codes are refused.
import { strict as assert } from 'node:assert';
import { ADMIN_SLACK, Harness } from '../../support/harness.js';
import { discordDriver, slackDriver, type Said } from '../scenarios/chat-driver.js';

const SLACK_ME = 'ULINKED001';
const DISCORD_ME = '500000000000000001';
const DISCORD_STRANGER = '500000000000000002';

function codeIn(said: Said): string {
  const code = /\/ops link ([A-Z2-9]{8})/.exec(said.text)?.[1];
  assert.ok(code, `a code in ${said.text}`);
  return code;
}

describe('Slack and Discord: /ops link', function () {
  let h: Harness;
  const slack = slackDriver(() => h);
  const discord = discordDriver(() => h);
  let usedCode = '';
  const events = (filter: Record<string, unknown>) => h.zhiban.models.AuditEvent.find(filter).lean();

  before(async function () {
    h = await Harness.start({ label: 'identity-link', slack: true, discord: true });
    await slack.ops(ADMIN_SLACK, `role grant ${SLACK_ME} sysops`);
  });

  after(async function () {
    await h?.stop();
  });

  it('gives a one-time code privately, stored only as a hash', async function () {
    const said = await slack.ops(SLACK_ME, 'link');
    assert.equal(said.private, true);
    assert.match(said.text, /一次性验证码/);
    assert.match(said.text, /10 分钟内/);
    const code = codeIn(said);
    const stored = await h.zhiban.models.LinkCode.find({ owner: `slack:${SLACK_ME}` }).lean();
    assert.equal(stored.length, 1);
    assert.doesNotMatch(JSON.stringify(stored), new RegExp(code));
  });

  it('refuses an expired code, saying so', async function () {
    codeIn(await slack.ops(SLACK_ME, 'link'));
    const code = codeIn(await slack.ops(SLACK_ME, 'link'));
    // Eleven minutes pass for the code (the engine has no TTL; expiry is the redeeming query's).
    await h.zhiban.models.LinkCode.updateMany(
      { owner: `slack:${SLACK_ME}` },
      { $set: { expiresAt: new Date(Date.now() - 60_000) } },
    );
    const said = await discord.ops(DISCORD_ME, `link ${code}`);
    assert.equal(said.private, true);
    assert.match(said.text, /验证码已过期（有效期 10 分钟）/);
    assert.equal((await discord.ops(DISCORD_ME, 'whoami')).text.includes('sysops'), false);
  });

  it('links the Discord identity with a code from Slack, and the Slack roles follow', async function () {
    const code = codeIn(await slack.ops(SLACK_ME, 'link'));
    usedCode = code;
    const said = await discord.ops(DISCORD_ME, `link ${code.toLowerCase()}`);
    assert.equal(said.private, true);
    assert.match(said.text, new RegExp(`已关联：slack:${SLACK_ME}, discord:${DISCORD_ME}`));
    const who = await discord.ops(DISCORD_ME, 'whoami');
    assert.match(who.text, /sysops \(系统运维\)/);
    const stored = await h.zhiban.models.UserProfile.findById(`discord:${DISCORD_ME}`).lean();
    assert.equal(stored?.linkedTo, `slack:${SLACK_ME}`);
    assert.deepStrictEqual(stored?.roles, [], 'merged when read, not copied');
  });

  it('refuses a code used once already, to its user and to anyone else', async function () {
    assert.match((await discord.ops(DISCORD_ME, `link ${usedCode}`)).text, /验证码已经用过了/);
    const said = await discord.ops(DISCORD_STRANGER, `link ${usedCode}`);
    assert.match(said.text, /验证码已经用过了/);
    assert.equal(await h.zhiban.models.UserProfile.countDocuments({ _id: `discord:${DISCORD_STRANGER}` }), 0);
  });

  it('refuses a wrong code and one typed where it was given', async function () {
    assert.match((await discord.ops(DISCORD_STRANGER, 'link ABCD2345')).text, /验证码无效/);
    assert.match((await discord.ops(DISCORD_STRANGER, `link ${'x'.repeat(10_000)}`)).text, /验证码无效/);
    const code = codeIn(await slack.ops('USOMEONE01', 'link'));
    assert.match((await slack.ops('USOMEONE01', `link ${code}`)).text, /请在另一个平台输入验证码/);
    assert.match((await slack.ops(SLACK_ME, `link ${code}`)).text, /同一平台上的两个身份/);
  });

  it('lets roles granted on either side follow, and revoking take them from both', async function () {
    await slack.ops(ADMIN_SLACK, `role grant discord:${DISCORD_ME} secops`);
    assert.match((await slack.ops(SLACK_ME, 'whoami')).text, /secops \(网络安全\)/);
    await slack.ops(ADMIN_SLACK, `role revoke ${SLACK_ME} secops`);
    assert.doesNotMatch((await discord.ops(DISCORD_ME, 'whoami')).text, /secops/);
  });

  it('shows the link to someone already linked', async function () {
    const said = await discord.ops(DISCORD_ME, 'link');
    assert.match(said.text, new RegExp(`已关联的身份：slack:${SLACK_ME}, discord:${DISCORD_ME}`));
  });

  it('records the link on both sides in the audit trail', async function () {
    for (const side of [`slack:${SLACK_ME}`, `discord:${DISCORD_ME}`]) {
      const [event] = await events({ action: 'user.link', outcome: 'done', objectId: side });
      assert.equal(event?.actor, `discord:${DISCORD_ME}`);
      assert.deepStrictEqual(event?.after, { identities: [`slack:${SLACK_ME}`, `discord:${DISCORD_ME}`] });
    }
    const refusals = await events({ action: 'user.link', outcome: 'refused' });
    assert.deepStrictEqual(refusals.map((e) => e.reason).sort(), [
      'link code expired',
      'link code same_platform',
      'link code self',
      'link code unknown',
      'link code unknown',
      'link code used',
      'link code used',
    ]);
    const history = await slack.ops(ADMIN_SLACK, `audit slack:${SLACK_ME}`);
    assert.match(history.text, /关联身份/);
    assert.match(history.text, /获取关联验证码/);
  });
});
