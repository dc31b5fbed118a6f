// /ops on Discord, end to end: the real discord.js client against the fake gateway and REST.
import { strict as assert } from 'node:assert';
import { ADMIN_DISCORD, Harness } from '../../support/harness.js';
import { discordClick, discordCommand, embedTitle, EPHEMERAL, everything } from '../../support/discord-user.js';

describe('Discord: /ops', function () {
  let h: Harness;

  before(async function () {
    h = await Harness.start({ label: 'discord-ops', discord: true });
  });

  after(async function () {
    await h?.stop();
  });

  it('registers the eight commands in the guild at start, with Chinese descriptions', async function () {
    const call = h.discord!.callsTo('PUT', /\/applications\/\d+\/guilds\/\d+\/commands$/)[0];
    assert.ok(call, 'commands were registered in the guild');
    const commands = call.body as Array<{ name: string; description_localizations: Record<string, string> }>;
    assert.deepEqual(
      commands.map((c) => c.name),
      ['ops', 'incident', 'alert', 'backup', 'restore', 'survey', 'upgrade', 'duty'],
    );
    assert.match(commands[0]!.description_localizations['zh-CN']!, /值班助手/);
  });

  it('answers /ops help privately with a help card in the reader’s Discord language', async function () {
    const zh = await discordCommand(h, '/ops help', { locale: 'zh-CN' });
    assert.equal(zh.type, 4);
    assert.equal(zh.data.flags, EPHEMERAL);
    assert.equal(embedTitle(zh), '值班 Zhiban 使用帮助');
    const en = await discordCommand(h, '/ops help', { locale: 'en-US', userId: '300000000000000098' });
    assert.equal(embedTitle(en), 'Zhiban help');
  });

  it('binds the channel with /ops channel set alerts for an admin, visible to the channel', async function () {
    const channelId = h.discord!.channelIds[0]!;
    const reply = await discordCommand(h, '/ops channel set alerts', { userId: ADMIN_DISCORD, channelId });
    assert.equal(reply.type, 4);
    assert.notEqual(reply.data.flags, EPHEMERAL);
    assert.match(embedTitle(reply), /本频道现在负责接收「告警」消息/);
    const stored = await h.zhiban.models.ChannelBinding.findOne({ platform: 'discord', kind: 'alerts' }).lean();
    assert.equal(stored?.channelId, channelId);
  });

  it('shows /ops whoami with the Discord id, roles and where the language came from', async function () {
    const reply = await discordCommand(h, '/ops whoami', { userId: ADMIN_DISCORD, locale: 'en-GB' });
    assert.equal(reply.data.flags, EPHEMERAL);
    const text = everything(reply);
    assert.match(text, new RegExp(`discord:${ADMIN_DISCORD}`));
    assert.match(text, /admin \(admin\)/);
    assert.match(text, /en \(platform language\)/);
  });

  it('lets /ops lang zh-CN override the platform language', async function () {
    const user = '300000000000000077';
    const changed = await discordCommand(h, '/ops lang zh-CN', { userId: user, locale: 'en-US' });
    assert.match(everything(changed), /今后用中文回复你/);
    const help = await discordCommand(h, '/ops help', { userId: user, locale: 'en-US' });
    assert.equal(embedTitle(help), '值班 Zhiban 使用帮助');
  });

  it('keeps the binding across a restart', async function () {
    await h.restart();
    const list = await discordCommand(h, '/ops channel list', { userId: ADMIN_DISCORD });
    assert.match(everything(list), new RegExp(h.discord!.channelIds[0]!));
  });

  it('refuses /ops channel set to someone without the role, privately, and changes nothing', async function () {
    const reply = await discordCommand(h, '/ops channel set approvals', { userId: '300000000000000055' });
    assert.equal(reply.data.flags, EPHEMERAL);
    assert.match(everything(reply), /需要以下角色之一/);
    assert.equal(await h.zhiban.models.ChannelBinding.countDocuments({ kind: 'approvals' }), 0);
  });

  it('answers an unknown subcommand privately with the correct form, and /upgrade list now that it is built', async function () {
    const unknown = await discordCommand(h, '/ops frobnicate', { locale: 'en-US' });
    assert.equal(unknown.data.flags, EPHEMERAL);
    assert.match(everything(unknown), /has no subcommand “frobnicate”/);
    assert.match(everything(unknown), /Correct form/);
    const coming = await discordCommand(h, '/upgrade list', { userId: ADMIN_DISCORD, locale: 'en-US' });
    assert.equal(coming.data.flags, EPHEMERAL);
    assert.match(everything(coming), /Upcoming and in-progress upgrades \(0\)/);
  });

  it('answers a click on an unknown button privately, without crashing', async function () {
    const reply = await discordClick(h, 'nothing.here:X-1');
    assert.equal(reply.type, 4);
    assert.equal(reply.data.flags, EPHEMERAL);
    assert.match(everything(reply), /这个按钮已经失效/);
  });
});
