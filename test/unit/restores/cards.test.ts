// A restore's card, its thread lines and the requester's notices, read as people read them, in both
// languages: what each step shows and which buttons it offers, each carrying the card's version.
import { strict as assert } from 'node:assert';
import { restoreShowMessage } from '../../../src/domains/restores/cards/list.js';
import { restoreCard } from '../../../src/domains/restores/cards/restore.js';
import { noticeMessage } from '../../../src/domains/restores/cards/notice.js';
import { stepLine } from '../../../src/domains/restores/cards/step.js';
import { Translator } from '../../../src/kernel/i18n.js';
import { aRestore, ASKED } from './mothers.js';

const translator = new Translator('zh-CN');
const zh = translator.forLocale('zh-CN');
const en = translator.forLocale('en');
const ZONE = 'Asia/Shanghai';
const NOW = new Date(ASKED.getTime() + 60 * 60_000);

const fieldsOf = (card: ReturnType<typeof restoreCard>) =>
  Object.fromEntries((card.fields ?? []).map((f) => [f.label, f.value]));

describe('restore card', () => {
  it('shows a pending request with the backup, the approvals, the time left, and approve/reject', () => {
    const card = restoreCard(zh, aRestore(), NOW, ZONE);
    assert.equal(card.title, 'RST-3 · 数据恢复申请 · e-pay');
    assert.deepEqual(fieldsOf(card), {
      状态: '待审批',
      申请人: 'slack:UREQ',
      系统: 'e-pay',
      恢复到: 'e-pay',
      备份: 'pay-full-1 · 数据库 全量 · 2026-11-20 09:00 · 10.0 GiB · 云端',
      备份校验和: 'sha256:9f2c',
      备份已校验: '是',
      恢复原因: '误删了昨天的缴费记录',
      审批: '0/2（还没有人批准）',
      剩余时间: '还剩 23小时0分（2026-11-21 10:00 截止）',
    });
    assert.equal(card.text, undefined, 'a verified backup: no warning');
    assert.deepEqual(
      card.buttons?.map((b) => [b.actionId, b.value, b.style]),
      [
        ['restore.approve', 'RST-3~0', 'primary'],
        ['restore.reject', 'RST-3~0', 'danger'],
      ],
    );
  });

  it('warns of a backup never verified, in words for latest and for one named', () => {
    assert.match(
      restoreCard(en, aRestore({ unverified: true }), NOW, ZONE).text ?? '',
      /newest succeeded full was chosen/,
    );
    const named = restoreCard(en, aRestore({ unverified: true, latest: false }), NOW, ZONE);
    assert.equal(named.text, '⚠ The chosen backup was never reported verified.');
  });

  it('offers start without an executor once approved, finish while running, verify once done, nothing once closed', () => {
    const manual = { mode: 'manual' as const, attempts: 0 };
    const buttons = (state: Parameters<typeof aRestore>[0]) =>
      restoreCard(zh, aRestore({ version: 4, ...state }), NOW, ZONE).buttons?.map((b) => `${b.actionId}:${b.value}`);
    assert.deepEqual(buttons({ state: 'approved', execution: manual }), ['restore.start:RST-3~4']);
    assert.deepEqual(buttons({ state: 'running', execution: manual }), ['restore.finish:RST-3~4']);
    assert.deepEqual(
      buttons({ state: 'approved', execution: { mode: 'executor', state: 'delivered', attempts: 1 } }),
      [],
    );
    assert.deepEqual(buttons({ state: 'succeeded' }), ['restore.verify:RST-3~4']);
    assert.deepEqual(buttons({ state: 'verified' }), []);
    const waiting = restoreCard(en, aRestore({ state: 'approved', execution: manual }), NOW, ZONE);
    assert.equal(fieldsOf(waiting).State, 'Approved — waiting for manual execution');
  });

  it('says how the executor’s call stands', () => {
    const retry = aRestore({
      state: 'approved',
      execution: { mode: 'executor', state: 'waiting', attempts: 2, nextAt: new Date('2026-11-20T03:00:40Z') },
    });
    assert.equal(
      fieldsOf(restoreCard(zh, retry, NOW, ZONE)).状态,
      '已批准 — 执行器第 2 次没有接收，2026-11-20 11:00:40 重试',
    );
  });

  it('shows a mismatched checksum as a failed verification', () => {
    const failed = aRestore({
      state: 'failed',
      result: { at: NOW, checksum: 'sha256:dead', match: 'mismatch' },
      execution: { mode: 'executor', state: 'delivered', attempts: 1 },
    });
    assert.equal(
      fieldsOf(restoreCard(zh, failed, NOW, ZONE)).结果,
      '恢复后的校验和 sha256:dead 与备份的 sha256:9f2c 不一致：校验失败',
    );
  });
});

describe('restore steps and notices', () => {
  const restore = aRestore();

  it('writes each step as a line, Zhiban and the executor by name', () => {
    const line = (step: Parameters<typeof stepLine>[2], t = zh) => stepLine(t, restore, step, ZONE);
    assert.equal(
      line({ at: NOW, actor: 'slack:UA', kind: 'approval', count: 1 }),
      '2026-11-20 11:00 slack:UA 批准（1/2）',
    );
    assert.equal(
      line({
        at: NOW,
        actor: 'system',
        kind: 'executor_answer',
        status: 503,
        count: 1,
        retryAt: new Date(NOW.getTime() + 10_000),
      }),
      '2026-11-20 11:00 第 1 次调用没有成功（HTTP 503），2026-11-20 11:00:10 重试',
    );
    assert.equal(
      line(
        { at: NOW, actor: 'system', kind: 'executor_answer', status: 0, count: 2, text: 'ECONNREFUSED', retryAt: NOW },
        en,
      ),
      '2026-11-20 11:00 attempt 2 failed (no answer ECONNREFUSED); trying again at 2026-11-20 11:00:00',
    );
    assert.equal(
      line({ at: NOW, actor: 'executor', kind: 'succeeded', checksum: 'sha256:9f2c', match: 'match' }),
      '2026-11-20 11:00 恢复执行器：恢复完成，校验和 sha256:9f2c 与备份一致',
    );
    assert.equal(
      line({ at: NOW, actor: 'slack:UREQ', kind: 'verify_failed', dataOk: true, systemOk: false, incidentId: 'INC-7' }),
      '2026-11-20 11:00 slack:UREQ 验证未通过：数据符合预期 是；系统运行正常 否 — 已开事件 INC-7',
    );
  });

  it('tells the requester of the outcomes, not of every step', () => {
    const rejected = noticeMessage(zh, restore, { at: NOW, actor: 'slack:UA', kind: 'rejected', text: '备份不对' });
    assert.equal(rejected?.text, '你的恢复申请 RST-3（e-pay）被 slack:UA 驳回：备份不对');
    assert.equal(noticeMessage(zh, restore, { at: NOW, actor: 'slack:UA', kind: 'approval', count: 1 }), undefined);
    assert.equal(noticeMessage(zh, restore, { at: NOW, actor: 'system', kind: 'executor_call', count: 1 }), undefined);
    const refused = noticeMessage(en, aRestore({ state: 'failed' }), {
      at: NOW,
      actor: 'system',
      kind: 'executor_answer',
      status: 422,
    });
    assert.match(refused?.text ?? '', /did not succeed/);
  });
});

describe('/restore show', () => {
  it('lists the refused attempts, and says when only the latest of more are shown', () => {
    const restore = aRestore();
    const lines = [
      '2026-11-20 10:01 · slack:U1 · 批准恢复 (被拒绝)',
      '2026-11-20 10:02 · slack:U2 · 批准恢复 (被拒绝)',
    ];
    const all = JSON.stringify(restoreShowMessage(zh, restore, ASKED, ZONE, lines, 2));
    assert.ok(all.includes('被拒绝的操作：2 次'), all);
    assert.ok(all.includes(lines.join('\\n')), all);
    const latest = JSON.stringify(restoreShowMessage(en, restore, ASKED, ZONE, lines, 12));
    assert.ok(latest.includes('Refused attempts: the latest 2 of 12 (all in /ops audit)'), latest);
    const none = JSON.stringify(restoreShowMessage(en, restore, ASKED, ZONE));
    assert.ok(!none.includes('Refused attempts'), 'no refusals, no field');
  });
});
