// /ops on Slack, end to end: signed HTTP into the real Bolt app, answers at the fake Slack.
import { strict as assert } from 'node:assert';
import { ADMIN_SLACK, Harness } from '../../support/harness.js';
import { cardTitle, replyText, sendCommand, slackClick, slackCommand } from '../../support/slack-user.js';

describe('Slack: /ops', function () {
  let h: Harness;

  before(async function () {
    h = await Harness.start({ label: 'slack-ops', slack: true });
  });

  after(async function () {
    await h?.stop();
  });

  it('answers /ops help with HTTP 200 in under 3 s and a help card in Chinese by default', async function () {
    const { http, reply } = await slackCommand(h, 'help');
    assert.equal(http.status, 200);
    assert.ok(http.elapsedMs < 3000, `took ${http.elapsedMs} ms`);
    assert.equal(reply.response_type, 'ephemeral');
    assert.equal(cardTitle(reply), '值班 Zhiban 使用帮助');
    assert.match(replyText(reply), /\/incident · 可用/);
    assert.match(replyText(reply), /\/backup · 可用/);
    assert.match(replyText(reply), /\/restore · 可用/);
    assert.match(replyText(reply), /\/upgrade · 可用/);
    assert.match(replyText(reply), /\/ops · 可用/);
  });

  it('binds the channel with /ops channel set alerts, for an admin, in the channel for all to see', async function () {
    const { reply } = await slackCommand(h, 'channel set alerts', { userId: ADMIN_SLACK, channelId: 'CALERTS01' });
    assert.equal(reply.response_type, 'in_channel');
    assert.match(String(reply.text), /本频道现在负责接收「告警」消息/);
    const stored = await h.zhiban.models.ChannelBinding.findOne({ platform: 'slack', kind: 'alerts' }).lean();
    assert.equal(stored?.channelId, 'CALERTS01');
    assert.equal(stored?.setBy, `slack:${ADMIN_SLACK}`);
    const audit = await h.zhiban.models.AuditEvent.findOne({ action: 'channel.bind', objectId: 'slack:alerts' }).lean();
    assert.equal(audit?.actor, `slack:${ADMIN_SLACK}`);
  });

  it('shows /ops whoami with the platform id, the admin role and the locale', async function () {
    const { reply } = await slackCommand(h, 'whoami', { userId: ADMIN_SLACK });
    assert.equal(reply.response_type, 'ephemeral');
    assert.equal(cardTitle(reply), '你的身份');
    const text = replyText(reply);
    assert.match(text, new RegExp(`slack:${ADMIN_SLACK}`));
    assert.match(text, /admin \(管理员\)/);
    assert.match(text, /zh-CN \(默认语言\)/);
  });

  it('switches one person to English with /ops lang en, and answers them in English after', async function () {
    const user = 'UENGLISH01';
    const changed = await slackCommand(h, 'lang en', { userId: user });
    assert.match(String(changed.reply.text), /answer you in English/);
    const help = await slackCommand(h, 'help', { userId: user });
    assert.equal(cardTitle(help.reply), 'Zhiban help');
    const who = await slackCommand(h, 'whoami', { userId: user });
    assert.match(replyText(who.reply), /en \(your choice\)/);
    assert.match(replyText(who.reply), /none \(you may declare incidents/);
    const other = await slackCommand(h, 'help', { userId: 'UOTHER0001' });
    assert.equal(cardTitle(other.reply), '值班 Zhiban 使用帮助', 'someone else still reads Chinese');
  });

  it('keeps channel bindings and languages across a restart', async function () {
    await h.restart();
    const list = await slackCommand(h, 'channel list', { userId: ADMIN_SLACK });
    assert.match(replyText(list.reply), /告警/);
    assert.match(replyText(list.reply), /CALERTS01/);
    const help = await slackCommand(h, 'help', { userId: 'UENGLISH01' });
    assert.equal(cardTitle(help.reply), 'Zhiban help');
  });

  it('refuses /ops channel set to someone without the role, saying which role, and changes nothing', async function () {
    const { reply } = await slackCommand(h, 'channel set incidents', { userId: 'UNOBODY01', channelId: 'CRANDOM01' });
    assert.equal(reply.response_type, 'ephemeral');
    assert.match(replyText(reply), /需要以下角色之一：管理员, 项目管理/);
    assert.equal(await h.zhiban.models.ChannelBinding.countDocuments({ kind: 'incidents' }), 0);
  });

  it('answers an unknown subcommand privately with the correct form', async function () {
    const { reply } = await slackCommand(h, 'frobnicate now');
    assert.equal(reply.response_type, 'ephemeral');
    assert.match(replyText(reply), /\/ops 没有「frobnicate」这个子命令/);
    assert.match(replyText(reply), /正确用法/);
    assert.match(replyText(reply), /\/ops channel set/);
  });

  it('answers /upgrade list privately, now that upgrades are built', async function () {
    const { reply } = await slackCommand(h, 'list', { command: '/upgrade', userId: ADMIN_SLACK });
    assert.equal(reply.response_type, 'ephemeral');
    assert.match(replyText(reply), /即将进行和进行中的升级（0）/);
    assert.doesNotMatch(replyText(reply), /即将推出/);
  });

  it('rejects missing, unknown and oversized arguments with a message and no change', async function () {
    const before = await h.zhiban.models.ChannelBinding.countDocuments();
    const missing = await slackCommand(h, 'channel set', { userId: ADMIN_SLACK });
    assert.match(replyText(missing.reply), /请说明本频道负责哪类消息/);
    const unknown = await slackCommand(h, 'channel set weather', { userId: ADMIN_SLACK });
    assert.match(replyText(unknown.reply), /不认识的频道类型「weather」/);
    const huge = await slackCommand(h, `lang ${'x'.repeat(10_000)}`, { userId: 'UHUGE0001' });
    assert.match(replyText(huge.reply), /不支持的语言/);
    assert.ok(replyText(huge.reply).length < 4000, 'the 10 KB value is not echoed back');
    assert.equal(await h.zhiban.models.ChannelBinding.countDocuments(), before);
    assert.equal(await h.zhiban.models.UserProfile.countDocuments({ _id: 'slack:UHUGE0001' }), 0);
  });

  it('gives one binding when the same /ops channel set is sent twice', async function () {
    await slackCommand(h, 'channel set reports', { userId: ADMIN_SLACK, channelId: 'CREPORT01' });
    const again = await slackCommand(h, 'channel set reports', { userId: ADMIN_SLACK, channelId: 'CREPORT01' });
    assert.doesNotMatch(String(again.reply.text), /原来是/);
    assert.equal(await h.zhiban.models.ChannelBinding.countDocuments({ kind: 'reports' }), 1);
  });

  it('refuses a request with a bad signature with 401 and changes nothing', async function () {
    const calls = h.slack!.callsTo('response').length;
    const result = await sendCommand(h, 'channel set backups', {
      userId: ADMIN_SLACK,
      send: { badSignature: true },
    });
    assert.equal(result.status, 401);
    assert.equal(await h.zhiban.models.ChannelBinding.countDocuments({ kind: 'backups' }), 0);
    assert.equal(h.slack!.callsTo('response').length, calls);
  });

  it('refuses a request signed more than 5 minutes ago with 401 and changes nothing', async function () {
    const result = await sendCommand(h, 'channel set backups', {
      userId: ADMIN_SLACK,
      send: { timestamp: Math.floor(Date.now() / 1000) - 6 * 60 },
    });
    assert.equal(result.status, 401);
    assert.equal(await h.zhiban.models.ChannelBinding.countDocuments({ kind: 'backups' }), 0);
  });

  it('answers a click on a button it does not know privately, without crashing', async function () {
    const reply = await slackClick(h, 'nothing.here', 'X-1');
    assert.equal(reply.body.response_type, 'ephemeral');
    assert.match(replyText(reply.body), /这个按钮已经失效/);
    const still = await slackCommand(h, 'help');
    assert.equal(cardTitle(still.reply), '值班 Zhiban 使用帮助');
  });
});
