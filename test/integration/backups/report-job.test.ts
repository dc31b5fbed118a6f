// The daily backup report through the real Agenda, with a clock the test moves and two processes
// on one database: it goes to the backups channel at 09:00 in TIMEZONE, not a minute before, once
// a day, and lists each backup past its retention once (never a system's latest full).
import { strict as assert } from 'node:assert';
import type { BackupRun } from '../../../models/backups/backup-run.js';
import type { Zhiban } from '../../../src/app.js';
import { aBackup, sendBackups } from '../../support/backup-sender.js';
import { ADMIN_SLACK, Harness, startZhiban } from '../../support/harness.js';
import { MovedClock } from '../../support/moved-clock.js';
import { cardTitle, slackCommand } from '../../support/slack-user.js';
import { waitUntil } from '../../support/wait-until.js';

const DAY = 86_400_000;
const CHANNEL = 'CBACKUPS01';

describe('Daily backup report (moved clock, two processes)', function () {
  this.timeout(60_000);
  let clock: MovedClock;
  let h: Harness;
  let second: Zhiban;

  before(async function () {
    // 08:30 in Asia/Shanghai, TIMEZONE's default.
    clock = MovedClock.install(new Date('2026-11-20T00:30:00Z'));
    h = await Harness.start({ label: 'backup-report', slack: true });
    second = await startZhiban(h.env, h.options);
    await slackCommand(h, 'channel set backups', { userId: ADMIN_SLACK, channelId: CHANNEL });
  });

  after(async function () {
    await second?.stop();
    await h?.stop();
    clock?.restore();
  });

  const reports = () =>
    h
      .slack!.callsTo('chat.postMessage')
      .filter((c) => c.body.channel === CHANNEL && cardTitle(c.body).startsWith('备份日报'));
  const run = (id: string) => h.zhiban.models.BackupRun.findById(id).lean<BackupRun>();

  it('sends the report at 09:00, not before, once however many processes run the job', async function () {
    const now = clock.now();
    await sendBackups(h, [
      aBackup('rep-a', 'rep-a-old', new Date(now.getTime() - 100 * DAY)),
      aBackup('rep-a', 'rep-a-new', new Date(now.getTime() - 3_600_000)),
      aBackup('rep-b', 'rep-b-only', new Date(now.getTime() - 100 * DAY)),
    ]);
    await clock.settleAt(new Date('2026-11-20T00:59:50Z'), h.zhiban);
    assert.equal(reports().length, 0, 'nothing before 09:00');

    await clock.moveTo(new Date('2026-11-20T01:00:00Z'), h.zhiban);
    const posted = await waitUntil(async () => reports()[0], 'the 09:00 report');
    assert.equal(cardTitle(posted.body), '备份日报 2026-11-20');
    const text = JSON.stringify(posted.body);
    assert.match(text, /合规/);
    assert.match(text, /超过保留期、待清理的备份（1）/);
    assert.match(text, /rep-a · 数据库：1 个/);
    assert.doesNotMatch(text, /rep-b · 数据库：\d+ 个/, 'the latest full is never listed');
    assert.ok((await run('rep-a-old'))?.cleanupListedAt, 'marked as listed');
    assert.equal((await run('rep-b-only'))?.cleanupListedAt ?? null, null);

    await clock.settleAt(new Date('2026-11-20T01:30:00Z'), h.zhiban);
    await clock.settleAt(new Date('2026-11-20T06:00:00Z'), second);
    assert.equal(reports().length, 1, 'one report that day');
    assert.equal(await h.zhiban.models.BackupReportDay.countDocuments(), 1);
  });

  it('sends the next day’s report the next day at 09:00, without listing a backup twice', async function () {
    await clock.settleAt(new Date('2026-11-21T00:59:50Z'), h.zhiban);
    assert.equal(reports().length, 1);
    await clock.moveTo(new Date('2026-11-21T01:00:00Z'), h.zhiban);
    const posted = await waitUntil(async () => reports()[1], 'the next day’s report');
    assert.equal(cardTitle(posted.body), '备份日报 2026-11-21');
    assert.doesNotMatch(JSON.stringify(posted.body), /待清理/, 'nothing new past its retention');
    await clock.settleAt(new Date('2026-11-21T02:00:00Z'), second);
    assert.equal(reports().length, 2);
  });
});
