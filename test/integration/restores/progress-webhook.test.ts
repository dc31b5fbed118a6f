// POST /webhooks/restores/:id on a real Zhiban: the executor's progress moves an approved restore
// (running, succeeded with the restored data's checksum, failed with a message); a checksum that
// differs from the backup's fails it and raises a finding in the backups channel, which a later
// matching restore of the system clears; bad input, a wrong token, an unknown id and a restore
// never approved are refused with the reason and change nothing; the same report twice is one.
import { strict as assert } from 'node:assert';
import type { Alert } from '../../../models/alerts/alert.js';
import { checksumFingerprint } from '../../../src/domains/restores/rules/checksum-finding.js';
import { FAST_ALERT_GROUPS } from '../../e2e/scenarios/alert-scenarios.js';
import { EXECUTOR_SECRET, FakeExecutor } from '../../support/fake-executor.js';
import { ADMIN_SLACK, Harness } from '../../support/harness.js';
import {
  approver,
  BACKUP_CHECKSUM,
  clickRestore,
  REQUESTER,
  requestRestore,
  restoreOf,
  restoreWorld,
} from '../../support/restore-world.js';
import { slackCommand } from '../../support/slack-user.js';
import { waitUntil } from '../../support/wait-until.js';

describe('POST /webhooks/restores/:id', function () {
  this.timeout(30_000);
  let executor: FakeExecutor;
  let h: Harness;

  before(async function () {
    executor = await FakeExecutor.start();
    h = await Harness.start({
      label: 'restore-progress',
      slack: true,
      env: { RESTORE_EXECUTOR_URL: executor.url, RESTORE_EXECUTOR_SECRET: EXECUTOR_SECRET, ...FAST_ALERT_GROUPS },
    });
    await restoreWorld(h);
    await slackCommand(h, 'channel set backups', { userId: ADMIN_SLACK, channelId: 'CBACKUPS01' });
  });

  after(async function () {
    await h?.stop();
    await executor?.stop();
  });

  const report = (id: string, body: unknown, token?: string) => FakeExecutor.report(h.url, id, body, token);
  /** Requested and approved; answers once the executor has it. */
  const approved = async () => {
    const id = await requestRestore(h);
    await clickRestore(h, 'approve', id, approver(1));
    await waitUntil(async () => (await restoreOf(h, id)).execution?.state === 'delivered', `${id} delivered`);
    return id;
  };
  const versionOf = async (id: string) => (await restoreOf(h, id)).version;

  it('refuses a call without the token, or with a wrong one, and changes nothing', async function () {
    const id = await approved();
    const before = await versionOf(id);
    const none = await fetch(`${h.url}/webhooks/restores/${id}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ status: 'running' }),
    });
    assert.equal(none.status, 401);
    assert.equal((await report(id, { status: 'running' }, 'not-the-token')).status, 401);
    assert.equal(await versionOf(id), before);
  });

  it('answers 404 for an unknown restore', async function () {
    const answer = await report('RST-9999', { status: 'running' });
    assert.equal(answer.status, 404);
    assert.deepEqual(answer.json, { error: 'not_found', details: ['id: no restore RST-9999'] });
    assert.equal((await report('x'.repeat(300), { status: 'running' })).status, 404);
  });

  it('refuses progress for a restore that was never approved', async function () {
    const id = await requestRestore(h);
    const answer = await report(id, { status: 'succeeded', checksum: BACKUP_CHECKSUM });
    assert.equal(answer.status, 409);
    assert.equal(answer.json.error, 'not_approved');
    assert.match(String((answer.json.details as string[])[0]), /never approved \(it is pending\)/);
    const restore = await restoreOf(h, id);
    assert.equal(restore.state, 'pending');
    assert.equal(restore.version, 0);
  });

  it('names each bad field with 400, a 10 KB message among them, and changes nothing', async function () {
    const id = await approved();
    const before = await versionOf(id);
    const cases: Array<[unknown, RegExp]> = [
      [{ status: 'done' }, /^status: must be one of running, succeeded, failed$/],
      [{ status: 'succeeded' }, /^checksum: required when status is succeeded/],
      [{ status: 'failed', message: 'x'.repeat(10_240) }, /^message: at most 2000 characters$/],
      [{ status: 'running', checksum: 42 }, /^checksum: must be a string$/],
      [[{ status: 'running' }], /^\(body\): must be an object/],
    ];
    for (const [body, detail] of cases) {
      const answer = await report(id, body);
      assert.equal(answer.status, 400, JSON.stringify(body).slice(0, 80));
      assert.equal(answer.json.error, 'invalid_payload');
      assert.match(String((answer.json.details as string[])[0]), detail);
    }
    const malformed = await report(id, '{"status": ');
    assert.equal(malformed.status, 400);
    assert.equal(await versionOf(id), before);
  });

  it('takes running then succeeded with the backup’s checksum; the same report again changes nothing', async function () {
    const id = await approved();
    const running = await report(id, { status: 'running', message: 'copying to the target' });
    assert.deepEqual(running, { status: 202, json: { accepted: 1, id, state: 'running', changed: true } });
    assert.equal((await report(id, { status: 'running' })).json.changed, false);
    const done = await report(id, { status: 'succeeded', checksum: BACKUP_CHECKSUM.toUpperCase() });
    assert.equal(done.status, 202);
    assert.equal(done.json.state, 'succeeded');
    const again = await report(id, { status: 'succeeded', checksum: BACKUP_CHECKSUM.toUpperCase() });
    assert.deepEqual(again.json, { accepted: 1, id, state: 'succeeded', changed: false });
    const late = await report(id, { status: 'running' });
    assert.deepEqual([late.status, late.json.changed], [202, false], 'a late running changes nothing');
    const contrary = await report(id, { status: 'failed', message: 'oops' });
    assert.deepEqual([contrary.status, contrary.json.error], [409, 'progress_refused']);
    const restore = await restoreOf(h, id);
    assert.equal(restore.state, 'succeeded');
    assert.equal(restore.result?.match, 'match');
    const audit = await h.zhiban.models.AuditEvent.find({
      objectId: id,
      action: /^restore\.(running|succeeded)$/,
    }).lean();
    assert.deepEqual(
      audit.map((a) => [a.action, a.actor, a.via]),
      [
        ['restore.running', 'executor', 'webhook'],
        ['restore.succeeded', 'executor', 'webhook'],
      ],
    );
    await waitUntil(
      async () =>
        h
          .slack!.callsTo('chat.postMessage')
          .find((c) => c.body.channel === REQUESTER && JSON.stringify(c.body).includes(`${id}（e-pay）已恢复完成`)),
      'the requester asked to verify',
    );
  });

  it('fails a restore whose checksum differs from the backup’s and raises a finding, cleared by a later match', async function () {
    const id = await approved();
    const answer = await report(id, { status: 'succeeded', checksum: 'sha256:deadbeef' });
    assert.deepEqual([answer.status, answer.json.state], [202, 'failed']);
    const restore = await restoreOf(h, id);
    assert.deepEqual([restore.result?.match, restore.result?.checksum], ['mismatch', 'sha256:deadbeef']);
    const finding = await waitUntil(
      async () => (await h.zhiban.models.Alert.findById(checksumFingerprint('e-pay')).lean<Alert>()) ?? undefined,
      'the finding',
    );
    assert.equal(finding.status, 'firing');
    assert.equal(finding.channel, 'backups');
    assert.match(
      finding.summary ?? '',
      new RegExp(`${id}：e-pay 恢复到 e-pay 后的校验和 sha256:deadbeef 与备份 pay-full-1 的 ${BACKUP_CHECKSUM} 不一致`),
    );
    await waitUntil(
      async () =>
        h
          .slack!.callsTo('chat.postMessage')
          .find((c) => c.body.channel === 'CBACKUPS01' && JSON.stringify(c.body).includes('恢复校验失败')),
      'the finding’s card in the backups channel',
    );

    const next = await approved();
    await report(next, { status: 'succeeded', checksum: BACKUP_CHECKSUM });
    await waitUntil(
      async () =>
        (await h.zhiban.models.Alert.findById(checksumFingerprint('e-pay')).lean<Alert>())?.status === 'resolved',
      'the finding resolved by a restore that matched',
    );
  });

  it('takes failed with the executor’s message', async function () {
    const id = await approved();
    const answer = await report(id, { status: 'failed', message: 'target disk full' });
    assert.deepEqual([answer.status, answer.json.state], [202, 'failed']);
    const restore = await restoreOf(h, id);
    assert.equal(restore.result?.message, 'target disk full');
    assert.equal(restore.timeline.at(-1)?.text, 'target disk full');
  });
});
