// The audit trail's CSV: a byte-order mark for Excel, RFC 4180 quoting, Chinese as UTF-8, the
// reader's words in every column, and nothing a spreadsheet would run as a formula.
import { strict as assert } from 'node:assert';
import { Readable } from 'node:stream';
import { auditCsvRows, auditCsvStream, UTF8_BOM } from '../../../src/domains/ops/cards/audit-csv.js';
import type { AuditRecord } from '../../../src/domains/ops/cards/audit-words.js';
import { Translator } from '../../../src/kernel/i18n.js';

const zh = new Translator('zh-CN').forLocale('zh-CN');
const en = new Translator('zh-CN').forLocale('en');

const records: AuditRecord[] = [
  {
    at: new Date('2026-03-01T02:05:09Z'),
    actor: 'slack:UADMIN0001',
    action: 'incident.acknowledged',
    objectId: 'INC-7',
    before: { state: 'reported' },
    after: { state: 'acknowledged' },
    outcome: 'done',
    via: 'slack',
  },
  {
    at: new Date('2026-03-01T03:00:00Z'),
    actor: 'web:alice',
    action: 'incident.update',
    objectId: 'INC-7',
    reason: '数据库切换完成, "主库" 已恢复\n第二行',
    outcome: 'done',
    via: 'web',
  },
  {
    at: new Date('2026-03-01T04:00:00Z'),
    actor: 'discord:300000000000000009',
    action: 'ops.audit',
    objectId: 'INC-7',
    reason: 'needs one of: admin, pm',
    reasonCode: 'needs_role',
    reasonParams: { roles: ['admin', 'pm'] },
    outcome: 'refused',
    via: 'discord',
  },
];

async function bytesOf(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks);
}

async function* from<T>(items: readonly T[]): AsyncGenerator<T> {
  for (const item of items) yield item;
}

describe('audit CSV', () => {
  it('starts with the UTF-8 byte-order mark and keeps Chinese as UTF-8', async () => {
    const bytes = await bytesOf(auditCsvStream(zh, from(records), 'Asia/Shanghai'));
    assert.deepStrictEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8');
    assert.ok(text.startsWith(UTF8_BOM));
    assert.equal(text.slice(1).split('\n')[0], '时间（Asia/Shanghai）,操作人,操作,对象,之前,之后,原因或说明,结果,来源');
    assert.match(
      text,
      /\n2026-03-01 10:05:09,slack:UADMIN0001,确认现象,INC-7,步骤：已申报（待确认）,步骤：已确认现象,,完成,Slack\n/,
    );
  });

  it('quotes a cell with a comma, a quote or a line break, doubling the quote', async () => {
    const text = (await bytesOf(auditCsvStream(zh, from(records), 'UTC'))).toString('utf8');
    assert.match(text, /,"数据库切换完成, ""主库"" 已恢复\n第二行",完成,网页控制台\n/);
  });

  it('gives a refusal’s reason in the reader’s language', async () => {
    const zhRows = auditCsvRows(zh, records.slice(2), 'UTC');
    assert.equal(
      zhRows[1],
      '2026-03-01 04:00:00,discord:300000000000000009,查看操作记录,INC-7,,,"需要以下角色之一：管理员, 项目管理",被拒绝,Discord',
    );
    const enRows = auditCsvRows(en, records.slice(2), 'UTC');
    assert.equal(enRows[0], 'Time (UTC),Actor,Action,Object,Before,After,Reason or note,Outcome,Via');
    assert.match(
      enRows[1]!,
      /,read the audit trail,INC-7,,,"needs one of: admin, project management",refused,Discord$/,
    );
  });

  it('makes what people typed inert for spreadsheets: no cell starts a formula', () => {
    const typed = (reason: string): AuditRecord => ({ ...records[1]!, reason });
    const rows = auditCsvRows(en, ['=HYPERLINK("http://x")', '+1', '-2+3', '@SUM(A1)'].map(typed), 'UTC');
    assert.match(rows[1]!, /,"'=HYPERLINK\(""http:\/\/x""\)",/);
    assert.match(rows[2]!, /,'\+1,/);
    assert.match(rows[3]!, /,'-2\+3,/);
    assert.match(rows[4]!, /,'@SUM\(A1\),/);
  });

  it('passes on a failure of what it reads from, rather than ending as if the file were whole', async () => {
    async function* failing(): AsyncGenerator<AuditRecord> {
      yield records[0]!;
      throw new Error('the database went away');
    }
    await assert.rejects(bytesOf(auditCsvStream(en, failing(), 'UTC')), /the database went away/);
  });
});
