// What only Slack does with alert groups: the card as Block Kit in a coloured attachment, the silence
// form as a modal with a menu of durations whose answer is an ephemeral message, and a click Slack
// delivers for any group id. The alert scenarios themselves are in alert-scenarios.test.ts.
import { strict as assert } from 'node:assert';
import type { AlertGroup } from '../../../models/alerts/alert-group.js';
import { anAlert, sendAlerts } from '../../support/alert-sender.js';
import { ADMIN_SLACK, Harness } from '../../support/harness.js';
import {
  cardTitle,
  replyText,
  slackClick,
  slackClickOpeningForm,
  slackCommand,
  submitLastModal,
} from '../../support/slack-user.js';
import { FAST_ALERT_GROUPS } from '../scenarios/alert-scenarios.js';

const CHANNEL = 'CALERTS777';
const OPS = 'USYSOPS077';

describe('Slack: alert groups, as Slack shows them', function () {
  this.timeout(30_000);
  let h: Harness;

  before(async function () {
    h = await Harness.start({ label: 'slack-alerts', slack: true, env: FAST_ALERT_GROUPS });
    await slackCommand(h, 'channel set alerts', { userId: ADMIN_SLACK, channelId: CHANNEL });
    await h.zhiban.models.UserProfile.create({ _id: `slack:${OPS}`, roles: ['sysops'] });
  });

  after(async function () {
    await h?.stop();
  });

  /** Sends the alerts and answers the group's id once its card is in the alerts channel. */
  async function cardFor(name: string, alerts = [anAlert(name, 'node-1')]) {
    await sendAlerts(h, alerts);
    const post = await h.slack!.waitFor('chat.postMessage', {
      predicate: (c) => c.body.channel === CHANNEL && !c.body.thread_ts && cardTitle(c.body).includes(name),
    });
    const group = await h.zhiban.models.AlertGroup.findOne({ name }).lean<AlertGroup>();
    return { id: group!.shortId!, post };
  }

  it('posts the card as Block Kit in a red attachment, its buttons carrying the group’s id', async function () {
    const { id, post } = await cardFor('DiskFull', [anAlert('DiskFull', 'db-1'), anAlert('DiskFull', 'db-2')]);
    const [attachment] = post.body.attachments as Array<{ color: string; fallback: string; blocks: unknown[] }>;
    assert.equal(attachment!.color, '#D0021B', 'a critical group is red');
    assert.equal(attachment!.fallback, `[P1 紧急] ${id} · DiskFull · e-pay`);
    assert.deepEqual(attachment!.blocks[0], {
      type: 'header',
      text: { type: 'plain_text', text: `[P1 紧急] ${id} · DiskFull · e-pay`, emoji: true },
    });
    const actions = attachment!.blocks.find((b) => (b as { type: string }).type === 'actions') as {
      elements: Array<{ action_id: string; value: string; style?: string }>;
    };
    assert.deepEqual(
      actions.elements.map((e) => [e.action_id, e.value, e.style]),
      [
        ['alert.ack', `${id}~1`, 'primary'],
        ['alert.silence', `${id}~1`, undefined],
        ['alert.incident', `${id}~1`, 'danger'],
      ],
    );
  });

  it('opens the silence form as a modal with a menu of durations, and answers it with an ephemeral message', async function () {
    const { id } = await cardFor('PodCrash');
    const opened = await slackClickOpeningForm(h, 'alert.silence', id, OPS);
    const view = opened.body.view as { callback_id: string; blocks: Array<{ block_id: string; element: unknown }> };
    assert.equal(view.callback_id, 'alert.silence');
    const duration = view.blocks.find((b) => b.block_id === 'duration')!.element as {
      type: string;
      options: Array<{ value: string }>;
      initial_option: { value: string };
    };
    assert.equal(duration.type, 'static_select');
    assert.deepEqual(
      duration.options.map((o) => o.value),
      ['30m', '1h', '2h', '4h', '24h'],
    );
    assert.equal(duration.initial_option.value, '1h');
    await submitLastModal(h, { duration: '2h', reason: '正在扩容' }, OPS);
    const told = await h.slack!.waitFor('chat.postEphemeral', { predicate: (c) => c.body.user === OPS });
    assert.equal(told.body.channel, 'CALERTS01', 'in the channel the form was opened from');
    assert.match(
      String(told.body.text),
      /已静默 alertname=PodCrash, system=e-pay, severity=critical，至 .*（SIL-\d+）/,
    );
  });

  it('answers a click naming an alert group that does not exist, privately', async function () {
    const before = await h.zhiban.models.Silence.countDocuments();
    const ack = await slackClick(h, 'alert.ack', 'ALG-9999', { userId: OPS });
    assert.equal(ack.body.response_type, 'ephemeral');
    assert.match(replyText(ack.body), /没有找到告警分组 ALG-9999/);
    assert.equal(await h.zhiban.models.Silence.countDocuments(), before);
  });
});
