// Database round trips per operation (issue 18, "The hot path"), read from Zhiban's own histogram
// `zhiban_db_round_trips` (the driver's command monitoring, counted per operation): `/ops help`,
// `/incident declare`, `incident.ack`, one alert webhook batch (of 1 and of 100 alerts: the count
// must not grow with the batch), `restore.approve` and `survey.rate`, each on a warm Zhiban over
// Slack's signed HTTP. The numbers are printed for bench/RESULTS.md; each is held to the ceiling
// it meets today, so a change that adds round trips to the hot path fails here and says which.
import { strict as assert } from 'node:assert';
import { cardValue } from '../../../src/chat/card-value.js';
import { anAlert, sendAlerts } from '../../support/alert-sender.js';
import { ADMIN_SLACK, Harness } from '../../support/harness.js';
import { approver, clickRestore, requestRestore, restoreWorld } from '../../support/restore-world.js';
import { slackClick, slackCommand } from '../../support/slack-user.js';
import { clickInDirect, slackDirectOnce } from '../../support/survey-world.js';
import { waitUntil } from '../../support/wait-until.js';

/** The round trips one operation of `kind`/`name` took: the histogram's sum grows by it. */
async function roundTripsOf(h: Harness, kind: string, name: string, act: () => Promise<unknown>): Promise<number> {
  const read = async () => {
    const values = (await h.zhiban.metrics.roundTrips.get()).values;
    const pick = (suffix: string) =>
      values.find(
        (v) => v.metricName === `zhiban_db_round_trips${suffix}` && v.labels.kind === kind && v.labels.name === name,
      )?.value ?? 0;
    return { sum: pick('_sum'), count: pick('_count') };
  };
  const before = await read();
  await act();
  // A click's answer can reach Slack before its handler has returned and been counted.
  const after = await waitUntil(async () => {
    const now = await read();
    return now.count > before.count ? now : undefined;
  }, `${kind} ${name} counted`);
  assert.equal(after.count - before.count, 1, `one ${kind} ${name} observed`);
  return after.sum - before.sum;
}

describe('Database round trips per operation', function () {
  this.timeout(60_000);
  let h: Harness;
  const measured: Record<string, number> = {};

  before(async function () {
    h = await Harness.start({ label: 'round-trips', slack: true, env: { RESTORE_APPROVALS_REQUIRED: '2' } });
    await restoreWorld(h, 2);
    await h.zhiban.models.UserProfile.create({ _id: 'slack:USUPPORT01', roles: ['support'] });
    // Cards and thread lines are stored as they are for a team: its incidents channel is bound.
    await slackCommand(h, 'channel set incidents', { userId: ADMIN_SLACK, channelId: 'CINCIDENT1' });
    // Warm: the first of each reads what later ones find cached (the person's profile, channel bindings).
    await slackCommand(h, 'help', { userId: ADMIN_SLACK });
    await slackCommand(h, 'declare P3 technical warm-up', { command: '/incident', userId: ADMIN_SLACK });
  });

  after(async function () {
    console.log(`      round trips: ${JSON.stringify(measured)}`);
    await h?.stop();
  });

  it('/ops help', async function () {
    measured['/ops help'] = await roundTripsOf(h, 'command', 'ops', () =>
      slackCommand(h, 'help', { userId: ADMIN_SLACK }),
    );
    assert.ok(measured['/ops help'] <= 1, `${measured['/ops help']} round trips`);
  });

  it('/incident declare, then incident.ack on its card', async function () {
    let id = '';
    measured['/incident declare'] = await roundTripsOf(h, 'command', 'incident', async () => {
      const { reply } = await slackCommand(h, 'declare P2 technical 政务网关超时', {
        command: '/incident',
        userId: ADMIN_SLACK,
      });
      id = /INC-\d+/.exec(JSON.stringify(reply))?.[0] ?? '';
    });
    assert.ok(id, 'declared');
    measured['incident.ack'] = await roundTripsOf(h, 'action', 'incident.ack', () =>
      slackClick(h, 'incident.ack', cardValue(id, 0), { userId: ADMIN_SLACK }),
    );
    assert.ok(measured['/incident declare'] <= CEILING.declare, `declare: ${measured['/incident declare']}`);
    assert.ok(measured['incident.ack'] <= CEILING.click, `ack: ${measured['incident.ack']}`);
  });

  it('one alert webhook batch, the same for 1 alert and for 100', async function () {
    measured['alerts ×1'] = await roundTripsOf(h, 'webhook', '/alerts', () =>
      sendAlerts(h, anAlert('RoundTrip', 'one')),
    );
    const hundred = Array.from({ length: 100 }, (_, i) => anAlert(`RoundTrip${i % 7}`, `host-${i}`));
    measured['alerts ×100'] = await roundTripsOf(h, 'webhook', '/alerts', () => sendAlerts(h, hundred));
    assert.ok(measured['alerts ×100'] <= CEILING.webhook, `a batch of 100: ${measured['alerts ×100']}`);
    assert.ok(measured['alerts ×100'] <= measured['alerts ×1'] + 1, 'does not grow with the batch');
  });

  it('restore.approve', async function () {
    const id = await requestRestore(h);
    measured['restore.approve'] = await roundTripsOf(h, 'action', 'restore.approve', () =>
      clickRestore(h, 'approve', id, approver(1)),
    );
    assert.ok(measured['restore.approve'] <= CEILING.approve, `approve: ${measured['restore.approve']}`);
  });

  it('survey.rate', async function () {
    await slackCommand(h, 'send slack:UASKED0001', { command: '/survey', userId: 'USUPPORT01' });
    await slackDirectOnce(h, 'UASKED0001', 2);
    const survey = await h.zhiban.models.Survey.findOne({ person: 'slack:UASKED0001' }).lean();
    assert.ok(survey);
    measured['survey.rate'] = await roundTripsOf(h, 'action', 'survey.rate', () =>
      clickInDirect(h, 'UASKED0001', 'survey.rate', `${String(survey._id)}:timeliness:4`),
    );
    assert.ok(measured['survey.rate'] <= CEILING.click, `rate: ${measured['survey.rate']}`);
  });
});

/**
 * Ceilings over today's counts (2026-12-01, the incidents channel bound: declare 10, incident.ack 7,
 * a webhook batch 4, restore.approve 7, survey.rate 7; before this day's work 15, 17, 4, 17 and 15),
 * with room for what a process remembers for 5 s (a channel's binding, its language, that it is
 * calm: src/domains/ops/rules/channel-directory.ts, src/notify/outbox-storms.ts) running out between
 * two operations of a slow run: up to four reads more. Issue 18's goals are lower (help ≤ 1, a
 * click ≤ 3, declare ≤ 4, a webhook batch ≤ 3); bench/RESULTS.md says where the rest go.
 */
const CEILING = { declare: 14, click: 11, webhook: 4, approve: 11 };
