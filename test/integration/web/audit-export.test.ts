// GET /api/audit/export: the audit trail as a CSV download for a signed-in admin or pm, in their
// language; refused (and the refusal recorded) to anyone else; bad parameters named in 4xx JSON.
import { strict as assert } from 'node:assert';
import { localDay } from '../../../src/kernel/calendar.js';
import { Harness } from '../../support/harness.js';
import { WebUser } from '../../support/web-user.js';

const ZONE = 'Asia/Shanghai';

describe('Web console: the audit trail’s CSV download', function () {
  this.timeout(30_000);
  let h: Harness;
  let admin: WebUser;
  let alice: WebUser;
  let bob: WebUser;

  /** The download as the browser gets it: status, headers and the bytes, byte-order mark included. */
  const download = async (user: WebUser | undefined, query: string) => {
    const res = await fetch(`${h.url}/api/audit/export${query}`, { headers: user ? { cookie: user.cookie } : {} });
    const bytes = Buffer.from(await res.arrayBuffer());
    return { status: res.status, headers: res.headers, bytes, json: () => JSON.parse(bytes.toString('utf8')) };
  };

  before(async function () {
    h = await Harness.start({ label: 'web-audit', env: { WEB_CONSOLE: 'on' } });
    admin = await WebUser.signIn(h.url, 'admin');
    alice = await WebUser.signIn(h.url, 'alice');
    bob = await WebUser.signIn(h.url, 'bob');
    for (const typed of ['/ops role grant web:alice pm', '/ops role grant web:bob viewer']) {
      const answer = await admin.command('dm:admin', typed);
      assert.equal(answer.status, 200, typed);
    }
    assert.equal((await alice.command('dm:alice', '/ops lang en')).status, 200);
  });

  after(async function () {
    await h?.stop();
  });

  it('gives an admin the records the filters select, as UTF-8 CSV with a byte-order mark, in Chinese', async function () {
    const today = localDay(new Date(), ZONE);
    const file = await download(admin, `?by=web:admin&from=${today}`);
    assert.equal(file.status, 200);
    assert.equal(file.headers.get('content-type'), 'text/csv; charset=utf-8');
    assert.match(
      file.headers.get('content-disposition')!,
      /^attachment; filename="zhiban-audit-web-admin-[\d-]+\.csv"$/,
    );
    assert.equal(file.headers.get('cache-control'), 'no-store');
    assert.deepStrictEqual([...file.bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
    const rows = file.bytes.subarray(3).toString('utf8').trim().split('\n');
    assert.equal(rows[0], '时间（Asia/Shanghai）,操作人,操作,对象,之前,之后,原因或说明,结果,来源');
    assert.deepStrictEqual(
      rows.slice(1).map((row) => row.split(',').slice(1, 6).join(',')),
      ['web:admin,分配角色,web:alice,角色：—,角色：项目管理', 'web:admin,分配角色,web:bob,角色：—,角色：只读'],
    );
  });

  it('gives project management the file in their own language', async function () {
    const file = await download(alice, '?id=web:bob');
    assert.equal(file.status, 200);
    const rows = file.bytes.subarray(3).toString('utf8').trim().split('\n');
    assert.equal(rows[0], 'Time (Asia/Shanghai),Actor,Action,Object,Before,After,Reason or note,Outcome,Via');
    assert.match(rows[1]!, /,web:admin,grant a role,web:bob,roles: —,roles: viewer,,done,web console$/);
  });

  it('refuses anyone without admin or pm with 403 JSON, and records the refusal', async function () {
    const file = await download(bob, '?by=web:alice');
    assert.equal(file.status, 403);
    assert.deepStrictEqual(file.json(), { error: 'role_required', details: ['needs one of: admin, pm'] });
    const refusals = await h.zhiban.models.AuditEvent.find({ actor: 'web:bob', outcome: 'refused' }).lean();
    assert.equal(refusals.length, 1);
    assert.equal(refusals[0]?.action, 'ops.audit');
    assert.equal(refusals[0]?.objectId, 'web:alice');
    assert.equal(refusals[0]?.reasonCode, 'needs_role');
    assert.equal(refusals[0]?.via, 'web');
    const signedOut = await download(undefined, '?by=web:alice');
    assert.equal(signedOut.status, 401);
    assert.equal(signedOut.json().error, 'signed_out');
  });

  it('names each bad parameter in a 400, and records nothing', async function () {
    const before = await h.zhiban.models.AuditEvent.countDocuments();
    const cases: Array<[string, string[]]> = [
      ['', ['filter: give at least one of id, by, from']],
      ['?from=2026-02-30&to=soon', ['from: not a date, give YYYY-MM-DD', 'to: not a date, give YYYY-MM-DD']],
      ['?from=2026-03-05&to=2026-03-01', ['from: 2026-03-05 is after to (2026-03-01)']],
      ['?from=2024-01-01&to=2026-01-01', ['to: the range is 732 days, at most 366']],
      ['?to=2026-03-01', ['to: give from as well']],
      ['?by=%3C%23C0123%3E', ['by: not a person, give platform:id such as slack:U123 or web:alice']],
      ['?id=INC-1&from=2026-03-01&from=2026-03-02', ['from: give it once, as text']],
      ['?user=web:alice', ['user: unknown parameter']],
    ];
    for (const [query, details] of cases) {
      const file = await download(admin, query);
      assert.equal(file.status, 400, query);
      assert.deepStrictEqual(file.json(), { error: 'invalid_request', details }, query);
    }
    assert.equal(await h.zhiban.models.AuditEvent.countDocuments(), before);
  });
});
