// The backups domain's cards in both languages: the status table (worst first, the worst 20 and a
// count), a finding's words, sizes and spans, the policy card and the daily report.
import { strict as assert } from 'node:assert';
import { findingName, findingSummary } from '../../../src/domains/backups/cards/finding-text.js';
import { formatBytes, formatSpan } from '../../../src/domains/backups/cards/format.js';
import { policyMessage } from '../../../src/domains/backups/cards/policy.js';
import { reportMessage } from '../../../src/domains/backups/cards/report.js';
import { statusMessage } from '../../../src/domains/backups/cards/status.js';
import { checkSummary } from '../../../src/domains/backups/rules/checks.js';
import { DEFAULT_POLICIES } from '../../../src/domains/backups/rules/policy.js';
import { rowOf, worstFirst, type StatusRow } from '../../../src/domains/backups/rules/status.js';
import { Translator } from '../../../src/kernel/i18n.js';
import { aRun, aSummary, at, DAY, HOUR } from './mothers.js';

const translator = new Translator('zh-CN');
const zh = translator.forLocale('zh-CN');
const en = translator.forLocale('en');
const ZONE = 'Asia/Shanghai';
const SETTINGS = { smallBelow: 0.5 };

function aRow(system: string, verdict: StatusRow['verdict'], scope: StatusRow['scope'] = 'database'): StatusRow {
  return { system, scope, verdict, policy: DEFAULT_POLICIES[scope], fulls: [], firing: [] };
}

describe('backup cards', () => {
  it('writes sizes in binary units and spans in words', () => {
    assert.equal(formatBytes(512), '512 B');
    assert.equal(formatBytes(1536), '1.50 KiB');
    assert.equal(formatBytes(12.34 * 2 ** 30), '12.3 GiB');
    assert.equal(formatBytes(250 * 2 ** 40), '250 TiB');
    assert.equal(formatSpan(zh, 7 * DAY), '7 天');
    assert.equal(formatSpan(en, 2 * HOUR), '2h');
    assert.equal(formatSpan(en, 90 * 60_000), '1h 30m');
  });

  it('puts the worst rows first, then by system and scope', () => {
    const rows = [
      aRow('b', 'ok'),
      aRow('a', 'unverified'),
      aRow('c', 'failed'),
      aRow('a', 'late', 'business'),
      aRow('a', 'late'),
    ];
    assert.deepEqual(
      rows.sort(worstFirst).map((r) => `${r.verdict}:${r.system}:${r.scope}`),
      ['failed:c:database', 'late:a:business', 'late:a:database', 'unverified:a:database', 'ok:b:database'],
    );
  });

  it('shows the worst 20 rows and counts the rest, saying how many of them are ok', () => {
    const rows = [
      ...Array.from({ length: 3 }, (_, i) => aRow(`bad-${i}`, 'late')),
      ...Array.from({ length: 30 }, (_, i) => aRow(`sys-${String(i).padStart(2, '0')}`, 'ok')),
    ];
    const message = statusMessage(zh, rows, at(0));
    const card = message.cards![0]!;
    assert.equal(card.title, '备份状态：30 / 33 正常');
    const lines = card.text!.split('\n');
    assert.equal(lines.length, 21);
    assert.match(lines[0]!, /^\[逾期\] bad-0 · 数据库 — 全量 无；增量 无$/);
    assert.equal(lines[20], '…另有 13 行（其中 13 行正常）');
    assert.equal(card.tone, 'major');
  });

  it('writes a row’s latest full and incremental: age, size, where, verified', () => {
    const summary = aSummary({
      recent: {
        full: [aRun('f1', at(-2 * DAY), { verified: false, location: 'cloud' })],
        incremental: [aRun('i1', at(-2 * HOUR), { sizeBytes: undefined })],
      },
    });
    const row = rowOf(summary, DEFAULT_POLICIES.database, at(0), SETTINGS);
    const text = statusMessage(en, [row], at(0), 'e-pay').cards![0]!.text!;
    assert.equal(
      text,
      '[unverified] e-pay · database — full 2d 0h ago, 10.0 GiB, cloud, not verified; incremental 2h 0m ago, size unknown, local',
    );
  });

  it('answers an empty status with how to start', () => {
    assert.match(statusMessage(zh, [], at(0)).text, /POST \/webhooks\/backups/);
  });

  it('names a finding and says it with stable facts, in the team’s language', () => {
    const summary = aSummary({ recent: { full: [aRun('f1', at(0))] } });
    const late = checkSummary(summary, DEFAULT_POLICIES.database, at(9 * DAY), SETTINGS).find(
      (f) => f.key === 'late:full',
    )!;
    const about = { system: 'e-pay', scope: 'database' as const };
    assert.equal(findingName(zh, 'late'), '备份逾期');
    assert.equal(
      findingSummary(zh, about, late, ZONE),
      'e-pay 数据库的全量备份逾期：上次成功于 2026-11-20 10:00，应在 2026-11-28 19:36 前再次成功（每 7 天，宽限 1天9小时）',
    );
    assert.match(
      findingSummary(en, about, late, ZONE),
      /^The full backup of e-pay database is late: it last succeeded at 2026-11-20 10:00/,
    );
  });

  it('quotes a failed run’s message, cut short', () => {
    const summary = aSummary({
      failed: { full: { id: 'b9', startedAt: at(0), finishedAt: at(HOUR), message: `disk\nfull ${'x'.repeat(500)}` } },
    });
    const failed = checkSummary(summary, DEFAULT_POLICIES.database, at(2 * HOUR), SETTINGS).find(
      (f) => f.key === 'failed:full',
    )!;
    const text = findingSummary(zh, { system: 'e-pay', scope: 'database' }, failed, ZONE);
    assert.match(text, /^e-pay 数据库的全量备份 b9 于 2026-11-20 11:00 失败：disk full x+…$/);
    assert.ok(text.length < 300);
  });

  it('marks the policy fields changed from the plan', () => {
    const message = policyMessage(zh, 'e-pay', [
      { scope: 'business', policy: { ...DEFAULT_POLICIES.business, incremental: null }, set: new Set(['incremental']) },
      { scope: 'config', policy: DEFAULT_POLICIES.config, set: new Set() },
    ]);
    const [business, config] = message.cards![0]!.fields!;
    assert.equal(business!.label, '业务数据（已修改：增量）');
    assert.equal(
      business!.value,
      '全量：每 1 天 · 增量：无 · 宽限：默认（周期的 20%，至少 1 小时） · 异地副本：每 1 天 · 保留：90 天',
    );
    assert.equal(config!.label, '配置文件');
  });

  it('draws the daily report: compliance, problems, growth, storages and what to clean up', () => {
    const message = reportMessage(
      en,
      {
        at: at(0),
        rows: { ok: 3, all: 4 },
        problems: [aRow('e-pay', 'failed')],
        size: { totalBytes: 110 * 2 ** 30, dayBeforeBytes: 100 * 2 ** 30 },
        runs: { succeeded: 12, failed: 1 },
        storages: [{ name: 'nas-01', freeBytes: 2 ** 40, totalBytes: 4 * 2 ** 40, percent: 25, fullAt: at(9 * DAY) }],
        cleanup: {
          groups: [{ system: 'e-pay', scope: 'database', count: 3, oldest: at(-100 * DAY) }],
          ids: ['a', 'b', 'c'],
        },
      },
      ZONE,
    );
    const [report, cleanup] = message.cards!;
    assert.equal(report!.title, 'Daily backup report 2026-11-20');
    const fields = Object.fromEntries(report!.fields!.map((f) => [f.label, f.value]));
    assert.equal(fields.Compliance, '3 / 4 ok (75%)');
    assert.equal(fields['Latest fulls in all'], '110 GiB (a day earlier 100 GiB, +10.0 GiB (+10.0%))');
    assert.equal(fields['Last 24 hours'], '12 succeeded, 1 failed');
    assert.equal(fields.Storage, 'nas-01: 1.00 TiB free (25%), full around 2026-11-29 at its trend');
    assert.match(report!.text!, /^Failed, late and other problems \(1\)\n\[failed\] e-pay · database/);
    assert.equal(cleanup!.title, 'Past their retention, to clean up (3)');
    assert.equal(cleanup!.text, 'e-pay · database: 3, the oldest from 2026-08-12 10:00');
  });
});
