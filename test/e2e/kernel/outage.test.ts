// Issue 18, scenario 3, fast form: the database goes away (its engine's process killed, so its
// port refuses) for 5 s and comes back on the same data and port. Meanwhile every surface answers
// fast and honestly (webhooks 503 + Retry-After and nothing half-stored, commands "temporarily
// unavailable" within Slack's 3 s, /readyz 503, /healthz 200); within 5 s of its return everything
// works again by itself: intake, commands, Agenda, the outbox and the live feed ("its return": once
// it answers a client of its own, the engine's start-up not counted). The 30 s form is
// `npm run chaos`. This suite starts its own engine, so the shared one is never touched.
import { strict as assert } from 'node:assert';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { MongoClient } from 'mongodb';
import { startEmbeddedEngine, type EngineHandle } from '../../../src/db/embedded-engine.js';
import { anAlert, type GenericAlert } from '../../support/alert-sender.js';
import { ADMIN_SLACK, Harness, SLACK_SECRET, WEBHOOK_TOKEN } from '../../support/harness.js';
import { blockAction } from '../../support/slack-signer.js';
import { answerOf, cardTitle, replyText, sendCommand, slackCommand } from '../../support/slack-user.js';
import { waitUntil } from '../../support/wait-until.js';
import { WebUser, type LiveStream } from '../../support/web-user.js';
import { FAST_ALERT_GROUPS } from '../scenarios/alert-scenarios.js';

const CHANNEL = 'CALERTS912';
const UNAVAILABLE_ZH = '暂时无法处理：数据库没有响应。请稍后再试。';
const OUTAGE_MS = 5000;

async function timed<T>(call: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const started = performance.now();
  const value = await call();
  return { value, ms: performance.now() - started };
}

function postAlerts(url: string, alerts: GenericAlert[]) {
  return fetch(`${url}/webhooks/alerts`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${WEBHOOK_TOKEN}` },
    body: JSON.stringify(alerts),
  });
}

function engineOn(dataDir: string, port = 0): Promise<EngineHandle> {
  return startEmbeddedEngine({ dataDir, storage: 'file', port, log: () => undefined });
}

describe('A database outage', function () {
  this.timeout(90_000);
  let dataDir: string;
  let engine: EngineHandle;
  let h: Harness;
  let alice: WebUser;
  let stream: LiveStream;
  let port: number;
  let killedAt = 0;
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => void unhandled.push(reason);
  const batch = ['node-1', 'node-2', 'node-3'].map((node) => anAlert('OutageDiskFull', node));

  before(async function () {
    dataDir = await mkdtemp(join(tmpdir(), 'zhiban-outage-'));
    engine = await engineOn(dataDir);
    port = Number(new URL(engine.uri).port);
    h = await Harness.start({
      label: 'outage',
      slack: true,
      env: { MONGODB_URI: engine.uri, WEB_CONSOLE: 'on', ...FAST_ALERT_GROUPS },
      options: { web: { feed: { pollMs: 100 }, heartbeatMs: 300 } },
    });
    await slackCommand(h, 'channel set alerts', { userId: ADMIN_SLACK, channelId: CHANNEL });
    alice = await WebUser.signIn(h.url, 'alice');
    stream = await alice.stream();
    await waitUntil(async () => stream.events.some((e) => e.event === 'ready'), 'the live stream to be ready');
    process.on('unhandledRejection', onUnhandled);
  });

  after(async function () {
    process.off('unhandledRejection', onUnhandled);
    stream?.close();
    await h?.stop();
    await engine?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('answers on every surface within its deadline while the engine is gone, and stores nothing half', async function () {
    process.kill(engine.pid, 'SIGKILL');
    killedAt = performance.now();
    await waitUntil(async () => engine.pid && !processAlive(engine.pid), 'the engine to be gone');

    const [healthz, readyz, webhook, command, click, web] = await Promise.all([
      timed(() => fetch(`${h.url}/healthz`)),
      timed(() => fetch(`${h.url}/readyz`)),
      timed(() => postAlerts(h.url, batch)),
      timed(async () => answerOf(h, await sendCommand(h, 'list', { command: '/alert', channelId: CHANNEL }))),
      timed(async () => {
        const clicked = await blockAction(h.url, SLACK_SECRET, {
          actionId: 'alert.ack',
          value: 'ALG-1',
          userId: 'UUSER0001',
          channelId: CHANNEL,
          messageTs: '1700000000.000100',
          responseUrl: h.slack!.responseUrl('outage-click'),
        });
        assert.equal(clicked.status, 200, 'Slack gets its acknowledgement');
        return h.slack!.waitFor('response', { predicate: (c) => c.path.endsWith('/outage-click') });
      }),
      timed(() => alice.command('alerts', '/alert list')),
    ]);

    assert.equal(healthz.value.status, 200, '/healthz: the process is alive');
    assert.ok(healthz.ms < 500, `/healthz took ${healthz.ms} ms`);
    assert.equal(readyz.value.status, 503, '/readyz: not ready');
    assert.ok(readyz.ms < 1000, `/readyz took ${readyz.ms} ms`);
    assert.equal(webhook.value.status, 503, 'the webhook is refused');
    assert.equal(webhook.value.headers.get('retry-after'), '5');
    assert.equal(((await webhook.value.json()) as { error: string }).error, 'not_stored');
    assert.ok(webhook.ms < 5000, `the webhook took ${webhook.ms} ms`);
    assert.match(replyText(command.value), new RegExp(UNAVAILABLE_ZH), 'the command says so, not an empty list');
    assert.ok(command.ms < 3000, `the command took ${command.ms} ms`);
    assert.match(replyText(click.value.body), new RegExp(UNAVAILABLE_ZH));
    assert.ok(click.ms < 3000, `the click took ${click.ms} ms`);
    assert.equal(web.value.status, 503, JSON.stringify(web.value.body));
    assert.equal((web.value.body as { error: string }).error, 'database_unavailable');
    assert.ok(web.ms < 3000, `the console's command took ${web.ms} ms`);

    // Known unavailable by now: a webhook is refused at once.
    const again = await timed(() => postAlerts(h.url, batch));
    assert.equal(again.value.status, 503);
    assert.ok(again.ms < 300, `the second webhook took ${again.ms} ms`);
  });

  it('works again within 5 s of the engine’s return: readiness, intake, commands, jobs, outbox and live feed', async function () {
    // The rest of the outage, then the engine again on the same data and port.
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, OUTAGE_MS - (performance.now() - killedAt))));
    engine = await engineOn(dataDir, port);
    // "Returned" once it answers a client of its own: the engine's JVM starting up is not Zhiban's time.
    await answersPing(engine.uri);
    const back = performance.now();
    const since = () => Math.round(performance.now() - back);
    const within = { timeoutMs: 10_000, everyMs: 100 };

    // Each surface on its own, at once, so each is timed from the return (not after the others).
    const [readyMs, intakeMs, commandMs, cardMs] = await Promise.all([
      waitUntil(async () => (await fetch(`${h.url}/readyz`)).status === 200 && since(), '/readyz 200', within),
      // The sender sends again what was refused; then the flush job (Agenda) groups it.
      waitUntil(async () => (await postAlerts(h.url, batch)).status === 202 && since(), 'a 202', within),
      waitUntil(
        async () => {
          const list = await slackCommand(h, 'list', { command: '/alert', channelId: CHANNEL });
          return !replyText(list.reply).includes(UNAVAILABLE_ZH) && since();
        },
        'a command answered normally',
        within,
      ),
      // The outbox sends the group card, and the live stream opened before the outage (never
      // reconnected) carries the console's copy.
      (async () => {
        await h.slack!.waitFor('chat.postMessage', {
          predicate: (c) => c.body.channel === CHANNEL && cardTitle(c.body).includes('OutageDiskFull'),
          timeoutMs: 10_000,
        });
        return waitUntil(
          async () =>
            stream.messages().some((m) => (m.message.cards?.[0]?.title ?? '').includes('OutageDiskFull')) && since(),
          'the group card on the live stream',
          within,
        );
      })(),
    ]);
    const times = JSON.stringify({ readyMs, intakeMs, commandMs, cardMs });
    for (const ms of [readyMs, intakeMs, commandMs, cardMs]) assert.ok(ms < 5000, `after the return: ${times}`);

    // Stored once, each with its group: nothing half-stored during the outage.
    const stored = await h.zhiban.models.Alert.find({ name: 'OutageDiskFull' }).lean();
    assert.deepEqual(stored.map((a) => a._id).sort(), batch.map((a) => a.fingerprint).sort());
    const groups = await h.zhiban.models.AlertGroup.find({ _id: { $in: stored.map((a) => a.groupKey) } }).lean();
    assert.equal(groups.length, 1, 'the alerts’ group is stored');
    const list = await slackCommand(h, 'list', { command: '/alert', channelId: CHANNEL });
    assert.match(replyText(list.reply), /OutageDiskFull/);
    assert.deepEqual(unhandled, [], 'no unhandled rejection');
  });
});

/** Resolves once the database at `uri` answers a ping of a client of its own. */
async function answersPing(uri: string): Promise<void> {
  const client = new MongoClient(uri, { serverSelectionTimeoutMS: 10_000 });
  try {
    await client.db().admin().ping();
  } finally {
    await client.close();
  }
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
