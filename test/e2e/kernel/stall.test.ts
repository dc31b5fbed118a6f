// A database that stops answering (its process SIGSTOPped, as a frozen VM or a full disk would
// leave it): every surface answers fast and honestly meanwhile, and everything resumes by itself
// once it answers again. This suite starts its own engine, so the shared one is never stalled.
// The longer form (a 20 s stall) is `npm run chaos`.
import { strict as assert } from 'node:assert';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { startEmbeddedEngine, type EngineHandle } from '../../../src/db/embedded-engine.js';
import { anAlert, type GenericAlert } from '../../support/alert-sender.js';
import { ADMIN_SLACK, Harness, WEBHOOK_TOKEN } from '../../support/harness.js';
import { blockAction } from '../../support/slack-signer.js';
import { answerOf, cardTitle, replyText, sendCommand, slackCommand } from '../../support/slack-user.js';
import { SLACK_SECRET } from '../../support/harness.js';
import { waitUntil } from '../../support/wait-until.js';
import { WebUser, type LiveStream } from '../../support/web-user.js';
import { FAST_ALERT_GROUPS } from '../scenarios/alert-scenarios.js';

const CHANNEL = 'CALERTS911';
const UNAVAILABLE_ZH = '暂时无法处理：数据库没有响应。请稍后再试。';

/** Runs `call` and answers what it gave with the milliseconds it took. */
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

describe('A stalled database', function () {
  this.timeout(60_000);
  let dataDir: string;
  let engine: EngineHandle;
  let h: Harness;
  let alice: WebUser;
  let stream: LiveStream;
  let stalled = false;
  const batch = ['node-1', 'node-2', 'node-3'].map((node) => anAlert('StallDiskFull', node));

  before(async function () {
    dataDir = await mkdtemp(join(tmpdir(), 'zhiban-stall-'));
    engine = await startEmbeddedEngine({ dataDir, storage: 'memory', log: () => undefined });
    h = await Harness.start({
      label: 'stall',
      slack: true,
      env: { MONGODB_URI: engine.uri, WEB_CONSOLE: 'on', ...FAST_ALERT_GROUPS },
      options: { web: { feed: { pollMs: 100 }, heartbeatMs: 300 } },
    });
    await slackCommand(h, 'channel set alerts', { userId: ADMIN_SLACK, channelId: CHANNEL });
    alice = await WebUser.signIn(h.url, 'alice');
    stream = await alice.stream();
    await waitUntil(async () => stream.events.some((e) => e.event === 'ready'), 'the live stream to be ready');
  });

  after(async function () {
    if (stalled) process.kill(engine.pid, 'SIGCONT');
    stream?.close();
    await h?.stop();
    await engine?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('answers on every surface within its deadline while the engine is stopped', async function () {
    process.kill(engine.pid, 'SIGSTOP');
    stalled = true;

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
          responseUrl: h.slack!.responseUrl('stalled-click'),
        });
        assert.equal(clicked.status, 200, 'Slack gets its acknowledgement');
        return h.slack!.waitFor('response', { predicate: (c) => c.path.endsWith('/stalled-click') });
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
    assert.equal(web.value.status, 503);
    assert.equal((web.value.body as { error: string }).error, 'database_unavailable');
    assert.ok(web.ms < 3000, `the console's command took ${web.ms} ms`);

    // Now that the stall is known, a webhook is refused at once, before anything is tried.
    const known = await timed(() => postAlerts(h.url, batch));
    assert.equal(known.value.status, 503);
    assert.ok(known.ms < 500, `the second webhook took ${known.ms} ms`);
  });

  it('resumes by itself once the engine answers again: readiness, intake, commands, jobs, outbox and live feed', async function () {
    process.kill(engine.pid, 'SIGCONT');
    stalled = false;
    const resumed = performance.now();
    await waitUntil(async () => (await fetch(`${h.url}/readyz`)).status === 200, '/readyz to answer 200 again', {
      timeoutMs: 5000,
    });
    assert.ok(performance.now() - resumed < 5000);

    // The sender sends again what was refused: stored once, each with its group, nothing half-stored.
    const again = await postAlerts(h.url, batch);
    assert.equal(again.status, 202);
    const stored = await h.zhiban.models.Alert.find({ name: 'StallDiskFull' }).lean();
    assert.deepEqual(stored.map((a) => a._id).sort(), batch.map((a) => a.fingerprint).sort());
    const groups = await h.zhiban.models.AlertGroup.find({ _id: { $in: stored.map((a) => a.groupKey) } }).lean();
    assert.equal(groups.length, 1, 'the alerts’ group is stored');

    const list = await slackCommand(h, 'list', { command: '/alert', channelId: CHANNEL });
    assert.doesNotMatch(replyText(list.reply), new RegExp(UNAVAILABLE_ZH));
    assert.match(replyText(list.reply), /StallDiskFull/);

    // The flush job runs, the outbox sends the card, and the live stream opened before the stall
    // (never reconnected) carries the console's copy.
    await h.slack!.waitFor('chat.postMessage', {
      predicate: (c) => c.body.channel === CHANNEL && cardTitle(c.body).includes('StallDiskFull'),
    });
    await waitUntil(
      async () => stream.messages().some((m) => (m.message.cards?.[0]?.title ?? '').includes('StallDiskFull')),
      'the group card on the live stream',
    );
  });
});
