// What only Slack does with incidents: the card as Block Kit in a coloured attachment, edited with
// chat.update on its ts, steps posted with thread_ts; the declare modal opened with the command's
// trigger_id; a retried request answered once. The lifecycle itself is in incident-scenarios.test.ts.
import { strict as assert } from 'node:assert';
import { ADMIN_SLACK, Harness, SLACK_SECRET } from '../../support/harness.js';
import { slashCommand } from '../../support/slack-signer.js';
import { waitUntil } from '../../support/wait-until.js';
import { cardTitle, slackClick, slackCommand, submitLastModal } from '../../support/slack-user.js';

const CHANNEL = 'CINCIDENT1';
const OPS = 'USYSOPS001';

describe('Slack: incidents, as Slack shows them', function () {
  let h: Harness;

  before(async function () {
    h = await Harness.start({ label: 'slack-incident', slack: true });
    await slackCommand(h, 'channel set incidents', { userId: ADMIN_SLACK, channelId: CHANNEL });
    await h.zhiban.models.UserProfile.create({ _id: `slack:${OPS}`, roles: ['sysops'] });
  });

  after(async function () {
    await h?.stop();
  });

  it('posts the card as a red attachment of Block Kit for a P1, edits it on its ts, and threads the steps under it', async function () {
    await slackCommand(h, 'declare P1 technical 统一身份认证无法登录', { command: '/incident' });
    const post = await h.slack!.waitFor('chat.postMessage', { predicate: (c) => c.body.channel === CHANNEL });
    assert.equal(cardTitle(post.body), '[P1] INC-1 · 统一身份认证无法登录');
    const [attachment] = post.body.attachments as Array<{ color: string; fallback: string; blocks: unknown[] }>;
    assert.equal(attachment!.color, '#D0021B', 'a P1 card is red');
    assert.equal(attachment!.fallback, '[P1] INC-1 · 统一身份认证无法登录');
    const actions = attachment!.blocks.find((b) => (b as { type: string }).type === 'actions') as {
      elements: Array<{ type: string; action_id: string; value: string; style?: string }>;
    };
    assert.deepEqual(
      actions.elements.map((e) => [e.type, e.action_id, e.value, e.style]),
      [
        ['button', 'incident.ack', 'INC-1~0', 'primary'],
        ['button', 'incident.assign_me', 'INC-1~0', undefined],
        ['button', 'incident.escalate', 'INC-1~0', 'danger'],
      ],
    );
    const ts = (post.response as { ts: string }).ts;

    const acked = await slackClick(h, 'incident.ack', 'INC-1', { userId: OPS, channelId: CHANNEL });
    assert.equal(acked.body.replace_original, true, 'the clicked card is replaced through response_url');
    const edited = await h.slack!.waitFor('chat.update', { predicate: (c) => c.body.ts === ts });
    assert.equal(edited.body.channel, CHANNEL);
    assert.match(JSON.stringify(edited.body), /已确认现象/);
    const step = await h.slack!.waitFor('chat.postMessage', { predicate: (c) => c.body.thread_ts === ts });
    assert.equal(step.body.channel, CHANNEL);
    assert.match(String(step.body.text), /已申报（待确认） → 已确认现象/);
  });

  it('opens the declare modal with the command’s trigger_id when /incident is typed alone', async function () {
    const opened = h.slack!.callsTo('views.open').length;
    const args = {
      command: '/incident',
      text: '',
      userId: 'UUSER0001',
      channelId: 'CGENERAL01',
      responseUrl: h.slack!.responseUrl('alone'),
      triggerId: 'trigger-alone-1',
    };
    const http = await slashCommand(h.url, SLACK_SECRET, args);
    assert.equal(http.status, 200);
    const form = await h.slack!.waitFor('views.open', { count: opened + 1 });
    assert.equal(form.body.trigger_id, 'trigger-alone-1');
    const view = form.body.view as { type: string; callback_id: string; private_metadata: string };
    assert.equal(view.type, 'modal');
    assert.equal(view.callback_id, 'incident.declare');
    assert.deepEqual(JSON.parse(view.private_metadata), { c: 'CGENERAL01' }, 'the answer goes where it was typed');
    await submitLastModal(h, { title: '一网通办登录页白屏', severity: 'P2', category: 'technical' });
    const told = await h.slack!.waitFor('chat.postEphemeral', {
      predicate: (c) => c.body.user === 'UUSER0001' && String(c.body.text).includes('已申报'),
    });
    assert.equal(told.body.channel, 'CGENERAL01');
    const incident = await waitUntil(
      () =>
        h.zhiban.models.Incident.findOne({ title: '一网通办登录页白屏' })
          .lean()
          .then((i) => i ?? undefined),
      'the incident from the form',
    );
    assert.equal(incident.severity, 'P2');
  });

  it('gives one incident for a declare retried by Slack with the same trigger', async function () {
    const before = await h.zhiban.models.Incident.countDocuments();
    const args = {
      command: '/incident',
      text: 'declare P3 政务网关延迟升高',
      userId: 'UUSER0001',
      channelId: 'CGENERAL01',
      responseUrl: h.slack!.responseUrl('retry-a'),
      triggerId: 'trigger-retried-1',
    };
    const first = await slashCommand(h.url, SLACK_SECRET, args);
    assert.match(JSON.stringify(first.json), /已申报 INC-\d+/);
    const again = await slashCommand(h.url, SLACK_SECRET, args, { retryNum: 1, retryReason: 'http_timeout' });
    assert.match(JSON.stringify(again.json), /已经申报过了/);
    assert.equal(await h.zhiban.models.Incident.countDocuments(), before + 1);
  });
});
