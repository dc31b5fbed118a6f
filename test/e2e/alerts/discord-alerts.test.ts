// What only Discord does with alert groups, through the real discord.js client: the card as an
// embed with custom-id buttons, the silence form as a modal whose menu of durations becomes a text
// field, and answers in the reader's Discord language. The alert scenarios are in alert-scenarios.test.ts.
import { strict as assert } from 'node:assert';
import type { AlertGroup } from '../../../models/alerts/alert-group.js';
import { anAlert, sendAlerts } from '../../support/alert-sender.js';
import { discordClick, discordCommand, discordSubmitModal, EPHEMERAL, everything } from '../../support/discord-user.js';
import { ADMIN_DISCORD, Harness } from '../../support/harness.js';
import { FAST_ALERT_GROUPS } from '../scenarios/alert-scenarios.js';

const OPS = '300000000000000077';
const VISITOR = '300000000000000078';

describe('Discord: alert groups, as Discord shows them', function () {
  this.timeout(30_000);
  let h: Harness;
  let channel: string;
  let id: string;

  before(async function () {
    h = await Harness.start({ label: 'discord-alerts', discord: true, env: FAST_ALERT_GROUPS });
    channel = h.discord!.channelIds[0]!;
    await discordCommand(h, '/ops channel set alerts', { userId: ADMIN_DISCORD, channelId: channel });
    await h.zhiban.models.UserProfile.create({ _id: `discord:${OPS}`, roles: ['secops'] });
  });

  after(async function () {
    await h?.stop();
  });

  it('posts the card as an orange embed for a major group, with its three custom-id buttons', async function () {
    await sendAlerts(h, [
      anAlert('NginxDown', 'web-1', { severity: 'major' }),
      anAlert('NginxDown', 'web-2', { severity: 'major' }),
    ]);
    const posted = await h.discord!.waitForCall('POST', new RegExp(`/channels/${channel}/messages$`), {
      predicate: (c) => JSON.stringify(c.body).includes('NginxDown'),
    });
    id = (await h.zhiban.models.AlertGroup.findOne({ name: 'NginxDown' }).lean<AlertGroup>())!.shortId!;
    const card = posted.body as {
      embeds: Array<{ title: string; color: number }>;
      components: Array<{ components: Array<{ custom_id: string }> }>;
    };
    assert.equal(card.embeds[0]!.title, `[P2 严重] ${id} · NginxDown · e-pay`);
    assert.equal(card.embeds[0]!.color, 0xf5a623, 'a major group is orange');
    assert.deepEqual(
      card.components[0]!.components.map((b) => b.custom_id),
      [`alert.ack:${id}~1`, `alert.silence:${id}~1`, `alert.incident:${id}~1`],
    );
  });

  it('silences through the modal, whose choice of duration Discord shows as a text field', async function () {
    const form = await discordClick(h, `alert.silence:${id}`, { userId: OPS });
    assert.equal(form.type, 9);
    assert.match(everything(form), new RegExp(`"custom_id":"form:alert.silence:${id}"`));
    assert.match(everything(form), /30m \| 1h \| 2h \| 4h \| 24h/);
    const done = await discordSubmitModal(
      h,
      `form:alert.silence:${id}`,
      { duration: '4h', reason: '' },
      { userId: OPS },
    );
    assert.equal(done.data.flags, EPHEMERAL);
    assert.match(everything(done), /已静默 alertname=NginxDown, system=e-pay, severity=major/);
    const bad = await discordSubmitModal(h, `form:alert.silence:${id}`, { duration: '9y' }, { userId: OPS });
    assert.match(everything(bad), /不认识的时长「9y」/);
  });

  it('answers /alert list in English to an English-speaking user', async function () {
    const list = await discordCommand(h, '/alert list', { userId: VISITOR, locale: 'en-US' });
    assert.match(everything(list), /Firing alert groups \(1\)/);
    assert.match(everything(list), new RegExp(`${id} \\[P2 major\\] NginxDown · e-pay — 2 firing`));
  });
});
