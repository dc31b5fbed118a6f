// An alert storm end to end: alerts through the webhook into 30 groups, whose cards pass the alerts
// channel's threshold; the digest names them worst first, a restart comes in the middle, 429s and
// 5xx are injected, and in the end every group's card shows its last count and no alert is lost.
import { strict as assert } from 'node:assert';
import type { AlertGroup } from '../../../models/alerts/alert-group.js';
import type { OutboxState } from '../../../models/core/outbox-message.js';
import type { RecordedCall } from '../../support/fake-slack.js';
import { anAlert, sendAlerts, type GenericAlert } from '../../support/alert-sender.js';
import { Harness, TEST_OUTBOX } from '../../support/harness.js';
import { bindChannel, maxInWindow } from '../../support/outbox-world.js';
import { cardTitle, replyText } from '../../support/slack-user.js';
import { waitUntil } from '../../support/wait-until.js';

const CHANNEL = 'CALSTORM1';
const GROUPS = 30;
const UNSETTLED: OutboxState[] = ['pending', 'sending', 'held'];

/** Group g: critical for the first three, then major and minor; `count` alerts each from `first`. */
function wave(first: number, count: number): GenericAlert[] {
  return Array.from({ length: GROUPS }, (_, g) => g).flatMap((g) =>
    Array.from({ length: count }, (_, k) =>
      anAlert(`Storm${g}`, `node-${first + k}`, { severity: g < 3 ? 'critical' : g % 2 ? 'major' : 'minor' }),
    ),
  );
}

describe('Outbox: storms of alerts', function () {
  this.timeout(60_000);
  let h: Harness;
  const writes = () =>
    h.slack!.calls.filter(
      (c) => (c.method === 'chat.postMessage' || c.method === 'chat.update') && c.body.channel === CHANNEL,
    );
  const tsOf = (c: RecordedCall) => (c.method === 'chat.update' ? c.body.ts : (c.response as { ts?: string }).ts);

  before(async function () {
    h = await Harness.start({
      label: 'outbox-storm-alerts',
      slack: true,
      env: {
        WEB_CONSOLE: 'off',
        DEFAULT_LOCALE: 'en',
        ALERT_GROUP_WAIT: '1s',
        ALERT_GROUP_INTERVAL: '2s',
        ALERT_REPEAT_INTERVAL: '1h',
      },
      options: { outbox: { ...TEST_OUTBOX, storm: { enterAt: 6, leaveAt: 2, digestEveryMs: 300 } } },
    });
    await bindChannel(h, 'slack', 'alerts', CHANNEL);
  });

  after(async function () {
    await h?.stop();
  });

  it('names every group in a digest, worst first, and shows each group’s last count after a restart', async function () {
    h.slack!.failNext('chat.postMessage', { status: 429, retryAfterSeconds: 1 });
    h.slack!.failNext('chat.update', { status: 503 });
    await sendAlerts(h, wave(0, 5));
    const digest = await h.slack!.waitFor('chat.postMessage', {
      predicate: (c) => c.body.channel === CHANNEL && cardTitle(c.body).startsWith('Alert storm'),
      timeoutMs: 15_000,
    });
    assert.equal(cardTitle(digest.body), `Alert storm: ${GROUPS * 5} alerts in ${GROUPS} groups in the last minute`);
    const worst = /Worst groups first:\\n• \[P1 critical\] (ALG-\d+) · Storm[012] · e-pay — 5 in the last minute/;
    assert.match(replyText(digest.body), worst);
    const ids = (await h.zhiban.models.AlertGroup.find({}, { shortId: 1 }).lean<AlertGroup[]>()).map((g) => g.shortId);
    assert.equal(ids.length, GROUPS);
    for (const id of ids) assert.match(replyText(digest.body), new RegExp(`${id}\\b`), `${id} is named`);

    await waitUntil(
      async () => (await h.zhiban.models.OutboxMessage.countDocuments({ state: 'held' })) > 3,
      'cards held behind the digest',
    );
    await h.restart();
    await sendAlerts(h, wave(5, 2));
    await waitUntil(
      async () =>
        (await h.zhiban.models.OutboxStorm.findById(`slack:${CHANNEL}`).lean())?.endedAt &&
        (await h.zhiban.models.AlertGroup.countDocuments({ firing: 7 })) === GROUPS &&
        (await h.zhiban.models.OutboxMessage.countDocuments({ state: { $in: UNSETTLED } })) === 0,
      'the storm to pass and every card to be sent',
      { timeoutMs: 45_000, everyMs: 200 },
    );

    const calls = writes();
    for (const group of await h.zhiban.models.AlertGroup.find({}).lean<AlertGroup[]>()) {
      const ref = await h.zhiban.models.MessageRef.lookup('slack', `alert-group:${group.shortId}`);
      const last = calls.filter((c) => c.status === 200 && tsOf(c) === ref?.messageId).at(-1);
      assert.ok(last, `${group.shortId} has a card`);
      assert.match(replyText(last.body), /7 \/ 0 \/ 0/, `${group.shortId} shows its last count`);
    }
    const posted = calls.filter((c) => c.method === 'chat.postMessage' && c.status === 200 && !c.body.thread_ts);
    assert.equal(posted.length, GROUPS + 1, 'one card per group, and one digest card');
    assert.ok(
      maxInWindow(
        calls.map((c) => c.at),
        200,
      ) <= 2,
      'never more than the rate',
    );
    assert.equal(await h.zhiban.models.Alert.countDocuments(), GROUPS * 7, 'no alert lost');
  });
});
