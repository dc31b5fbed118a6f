// What real senders send (issue 9, parts 3–5), through the real webhooks to the card in the alerts
// channel: a resolve whose fingerprint differs in case, what Alertmanager left out, the alert's own
// start, alerts named without an instance label, Grafana's Error annotation and its test button.
import { strict as assert } from 'node:assert';
import type { AlertGroup } from '../../../models/alerts/alert-group.js';
import { ADMIN_SLACK, Harness, WEBHOOK_TOKEN } from '../../support/harness.js';
import { cardTitle, replyText, slackCommand } from '../../support/slack-user.js';
import { waitUntil } from '../../support/wait-until.js';

const CHANNEL = 'CSENDERS01';

async function post(h: Harness, path: string, body: unknown): Promise<{ status: number; json: unknown }> {
  const res = await fetch(`${h.zhiban.url}/webhooks/${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${WEBHOOK_TOKEN}` },
    body: JSON.stringify(body),
  });
  return { status: res.status, json: await res.json() };
}

function alertmanager(
  status: 'firing' | 'resolved',
  alerts: Array<Record<string, unknown>>,
  extra: Record<string, unknown> = {},
) {
  return { version: '4', status, receiver: 'zhiban', groupKey: '{}:{alertname="x"}', alerts, ...extra };
}

describe('What real senders send, on the card', function () {
  this.timeout(30_000);
  let h: Harness;

  before(async function () {
    h = await Harness.start({
      label: 'senders',
      slack: true,
      env: { ALERT_GROUP_WAIT: '1s', ALERT_GROUP_INTERVAL: '2s' },
    });
    await slackCommand(h, 'channel set alerts', { userId: ADMIN_SLACK, channelId: CHANNEL });
  });

  after(async function () {
    await h?.stop();
  });

  const cardOf = (name: string) =>
    h.slack!.waitFor('chat.postMessage', {
      predicate: (c) => c.body.channel === CHANNEL && !c.body.thread_ts && cardTitle(c.body).includes(name),
    });
  const group = (name: string) => h.zhiban.models.AlertGroup.findOne({ name }).lean<AlertGroup>();

  it('resolves the alert whose resolve notice carries its hexadecimal fingerprint in another case', async function () {
    const labels = { alertname: 'RedisDown', severity: 'critical', system: 'rw-am8', instance: 'redis-1:6379' };
    const firing = await post(
      h,
      'alertmanager',
      alertmanager('firing', [
        { status: 'firing', labels, fingerprint: '3F2A9C0D1B4E5A6F', startsAt: new Date().toISOString() },
      ]),
    );
    assert.equal(firing.status, 202);
    await cardOf('RedisDown');
    const resolved = await post(
      h,
      'alertmanager',
      alertmanager('resolved', [{ status: 'resolved', labels, fingerprint: '3f2a9c0d1b4e5a6f' }]),
    );
    assert.equal(resolved.status, 202);
    assert.equal(await h.zhiban.models.Alert.countDocuments({ name: 'RedisDown' }), 1, 'one alert, not two');
    const done = await waitUntil(async () => {
      const g = await group('RedisDown');
      return g?.state === 'resolved' ? g : undefined;
    }, 'the group to resolve');
    assert.deepEqual([done.firing, done.resolved], [0, 1]);
  });

  it('counts and says the alerts Alertmanager left out (truncatedAlerts)', async function () {
    const alerts = ['a', 'b', 'c'].map((n) => ({
      status: 'firing',
      labels: { alertname: 'PodCrashLooping', severity: 'major', system: 'e-gov', pod: `web-${n}` },
    }));
    const answer = await post(h, 'alertmanager', alertmanager('firing', alerts, { truncatedAlerts: 37 }));
    assert.deepEqual(answer, { status: 202, json: { accepted: 3 } });
    const card = await cardOf('PodCrashLooping');
    const text = replyText(card.body);
    assert.match(text, /40 \/ 0 \/ 0/, 'the count reflects what was left out: 3 + 37 firing');
    assert.match(text, /另有 37 条告警被发送方省略（超出其 max_alerts）/);
    const line = await h.slack!.waitFor('chat.postMessage', {
      predicate: (c) =>
        c.body.channel === CHANNEL && Boolean(c.body.thread_ts) && /省略了 37 条告警/.test(String(c.body.text)),
    });
    assert.ok(line, 'the thread says it too');
  });

  it('shows the alert’s own start as “first seen”, ignoring Alertmanager’s zero time', async function () {
    const started = '2026-11-29T01:02:00Z'; // 09:02 in Asia/Shanghai
    await post(
      h,
      'alertmanager',
      alertmanager('firing', [
        {
          status: 'firing',
          labels: { alertname: 'CertExpiring', severity: 'minor', system: 'e-id', instance: 'lb-1' },
          startsAt: started,
          endsAt: '0001-01-01T00:00:00Z',
        },
      ]),
    );
    const card = await cardOf('CertExpiring');
    assert.match(replyText(card.body), /2026-11-29 09:02/);
    assert.equal((await group('CertExpiring'))?.startedAt?.toISOString(), '2026-11-29T01:02:00.000Z');
  });

  it('names alerts without an instance label by the labels that set them apart, not by fingerprint', async function () {
    await post(h, 'alerts', [
      {
        source: 'zabbix',
        name: 'MemoryHigh',
        status: 'firing',
        severity: 'major',
        summary: 'memory above 90%',
        labels: { system: 'e-tax', node: 'n1', zone: 'a' },
      },
      {
        source: 'zabbix',
        name: 'MemoryHigh',
        status: 'firing',
        severity: 'major',
        summary: 'memory above 90%',
        labels: { system: 'e-tax', node: 'n2', zone: 'a' },
      },
    ]);
    const text = replyText((await cardOf('MemoryHigh')).body);
    assert.match(text, /node=n1, zone=a: memory above 90%/);
    assert.match(text, /node=n2, zone=a: memory above 90%/);
    assert.doesNotMatch(text, /[0-9a-f]{16}: memory/, 'no fingerprint stands for a name');
  });

  it('puts the error of a failing Grafana data source on the card', async function () {
    await post(h, 'grafana', {
      receiver: 'zhiban',
      status: 'firing',
      orgId: 1,
      version: '1',
      alerts: [
        {
          status: 'firing',
          labels: { alertname: 'DatasourceError', rulename: 'API latency', system: 'e-pay' },
          annotations: { Error: 'failed to execute query A: dial tcp 10.0.0.5:9090: connect: connection refused' },
          fingerprint: 'aa11bb22cc33dd44',
        },
      ],
    });
    assert.match(replyText((await cardOf('DatasourceError')).body), /connection refused/);
  });

  it('shows Grafana’s contact-point test once, as a test, and leaves nothing firing', async function () {
    const test = {
      receiver: 'test',
      status: 'firing',
      orgId: 1,
      version: '1',
      alerts: [
        {
          status: 'firing',
          labels: { alertname: 'TestAlert', instance: 'Grafana' },
          annotations: { summary: 'Notification test' },
          startsAt: '2026-11-30T08:00:00Z',
          fingerprint: '57c6d9296de2ad39',
        },
      ],
    };
    assert.deepEqual(await post(h, 'grafana', test), { status: 202, json: { accepted: 1 } });
    const card = await h.slack!.waitFor('chat.postMessage', {
      predicate: (c) => c.body.channel === CHANNEL && /测试通知已收到/.test(replyText(c.body)),
    });
    assert.match(replyText(card.body), /Grafana 测试通知已收到/);
    assert.equal(await h.zhiban.models.Alert.countDocuments({ name: 'TestAlert' }), 0, 'nothing stored as firing');
    assert.equal(await h.zhiban.models.AlertGroup.countDocuments({ name: 'TestAlert' }), 0, 'no group');
  });

  it('shows the first card within about a second of ALERT_GROUP_WAIT=1s', async function () {
    const sent = Date.now();
    await post(h, 'alerts', {
      source: 'test',
      name: 'QuickOne',
      status: 'firing',
      severity: 'critical',
      labels: { system: 'x', instance: 'q1' },
    });
    await cardOf('QuickOne');
    const took = Date.now() - sent;
    assert.ok(took < 2500, `the first card came ${took} ms after the alert (group wait 1000 ms)`);
  });
});
