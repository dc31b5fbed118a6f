// The "done when", with the README's executor script as its own process: a person asks for
// a restore, two others approve it by button, scripts/restore-executor.mjs receives one signed call,
// runs the restore command and reports success with the checksum, the requester verifies, and
// `/restore show` and `/ops audit` tell the whole story.
import { strict as assert } from 'node:assert';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cardValue } from '../../../src/chat/card-value.js';
import { EXECUTOR_SECRET } from '../../support/fake-executor.js';
import { ADMIN_SLACK, Harness, WEBHOOK_TOKEN } from '../../support/harness.js';
import {
  approver,
  APPROVALS_CHANNEL,
  BACKUP_CHECKSUM,
  clickRestore,
  REQUESTER,
  requestRestore,
  restoreOf,
  restoreWorld,
} from '../../support/restore-world.js';
import { replyText, slackClickOpeningForm, slackCommand, submitLastModal } from '../../support/slack-user.js';
import { baseEnv, exited, runCommand, waitForOutput, type Running } from '../../support/zhiban-process.js';
import { waitUntil } from '../../support/wait-until.js';

/** A port nobody listens on now, for Zhiban, so the script can be told its address before it starts. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('Restore end to end with the README’s executor script', function () {
  this.timeout(60_000);
  let h: Harness;
  let script: Running;
  let dir: string;

  before(async function () {
    dir = await mkdtemp(join(tmpdir(), 'zhiban-restore-'));
    const command = join(dir, 'restore.sh');
    // The restore command: restores $1 into $2, then prints the restored data's checksum last.
    await writeFile(command, `#!/bin/sh\necho "restoring $1 into $2"\necho "${BACKUP_CHECKSUM}"\n`);
    await chmod(command, 0o755);
    const port = await freePort();
    script = runCommand(
      process.execPath,
      ['scripts/restore-executor.mjs'],
      baseEnv({
        RESTORE_EXECUTOR_SECRET: EXECUTOR_SECRET,
        WEBHOOK_TOKEN,
        ZHIBAN_URL: `http://127.0.0.1:${port}`,
        RESTORE_COMMAND: command,
        PORT: '0',
      }),
    );
    const [, scriptPort] = await waitForOutput(script, /listening on (\d+)/, 10_000);
    h = await Harness.start({
      label: 'restore-script',
      slack: true,
      env: {
        PORT: String(port),
        RESTORE_EXECUTOR_URL: `http://127.0.0.1:${scriptPort}/restore`,
        RESTORE_EXECUTOR_SECRET: EXECUTOR_SECRET,
        RESTORE_APPROVALS_REQUIRED: '2',
      },
    });
    await restoreWorld(h);
  });

  after(async function () {
    await h?.stop();
    script?.kill('SIGTERM');
    if (script) await exited(script);
    await rm(dir, { recursive: true, force: true });
  });

  it('goes from the request to the verification, and the story is told', async function () {
    const id = await requestRestore(h, 'e-pay latest 误删了昨天的缴费记录');
    await clickRestore(h, 'approve', id, approver(1));
    await clickRestore(h, 'approve', id, approver(2));
    await waitUntil(async () => (await restoreOf(h, id)).state === 'succeeded', `${id} succeeded`, {
      timeoutMs: 20_000,
    });
    const done = await restoreOf(h, id);
    assert.deepEqual([done.result?.checksum, done.result?.match], [BACKUP_CHECKSUM, 'match']);

    const opened = await slackClickOpeningForm(h, 'restore.verify', cardValue(id, done.version), REQUESTER);
    assert.equal((opened.body.view as { callback_id: string }).callback_id, 'restore.verify');
    await submitLastModal(h, { data: 'yes', system: 'yes', note: '缴费记录已核对' }, REQUESTER);
    await waitUntil(async () => (await restoreOf(h, id)).state === 'verified', `${id} verified`);

    const { reply: show } = await slackCommand(h, `show ${id}`, { command: '/restore', userId: ADMIN_SLACK });
    const story = replyText(show);
    for (const line of [
      `slack:${REQUESTER} 申请恢复：误删了昨天的缴费记录`,
      `slack:${approver(1)} 批准（1/2）`,
      `slack:${approver(2)} 批准（2/2）`,
      '已有 2 人批准，申请通过',
      '调用恢复执行器（第 1 次）',
      '执行器已接收（HTTP 202）',
      '恢复执行器：开始恢复',
      `恢复执行器：恢复完成，校验和 ${BACKUP_CHECKSUM} 与备份一致`,
      `slack:${REQUESTER} 验证：数据符合预期，系统运行正常 — 已关闭`,
    ]) {
      assert.ok(story.includes(line), `/restore show tells: ${line}`);
    }
    const { reply: audit } = await slackCommand(h, `audit ${id}`, {
      userId: ADMIN_SLACK,
      channelId: APPROVALS_CHANNEL,
    });
    const trail = replyText(audit);
    for (const action of [
      '申请数据恢复',
      '批准恢复',
      '恢复申请获批',
      '调用恢复执行器',
      '恢复执行器应答',
      '开始恢复',
      '恢复完成',
      '验证恢复',
    ]) {
      assert.ok(trail.includes(action), `/ops audit tells: ${action}`);
    }
  });
});
