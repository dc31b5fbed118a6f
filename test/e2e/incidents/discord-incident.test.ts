// What only Discord does with incidents, through the real discord.js client: the card as an embed
// with buttons whose custom ids carry the incident, updated with interaction type 7, steps in a
// thread opened from the card; forms as modals of text fields; the reader's Discord language.
// The lifecycle itself is in incident-scenarios.test.ts.
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

describe('Discord: incidents, as Discord shows them', function () {
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

  it('posts the card as an orange embed for a P2 with custom-id buttons, updates it as type 7 and threads the steps', async function () {
    const declared = await discordCommand(h, '/incident declare P2 routine 社保查询接口超时');
    assert.equal(declared.type, 4);
    assert.equal(declared.data.flags, EPHEMERAL);
    const posted = await h.discord!.waitForCall('POST', new RegExp(`/channels/${channel}/messages$`), {
      predicate: (c) => JSON.stringify(c.body).includes('[P2] INC-1'),
    });
    const card = posted.body as {
      embeds: Array<{ title: string; color: number }>;
      components: Array<{ type: number; components: Array<{ type: number; style: number; custom_id: string }> }>;
      allowed_mentions: unknown;
    };
    assert.equal(card.embeds[0]!.title, '[P2] INC-1 · 社保查询接口超时');
    assert.equal(card.embeds[0]!.color, 0xf5a623, 'a P2 card is orange');
    assert.deepEqual(
      card.components[0]!.components.map((b) => [b.type, b.style, b.custom_id]),
      [
        [2, 1, 'incident.ack:INC-1~0'],
        [2, 2, 'incident.assign_me:INC-1~0'],
        [2, 4, 'incident.escalate:INC-1~0'],
      ],
    );
    assert.deepEqual(card.allowed_mentions, { parse: [], users: [] }, 'nobody is pinged by what people typed');

    const acked = await discordClick(h, 'incident.ack:INC-1', { userId: OPS });
    assert.equal(acked.type, 7, 'the clicked card is updated in place');
    assert.match(embedTitle(acked), /INC-1/);
    assert.match(everything(acked), /已确认现象/);
    await h.discord!.waitForCall('PATCH', new RegExp(`/channels/${channel}/messages/\\d+$`));
    const thread = await h.discord!.waitForCall('POST', /\/channels\/\d+\/messages\/\d+\/threads$/);
    assert.match(thread.path, new RegExp(`/channels/${channel}/messages/`), 'the thread opens from the card');
    const threadLine = await h.discord!.waitForCall('POST', /\/channels\/\d+\/messages$/, {
      predicate: (c) => JSON.stringify(c.body).includes('已申报（待确认） → 已确认现象'),
    });
    assert.notEqual(threadLine.path, `/api/v10/channels/${channel}/messages`, 'the step went to the card’s thread');
  });

  it('opens forms as modals of text fields, reading a choice typed in any case and refusing an unknown one', async function () {
    const form = await discordCommand(h, '/incident declare');
    assert.equal(form.type, 9, 'a modal opens');
    assert.match(everything(form), /"custom_id":"form:incident.declare:"/);
    assert.match(everything(form), /P1 \| P2 \| P3 \| P4/, 'the choices of severity are shown as a hint');
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
    assert.equal(refused.data.flags, EPHEMERAL);
    assert.match(everything(refused), /不认识的严重程度「P9」/);
  });

  it('answers in English to an English-speaking Discord user', async function () {
    const list = await discordCommand(h, '/incident list all', { locale: 'en-US', userId: '300000000000000067' });
    assert.match(everything(list), /Recent incidents \(2\)/);
    assert.match(everything(list), /MTTA/);
  });
});
