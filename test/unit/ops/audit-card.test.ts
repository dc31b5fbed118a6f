// How `/ops audit` reads: team time zone, before → after, refusals, and staying inside the platforms' limits.
import { strict as assert } from 'node:assert';
import { Translator } from '../../../src/kernel/i18n.js';
import { auditLine, auditMessage, type AuditLine } from '../../../src/domains/ops/cards/audit.js';

const en = new Translator('zh-CN').forLocale('en');
const zh = new Translator('zh-CN').forLocale('zh-CN');

function anEvent(overrides: Partial<AuditLine> = {}): AuditLine {
  return {
    at: new Date('2026-03-01T02:05:00Z'),
    actor: 'slack:UADMIN0001',
    action: 'role.grant',
    before: { roles: [] },
    after: { roles: ['pm'] },
    outcome: 'done',
    via: 'slack',
    ...overrides,
  };
}

describe('audit card', () => {
  it('gives the time in the team’s zone, who, what and before → after', () => {
    assert.equal(
      auditLine(en, anEvent(), 'Asia/Shanghai'),
      '2026-03-01 10:05 · slack:UADMIN0001 · granted a role · roles: — → roles: pm · via slack',
    );
    assert.equal(
      auditLine(zh, anEvent(), 'Europe/London'),
      '2026-03-01 02:05 · slack:UADMIN0001 · 分配角色 · roles: — → roles: pm · 来自 slack',
    );
  });

  it('marks a refusal and its reason, and names an action it has no words for as stored', () => {
    const line = auditLine(
      en,
      anEvent({
        action: 'incident.ack',
        before: undefined,
        after: undefined,
        outcome: 'refused',
        reason: 'needs one of: admin, secops',
      }),
      'UTC',
    );
    assert.equal(
      line,
      '2026-03-01 02:05 · slack:UADMIN0001 · acknowledge (refused) · reason: needs one of: admin, secops · via slack',
    );
    assert.match(auditLine(en, anEvent({ action: 'backup.verified' }), 'UTC'), / · backup\.verified · /);
  });

  it('says “no records” for an object without history', () => {
    assert.equal(auditMessage(zh, 'INC-404', [], 'UTC').text, '没有 INC-404 的记录。');
  });

  it('keeps fifty long lines within Slack’s 3000 per section and Discord’s 6000 per message, dropping the oldest', () => {
    const events = Array.from({ length: 50 }, (_, i) =>
      anEvent({ at: new Date(Date.UTC(2026, 0, 1, 0, i)), reason: `${i} ${'x'.repeat(300)}` }),
    );
    const message = auditMessage(en, 'slack:U1', events, 'UTC');
    const cards = message.cards ?? [];
    assert.ok(cards.every((c) => (c.text ?? '').length <= 3000));
    const total = cards.reduce((n, c) => n + c.title.length + (c.text ?? '').length + (c.footer ?? '').length, 0);
    assert.ok(total <= 6000, `total ${total}`);
    const last = cards.at(-1)!.text!;
    assert.match(last, /reason: 49 /, 'the newest is kept');
    assert.doesNotMatch(cards[0]!.text!, /reason: 0 /, 'the oldest went first');
  });
});
