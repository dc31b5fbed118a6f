// Reports as people meet them, written once and run on Slack, Discord and the web console: the
// daily digest arrives in the reports channel at 09:00 (the clock moved there) with its chart, a
// PNG whose Chinese title is drawn; project management asks for `/ops report quarterly last` and
// gets it privately with the workbook, which exceljs opens: one sheet per table, Chinese headers,
// numbers as numbers.
import { strict as assert } from 'node:assert';
import ExcelJS from 'exceljs';
import type { Harness } from '../../support/harness.js';
import { waitUntil } from '../../support/wait-until.js';
import type { ClockOf } from './every-platform.js';
import { cardIn, type ChatDriver, type SentFile } from './chat-driver.js';

/** 2026-12-01 08:30 in Shanghai (a Tuesday): half an hour before the daily digest. */
export const REPORTS_CLOCK_START = new Date('2026-12-01T00:30:00Z');
const NINE = new Date('2026-12-01T01:00:00Z');

function alert(n: number, layer: string, at: Date) {
  return {
    _id: `fp-report-${n}`,
    source: 'generic',
    name: n === 3 ? 'HighLatency' : 'DiskFull',
    status: 'firing',
    severity: 'major',
    layer,
    summary: '',
    labels: {},
    startsAt: at,
    firstSeenAt: at,
    lastSeenAt: at,
    count: 1,
    groupKey: `g-report-${n}`,
  };
}

export function reportScenarios(driver: ChatDriver, h: () => Harness, clock: ClockOf): void {
  const { key } = driver;
  const reporter = driver.user(1);
  const pm = driver.user(30);
  const models = () => h().zhiban.models;
  const filesOnce = (where: Parameters<ChatDriver['files']>[0], name: RegExp) =>
    waitUntil(async () => (await driver.files(where)).find((f) => name.test(f.name)), `a file ${name}`);

  before(async function () {
    await driver.bind('reports');
    await models().UserProfile.insertMany([{ _id: key(pm), roles: ['pm'] }]);
    // Three alerts in the digest's 24 hours (from 2026-11-30 09:00 in Shanghai).
    const hourAgo = new Date(REPORTS_CLOCK_START.getTime() - 3_600_000);
    await models().Alert.insertMany([
      alert(1, 'infrastructure', hourAgo),
      alert(2, 'infrastructure', hourAgo),
      alert(3, 'application', hourAgo),
    ]);
  });

  it('posts the daily digest in the reports channel at 09:00, with a chart drawn in Chinese', async function () {
    const declared = await driver.type(reporter, '/incident declare P1 technical 社保缴费页面打不开');
    assert.match(declared.text, /INC-\d+/);
    assert.deepEqual(await driver.cards('reports'), [], 'nothing before 09:00');

    await clock().moveTo(NINE, h().zhiban);
    const digest = await cardIn(driver, 'reports', /^每日简报 2026-12-01$/);
    assert.match(digest.text, /当前未关闭：P1 1 起/);
    assert.match(digest.text, /新增 1 起，解决 0 起/);
    assert.match(digest.text, /告警 3 条：基础设施 2 · 平台 0 · 应用 1/);
    assert.match(digest.text, /最频繁：DiskFull（2） · HighLatency（1）/);
    assert.match(digest.text, /本期没有完成的备份/, 'a section without data says so in words');

    const chart = await filesOnce('reports', /^daily-2026-12-01-alerts-by-layer\.png$/);
    assertPng(chart);
    assert.equal((await driver.cards('reports')).length, 1, 'one digest');
  });

  it('gives project management the quarterly evaluation privately, with a workbook exceljs opens', async function () {
    const said = await driver.ops(pm, 'report quarterly last');
    assert.equal(said.private, true);
    assert.match(said.text, /季度评估 2026-Q3已发到你与值班的私信中/);
    const book = await filesOnce({ direct: pm }, /^季度评估-2026-Q3\.xlsx$/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(book.bytes as unknown as ArrayBuffer);
    assert.deepEqual(
      workbook.worksheets.map((w) => w.name),
      ['事件', '事件趋势', '可用率', '各层告警', '最频繁告警', '备份合规', '恢复', '升级', '满意度'],
    );
    const trend = workbook.getWorksheet('事件趋势')!;
    assert.deepEqual((trend.getRow(1).values as unknown[]).slice(1), ['周起始日', 'P1', 'P2', 'P3', 'P4']);
    assert.ok(trend.getCell('A2').value instanceof Date, 'dates as dates');
    assert.equal(trend.getCell('B2').value, 0, 'numbers as numbers');
    const told = await waitUntil(
      async () => (await driver.direct(pm)).find((c) => /季度评估 2026-Q3/.test(c.title)),
      'the report in the direct messages',
    );
    assert.match(told.text, /本期没有申报事件/);
  });
}

/** A PNG 1440 pixels wide (720 drawn at twice the density): readable when a phone shrinks it. */
function assertPng(file: SentFile): void {
  assert.deepEqual([...file.bytes.subarray(0, 4)], [0x89, 0x50, 0x4e, 0x47], `${file.name} is a PNG`);
  assert.equal(file.bytes.readUInt32BE(16), 1440);
  assert.ok(file.bytes.length > 10_000, `${file.name} has a picture on it (${file.bytes.length} bytes)`);
}
