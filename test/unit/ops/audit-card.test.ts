// How `/ops audit` reads: team time zone, before → after in the reader's words, refusals and their
// reasons in the reader's language (old records too), what was left out, and the platforms' limits.
import { strict as assert } from 'node:assert';
import { Translator } from '../../../src/kernel/i18n.js';
import { auditLine, auditMessage } from '../../../src/domains/ops/cards/audit.js';
import type { AuditRecord } from '../../../src/domains/ops/cards/audit-words.js';

const en = new Translator('zh-CN').forLocale('en');
const zh = new Translator('zh-CN').forLocale('zh-CN');

function anEvent(overrides: Partial<AuditRecord> = {}): AuditRecord {
  return {
    at: new Date('2026-03-01T02:05:00Z'),
    actor: 'slack:UADMIN0001',
    action: 'role.grant',
    objectId: 'slack:UALICE0001',
    before: { roles: [] },
    after: { roles: ['pm'] },
    outcome: 'done',
    via: 'slack',
    ...overrides,
  };
}

/** A refusal as recorded today: English text beside its code and roles. */
const refusal = anEvent({
  action: 'incident.ack',
  before: undefined,
  after: undefined,
  outcome: 'refused',
  reason: 'needs one of: admin, secops',
  reasonCode: 'needs_role',
  reasonParams: { roles: ['admin', 'secops'] },
});

describe('audit card', () => {
  it('gives the time in the team’s zone, who, what and before → after, field and values in the reader’s words', () => {
    assert.equal(
      auditLine(en, anEvent(), 'Asia/Shanghai'),
      '2026-03-01 10:05 · slack:UADMIN0001 · grant a role · roles: — → project management · via Slack',
    );
    assert.equal(
      auditLine(zh, anEvent(), 'Europe/London'),
      '2026-03-01 02:05 · slack:UADMIN0001 · 分配角色 · 角色：— → 项目管理 · 来自 Slack',
    );
  });

  it('names a step change in words, not `incident.acknowledged · state: reported → state: acknowledged`', () => {
    const step = anEvent({
      action: 'incident.acknowledged',
      objectId: 'INC-7',
      before: { state: 'reported' },
      after: { state: 'acknowledged' },
      via: 'discord',
    });
    assert.equal(
      auditLine(zh, step, 'UTC'),
      '2026-03-01 02:05 · slack:UADMIN0001 · 确认现象 · 步骤：已申报（待确认） → 已确认现象 · 来自 Discord',
    );
    assert.equal(
      auditLine(en, step, 'UTC'),
      '2026-03-01 02:05 · slack:UADMIN0001 · confirm the symptom · step: reported (unacknowledged) → symptom confirmed · via Discord',
    );
  });

  it('marks a refusal and gives its reason in the reader’s language', () => {
    assert.equal(
      auditLine(en, refusal, 'UTC'),
      '2026-03-01 02:05 · slack:UADMIN0001 · acknowledge (refused) · reason: needs one of: admin, network security · via Slack',
    );
    assert.equal(
      auditLine(zh, refusal, 'UTC'),
      '2026-03-01 02:05 · slack:UADMIN0001 · 确认接手 (被拒绝) · 原因：需要以下角色之一：管理员, 网络安全 · 来自 Slack',
    );
  });

  it('reads a refusal recorded before reasons had codes in the reader’s language too', () => {
    const old = { ...refusal, reasonCode: undefined, reasonParams: undefined };
    assert.match(auditLine(zh, old, 'UTC'), /原因：需要以下角色之一：管理员, 网络安全/);
    const link = anEvent({ action: 'user.link', before: undefined, after: undefined, outcome: 'refused' });
    assert.match(auditLine(zh, { ...link, reason: 'link code expired' }, 'UTC'), /原因：验证码已过期/);
    assert.match(auditLine(en, { ...link, reasonCode: 'link_self', reason: 'link code self' }, 'UTC'), /typed by the/);
  });

  it('shows what a person typed as a note, as typed, and Zhiban’s own jobs as Zhiban', () => {
    const update = anEvent({
      action: 'incident.update',
      actor: 'system',
      before: null,
      after: null,
      reason: 'db failover done',
      via: 'job',
    });
    assert.equal(
      auditLine(zh, update, 'UTC'),
      '2026-03-01 02:05 · 值班系统（自动） · 发布进展 · 说明：db failover done · 来自 定时任务',
    );
  });

  it('gives dates, yes/no, languages and alert states in words', () => {
    const silence = anEvent({
      action: 'alert.unsilence',
      before: { endsAt: new Date('2026-03-01T04:00:00Z') },
      after: { expired: true },
    });
    assert.match(auditLine(en, silence, 'UTC'), /ends: 2026-03-01 04:00 → —; ended: — → yes/);
    const locale = anEvent({ action: 'user.set_locale', before: { locale: null }, after: { locale: 'en' } });
    assert.match(auditLine(zh, locale, 'UTC'), /更改语言 · 语言：— → English/);
    const alerts = anEvent({ action: 'incident.alerts_resolved', before: null, after: { alerts: 'resolved' } });
    assert.match(auditLine(zh, alerts, 'UTC'), /关联告警全部恢复 · 关联告警：— → 已恢复/);
  });

  it('names an action or field it has no words for as stored, never as a missing key', () => {
    const line = auditLine(en, anEvent({ action: 'backup.verified', after: { checksum: 'abc' } }), 'UTC');
    assert.match(line, / · backup\.verified · /);
    assert.match(line, /checksum: — → abc/);
    assert.doesNotMatch(line, /audit_cmd/);
  });

  it('says “no records” for an object without history, and for filters that select nothing', () => {
    assert.equal(auditMessage(zh, { objectId: 'INC-404' }, [], 'UTC').text, '没有 INC-404 的记录。');
    const none = auditMessage(en, { by: 'slack:U1', fromDay: '2026-03-01', toDay: '2026-03-02' }, [], 'UTC');
    assert.equal(none.text, 'No records match (by slack:U1 · 2026-03-01 to 2026-03-02).');
  });

  it('shows the object of each line when it is not one object’s history, and names the filters', () => {
    const message = auditMessage(
      en,
      { by: 'slack:UADMIN0001', linked: ['web:admin'], fromDay: '2026-03-01', toDay: '2026-03-01' },
      [anEvent()],
      'UTC',
    );
    assert.equal(message.cards?.[0]?.title, 'What slack:UADMIN0001 did');
    assert.match(message.cards![0]!.text!, /grant a role · slack:UALICE0001 · roles:/);
    assert.match(
      message.cards![0]!.footer!,
      /by slack:UADMIN0001 \(with linked web:admin\) · 2026-03-01 to 2026-03-01/,
    );
  });

  it('names Zhiban’s own jobs in words when asked what they did', () => {
    const message = auditMessage(zh, { by: 'system' }, [anEvent({ actor: 'system', via: 'job' })], 'UTC');
    assert.equal(message.cards?.[0]?.title, '值班系统（自动） 的操作');
    assert.match(message.cards![0]!.footer!, /操作人 值班系统（自动）/);
  });

  it('says how many more there are, and how to see them', () => {
    const events = Array.from({ length: 50 }, (_, i) => anEvent({ at: new Date(Date.UTC(2026, 0, 1, 0, i)) }));
    const zhMessage = auditMessage(zh, { fromDay: '2026-01-01', toDay: '2026-01-01' }, events, 'UTC', 72);
    assert.match(zhMessage.cards!.at(-1)!.footer!, /还有 22 条更早的记录没有显示 —— 请缩小时间范围，或导出/);
    const enMessage = auditMessage(en, { objectId: 'slack:UALICE0001' }, events, 'UTC', 50);
    assert.doesNotMatch(enMessage.cards!.at(-1)!.footer!, /more/);
  });

  it('keeps fifty long lines within Slack’s 3000 per section and Discord’s 6000 per message, dropping the oldest', () => {
    const events = Array.from({ length: 50 }, (_, i) =>
      anEvent({ at: new Date(Date.UTC(2026, 0, 1, 0, i)), reason: `${i} ${'x'.repeat(300)}` }),
    );
    const message = auditMessage(en, { objectId: 'slack:U1' }, events, 'UTC');
    const cards = message.cards ?? [];
    assert.ok(cards.every((c) => (c.text ?? '').length <= 3000));
    const total = cards.reduce((n, c) => n + c.title.length + (c.text ?? '').length + (c.footer ?? '').length, 0);
    assert.ok(total <= 6000, `total ${total}`);
    const last = cards.at(-1)!.text!;
    assert.match(last, /note: 49 /, 'the newest is kept');
    assert.doesNotMatch(cards[0]!.text!, /note: 0 /, 'the oldest went first');
    assert.match(cards.at(-1)!.footer!, /\d+ more — narrow the range or export/, 'and what was cut is counted');
  });
});
