// What `/ops audit export …` answers: a download on the console, the console's link on Slack and
// Discord while it is on, else the file's first rows inline and why that is all.
import { strict as assert } from 'node:assert';
import { auditExportMessage, type AuditExportAnswer } from '../../../src/domains/ops/cards/audit-export.js';
import type { AuditRecord } from '../../../src/domains/ops/cards/audit-words.js';
import { Translator } from '../../../src/kernel/i18n.js';

const en = new Translator('zh-CN').forLocale('en');
const zh = new Translator('zh-CN').forLocale('zh-CN');

const grant = (i: number): AuditRecord => ({
  at: new Date(Date.UTC(2026, 2, 1, 2, i)),
  actor: 'slack:UADMIN0001',
  action: 'role.grant',
  objectId: `slack:U${i}`,
  before: { roles: [] },
  after: { roles: ['pm'] },
  reason: `long ${'x'.repeat(400)}`,
  outcome: 'done',
  via: 'slack',
});

function answer(overrides: Partial<AuditExportAnswer>): AuditExportAnswer {
  return {
    view: { by: 'slack:UADMIN0001', fromDay: '2026-03-01', toDay: '2026-03-01' },
    total: 12,
    zone: 'Asia/Shanghai',
    link: undefined,
    firstRows: [],
    web: false,
    ...overrides,
  };
}

describe('audit export answer', () => {
  it('offers the download itself on the web console', () => {
    const message = auditExportMessage(zh, answer({ web: true, link: '/api/audit/export?by=web%3Aadmin' }));
    const card = message.cards![0]!;
    assert.deepStrictEqual(card.link, { label: '下载 CSV', url: '/api/audit/export?by=web%3Aadmin' });
    assert.equal(card.text, '共 12 条记录（操作人 slack:UADMIN0001 · 2026-03-01 至 2026-03-01），可下载为 CSV 文件。');
    assert.match(card.footer!, /UTF-8 编码，Excel 可直接打开 · 时间为 Asia\/Shanghai 时区/);
  });

  it('gives Slack and Discord the console’s link while it is on, saying who can open it', () => {
    const url = 'http://127.0.0.1:3000/api/audit/export?by=slack%3AUADMIN0001';
    const card = auditExportMessage(en, answer({ link: url })).cards![0]!;
    assert.deepStrictEqual(card.link, { label: 'Download CSV', url });
    assert.match(
      card.text!,
      /12 records \(by slack:UADMIN0001 · 2026-03-01 to 2026-03-01\), ready to download as CSV\./,
    );
    assert.match(card.text!, /signed in to the web console as an admin or pm/);
  });

  it('shows the first rows that fit, whole, when the console is off, and says how many of how many', () => {
    const message = auditExportMessage(zh, answer({ firstRows: Array.from({ length: 10 }, (_, i) => grant(i)) }));
    const card = message.cards![0]!;
    assert.equal(card.link, undefined);
    const [note, header, ...rows] = card.text!.split('\n');
    assert.ok(rows.length >= 1 && rows.length < 10, `${rows.length} rows fit`);
    assert.equal(
      note,
      `网页控制台没有开启，无法下载文件。以下是前 ${rows.length} 行（共 12 条记录）；开启网页控制台（WEB_CONSOLE）即可下载全部，或缩小筛选范围。`,
    );
    assert.equal(header, '时间（Asia/Shanghai）,操作人,操作,对象,之前,之后,原因或说明,结果,来源');
    assert.ok(
      rows.every((row) => row.endsWith(',完成,Slack')),
      'no row is cut',
    );
    assert.ok(card.text!.length <= 3000, 'within Slack’s section');
  });

  it('says when the filters select nothing', () => {
    const message = auditExportMessage(en, answer({ total: 0 }));
    assert.equal(message.text, 'No records match (by slack:UADMIN0001 · 2026-03-01 to 2026-03-01).');
  });
});
