// The incident lifecycle on Discord: the same steps as on Slack, through the real discord.js client.
import { strict as assert } from 'node:assert';
import { ADMIN_DISCORD, Harness } from '../../support/harness.js';
import {
  discordClick,
  discordCommand,
  discordSubmitModal,
  embedTitle,
  EPHEMERAL,
  everything,
} from '../../support/discord-user.js';

const OPS = '300000000000000010';

describe('Discord: incidents', function () {
  let h: Harness;
  let channel: string;

  before(async function () {
    h = await Harness.start({ label: 'discord-incident', discord: true });
    channel = h.discord!.channelIds[0]!;
    await discordCommand(h, '/ops channel set incidents', { userId: ADMIN_DISCORD, channelId: channel });
    await h.zhiban.models.UserProfile.create({ _id: `discord:${OPS}`, roles: ['sysops'] });
  });

  after(async function () {
    await h?.stop();
  });

  it('takes an incident from declaration to its summary with buttons and forms', async function () {
    const declared = await discordCommand(h, '/incident declare P2 routine 社保查询接口超时');
    assert.equal(declared.data.flags, EPHEMERAL);
    assert.match(everything(declared), /已申报 INC-1/);
    const posted = await h.discord!.waitForCall('POST', new RegExp(`/channels/${channel}/messages$`), {
      predicate: (c) => JSON.stringify(c.body).includes('[P2] INC-1'),
    });
    const card = posted.body as {
      embeds: Array<{ color: number }>;
      components: Array<{ components: Array<{ custom_id: string }> }>;
    };
    assert.equal(card.embeds[0]!.color, 0xf5a623, 'a P2 card is orange');
    assert.deepEqual(
      card.components[0]!.components.map((b) => b.custom_id),
      ['incident.ack:INC-1', 'incident.assign_me:INC-1', 'incident.escalate:INC-1'],
    );

    const acked = await discordClick(h, 'incident.ack:INC-1', { userId: OPS });
    assert.equal(acked.type, 7, 'the clicked card is updated in place');
    assert.match(embedTitle(acked), /INC-1/);
    assert.match(everything(acked), /已确认现象/);
    await h.discord!.waitForCall('PATCH', new RegExp(`/channels/${channel}/messages/\\d+$`));
    await h.discord!.waitForCall('POST', /\/channels\/\d+\/messages\/\d+\/threads$/);
    const threadLine = await h.discord!.waitForCall('POST', /\/channels\/\d+\/messages$/, {
      predicate: (c) => JSON.stringify(c.body).includes('已申报（待确认） → 已确认现象'),
    });
    assert.notEqual(threadLine.path, `/api/v10/channels/${channel}/messages`, 'the step went to the card’s thread');

    for (const step of ['分析原因', '实施方案', '验证效果']) {
      assert.match(everything(await discordClick(h, 'incident.advance:INC-1', { userId: OPS })), new RegExp(step));
    }
    const resolveForm = await discordClick(h, 'incident.advance:INC-1', { userId: OPS });
    assert.equal(resolveForm.type, 9, 'a modal asks what fixed it');
    await discordSubmitModal(h, 'form:incident.resolve:INC-1', { fix: '调整超时并清理慢查询' }, { userId: OPS });
    const summaryForm = await discordClick(h, 'incident.advance:INC-1', { userId: OPS });
    assert.equal(summaryForm.type, 9);
    const closed = await discordSubmitModal(
      h,
      'form:incident.summary:INC-1',
      { cause: '慢查询', fix: '加索引', lesson: '上线前做执行计划审查' },
      { userId: OPS },
    );
    assert.match(everything(closed), /已复盘关闭/);
    assert.equal((await h.zhiban.models.Incident.findById('INC-1').lean())?.state, 'closed');
  });

  it('declares through the form when /incident declare is given nothing', async function () {
    const form = await discordCommand(h, '/incident declare');
    assert.equal(form.type, 9, 'a modal opens');
    const reply = await discordSubmitModal(h, 'form:incident.declare:', {
      title: '一网通办登录页白屏',
      severity: 'p1',
      category: 'technical',
      system: 'portal',
      description: '',
    });
    assert.match(everything(reply), /已申报 INC-\d+/);
    const incident = await h.zhiban.models.Incident.findOne({ title: '一网通办登录页白屏' }).lean();
    assert.equal(incident?.severity, 'P1');
    const refused = await discordSubmitModal(h, 'form:incident.declare:', {
      title: 'x',
      severity: 'P9',
      category: 'technical',
    });
    assert.match(everything(refused), /不认识的严重程度「P9」/);
  });

  it('refuses a click from someone without an ops role, privately, leaving the incident as it was', async function () {
    await discordCommand(h, '/incident declare P4 门户错别字');
    const refused = await discordClick(h, 'incident.ack:INC-2', { userId: '300000000000000066' });
    assert.equal(refused.type, 4);
    assert.equal(refused.data.flags, EPHEMERAL);
    assert.match(everything(refused), /需要以下角色之一/);
    assert.equal((await h.zhiban.models.Incident.findById('INC-2').lean())?.state, 'reported');
  });

  it('answers in English to an English-speaking Discord user', async function () {
    const list = await discordCommand(h, '/incident list all', { locale: 'en-US', userId: '300000000000000067' });
    assert.match(everything(list), /Recent incidents \(3\)/);
    assert.match(everything(list), /MTTA/);
  });
});
