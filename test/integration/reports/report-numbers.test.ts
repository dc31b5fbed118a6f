// The numbers of the quarterly evaluation on a fixed quarter (test/support/report-fixture.ts and the
// surveys' fixture), counted by each domain's report section in the real database, against values
// worked out by hand: availability, MTTA/MTTR, alert volume, backup compliance, restores' median,
// the four indicators and NPS. Then `/ops report quarterly 2026-Q4` on Slack: the report arrives in
// the person's direct messages with its charts and the workbook, read back with exceljs.
import { strict as assert } from 'node:assert';
import ExcelJS from 'exceljs';
import { alertReportSection } from '../../../src/domains/alerts/report.js';
import { backupReportSection, shareOf } from '../../../src/domains/backups/report-section.js';
import { incidentReportSection } from '../../../src/domains/incidents/report.js';
import { spanOf } from '../../../src/domains/reports/rules/report-span.js';
import type { ReportSpan } from '../../../src/domains/report-section.js';
import { restoreReportSection } from '../../../src/domains/restores/report.js';
import { surveyReportSection } from '../../../src/domains/surveys/report-section.js';
import { Harness } from '../../support/harness.js';
import { MovedClock } from '../../support/moved-clock.js';
import { bindChannel } from '../../support/outbox-world.js';
import { storeFixedQuarter } from '../../support/report-fixture.js';
import { replyText, slackCommand } from '../../support/slack-user.js';
import { waitUntil } from '../../support/wait-until.js';

const PM = 'UPMANAGER1';
const SYSOPS = 'USYSOPS001';
const REPORTS = 'CREPORTS01';
const MIN = 60_000;
const HOUR = 3_600_000;
const QUARTER_HOURS = 92 * 24;

describe('Reports: the quarterly evaluation’s numbers on a fixed quarter', function () {
  this.timeout(60_000);
  let h: Harness;
  let clock: MovedClock;
  let q4: ReportSpan;

  before(async function () {
    // 2027-01-02 10:30 in Shanghai: 2026-Q4 is over.
    clock = MovedClock.install(new Date('2027-01-02T02:30:00Z'));
    h = await Harness.start({ label: 'report-numbers', slack: true });
    await storeFixedQuarter(h.zhiban.models);
    await h.zhiban.models.UserProfile.insertMany([
      { _id: `slack:${PM}`, roles: ['pm'] },
      { _id: `slack:${SYSOPS}`, roles: ['sysops'] },
    ]);
    const found = spanOf('quarterly', '2026-Q4', clock.now(), 'Asia/Shanghai');
    assert.ok(found.ok);
    q4 = found.span;
  });

  after(async function () {
    await h?.stop();
    clock?.restore();
  });

  it('counts incidents: MTTA and MTTR per severity, each system’s availability, the quarter before', async function () {
    const n = await incidentReportSection(h.zhiban.models.Incident).numbers(q4);
    assert.equal(n.opened, 4);
    assert.equal(n.resolved, 2);
    assert.deepEqual(n.bySeverity, [
      { severity: 'P1', count: 2, mttaMs: 10 * MIN, mttrMs: 2 * HOUR },
      { severity: 'P2', count: 1, mttaMs: 30 * MIN, mttrMs: 4 * HOUR },
      { severity: 'P3', count: 1, mttaMs: 20 * MIN, mttrMs: undefined },
    ]);
    // (10 + 30 + 20) / 3 minutes; (2 + 4) / 2 hours.
    assert.equal(n.times.mttaMs, 20 * MIN);
    assert.equal(n.times.mttrMs, 3 * HOUR);
    assert.deepEqual(n.previous, { opened: 1, resolved: 1, times: { count: 1, mttaMs: 5 * MIN, mttrMs: HOUR } });
    // gjj: INC-1 00:00–02:00 and INC-2 01:00–05:00 overlap: 5 h down. shebao: INC-4 open its last 4 h (P3 not counted).
    assert.deepEqual(n.availability, [
      { system: 'gjj', share: 1 - 5 / QUARTER_HOURS, downMs: 5 * HOUR },
      { system: 'shebao', share: 1 - 4 / QUARTER_HOURS, downMs: 4 * HOUR },
    ]);
    assert.deepEqual(
      n.byCategory?.map((r) => [r.category, r.severity, r.count]),
      [
        ['routine', 'P3', 1],
        ['technical', 'P1', 1],
        ['technical', 'P2', 1],
        ['security', 'P1', 1],
      ],
    );
    // 14 seven-day steps cover the 92 days; INC-1 and INC-2 on 10-10 fall in the second.
    assert.equal(n.perBucket?.P1.length, 14);
    assert.equal(n.perBucket?.P1[1], 1);
    assert.equal(n.perBucket?.P2[1], 1);
    assert.deepEqual(n.openNow, [
      { severity: 'P1', count: 1, oldestAt: Date.parse('2026-12-31T12:00:00Z') },
      { severity: 'P3', count: 1, oldestAt: Date.parse('2026-11-05T00:00:00Z') },
    ]);
  });

  it('counts alerts by layer and the noisiest names, backups’ compliance per scope and restores’ median', async function () {
    const alerts = await alertReportSection(h.zhiban.models.Alert).numbers(q4);
    assert.deepEqual(alerts.byLayer, { infrastructure: 3, platform: 1, application: 2 });
    assert.deepEqual(alerts.previous, { infrastructure: 1, platform: 0, application: 0 });
    assert.deepEqual(alerts.noisiest, [
      { name: 'DiskFull', alerts: 4, reports: 16 },
      { name: 'HighLatency', alerts: 2, reports: 2 },
    ]);

    const backups = await backupReportSection(h.zhiban.models.BackupRun).numbers(q4);
    assert.deepEqual(backups.byScope, [
      { scope: 'database', succeeded: 3, failed: 1 },
      { scope: 'config', succeeded: 2, failed: 0 },
    ]);
    assert.equal(shareOf(backups.byScope), 5 / 6);
    assert.equal(shareOf(backups.previous!), 0);

    const restores = await restoreReportSection(h.zhiban.models.RestoreRequest).numbers(q4);
    assert.equal(restores.pendingNow, 1);
    assert.equal(restores.requested, 4);
    assert.equal(restores.verified, 3);
    assert.equal(restores.medianMs, 4 * HOUR, 'median of 2 h, 6 h and 4 h');
    assert.deepEqual(restores.previous, { requested: 1, verified: 1, medianMs: HOUR });
  });

  it('counts the surveys: the four indicators and NPS as the hand count does', async function () {
    const n = await surveyReportSection(h.zhiban.models.Survey).numbers(q4);
    assert.equal(n.sent, 10);
    assert.equal(n.answered, 9, 'SRV-6 said nothing; SRV-7 only commented');
    assert.deepEqual(n.indicators.timeliness, { count: 7, mean: 22 / 7 });
    assert.deepEqual(n.indicators.quality, { count: 6, mean: 3 });
    assert.deepEqual(n.indicators.overall, { count: 7, mean: 20 / 7 });
    assert.deepEqual(n.indicators.loyalty, { count: 8, mean: 49 / 8 });
    // Promoters 10, 9, 9; detractors 6, 3, 5, 0; of 8: (3 − 4) / 8 × 100.
    assert.equal(n.nps, -12.5);
    assert.equal(n.previous?.sent, 0);
  });

  it('answers /ops report quarterly 2026-Q4 in the person’s direct messages, with charts and a workbook read back by exceljs', async function () {
    const { reply } = await slackCommand(h, 'report quarterly 2026-Q4', { command: '/ops', userId: PM });
    assert.match(replyText(reply), /季度评估 2026-Q4已发到你与值班的私信中/);
    const dm = await waitUntil(async () => h.slack!.directChannelOf(PM), 'the direct conversation');
    const files = await waitUntil(async () => {
      const shared = h.slack!.filesIn(dm);
      return shared.length >= 3 ? shared : undefined;
    }, 'the charts and workbook in the DM');
    const [post] = h.slack!.messagesIn(dm);
    const card = JSON.stringify(post);
    assert.match(card, /季度评估 2026-Q4/);
    assert.match(card, /gjj 可用率：99.8%/);
    assert.match(card, /合规率 83.3%/);
    assert.match(card, /NPS -13/);
    assert.deepEqual(
      files.map((f) => f.name),
      ['quarterly-2026-Q4-incidents-per-week.png', 'quarterly-2026-Q4-alerts-per-week.png', '季度评估-2026-Q4.xlsx'],
    );
    for (const png of files.slice(0, 2)) assert.equal(png.bytes!.subarray(1, 4).toString(), 'PNG');

    const book = new ExcelJS.Workbook();
    await book.xlsx.load(files[2]!.bytes! as unknown as ArrayBuffer);
    const sheet = (name: string) => {
      const found = book.getWorksheet(name);
      assert.ok(found, `a sheet ${name}; there are ${book.worksheets.map((w) => w.name).join(', ')}`);
      return found;
    };
    const availability = sheet('可用率');
    const row = (ws: ExcelJS.Worksheet, n: number) => (ws.getRow(n).values as unknown[]).slice(1);
    assert.deepEqual(row(availability, 1), ['系统', '可用率', 'P1/P2 未关闭（小时）']);
    assert.equal(availability.getCell('A2').value, 'gjj');
    assert.equal(availability.getCell('B2').value, 1 - 5 / QUARTER_HOURS, 'a number, not text');
    assert.equal(availability.getCell('B2').numFmt, '0.0%');
    assert.equal(availability.getCell('C2').value, 5);
    const trend = sheet('事件趋势');
    const firstWeek = trend.getCell('A2').value;
    assert.ok(firstWeek instanceof Date, 'a date cell');
    assert.equal(firstWeek.toISOString().slice(0, 10), '2026-10-01');
    const compliance = sheet('备份合规');
    assert.deepEqual(row(compliance, 2), ['数据库', 3, 1, 0.75, 0]);
    const satisfaction = sheet('满意度');
    assert.equal(satisfaction.getCell('H2').value, -12.5);
  });

  it('posts the digest in the reports channel with post, and records who posted it', async function () {
    await bindChannel(h, 'slack', 'reports', REPORTS);
    const { reply } = await slackCommand(h, 'report daily 2027-01-02 post', { command: '/ops', userId: SYSOPS });
    assert.match(replyText(reply), /每日简报 2027-01-02已发到报告频道/);
    const card = await waitUntil(async () => h.slack!.messagesIn(REPORTS)[0], 'the digest in the reports channel');
    assert.match(JSON.stringify(card), /每日简报 2027-01-02/);
    assert.match(JSON.stringify(card), /2027-01-01 09:00 至 2027-01-02 09:00/);
    const audit = await h.zhiban.models.AuditEvent.findOne({ action: 'report.post' }).lean();
    assert.equal(audit?.actor, `slack:${SYSOPS}`);
    assert.equal(audit?.objectId, 'daily:2027-01-02');
  });

  it('refuses a report to a role without it, and a period that is not one, in the person’s language', async function () {
    const refused = await slackCommand(h, 'report quarterly', { command: '/ops', userId: SYSOPS });
    assert.match(replyText(refused.reply), /需要以下角色之一：管理员, 项目管理/);
    const daily = await slackCommand(h, 'report daily 2026-13-01', { command: '/ops', userId: SYSOPS });
    assert.match(replyText(daily.reply), /“2026-13-01”不是日期/);
    const kind = await slackCommand(h, 'report monthly', { command: '/ops', userId: PM });
    assert.match(replyText(kind.reply), /“monthly”不是报告类型/);
  });
});
