// An incident's thread lines in the reader's words: a duty roster's page says whom it paged in each
// language (not the team's words stored at the time), once, and Zhiban's own steps name Zhiban.
import { strict as assert } from 'node:assert';
import type { TimelineEntry } from '../../../models/incidents/incident.js';
import { timelineLine } from '../../../src/domains/incidents/cards/timeline.js';
import { Translator } from '../../../src/kernel/i18n.js';

const translator = new Translator('zh-CN');
const zh = translator.forLocale('zh-CN');
const en = translator.forLocale('en');
const at = new Date('2026-12-01T03:54:00Z');

describe('incident timeline lines', () => {
  it('says a roster page in the reader’s language, whatever text was stored', () => {
    const paged: TimelineEntry = { at, actor: 'system', kind: 'paged', text: '值班主班', level: 'primary' };
    assert.equal(timelineLine(zh, paged, 'Asia/Shanghai'), '2026-12-01 11:54 按值班表通知：值班主班');
    assert.equal(
      timelineLine(en, paged, 'Asia/Shanghai'),
      '2026-12-01 11:54 paged from the roster: the on-duty primary',
    );
  });

  it('names Zhiban, not "system", as the actor of its own steps', () => {
    const again: TimelineEntry = { at, actor: 'system', kind: 'renotified', text: '值班副班', level: 'secondary' };
    const line = timelineLine(zh, again, 'Asia/Shanghai');
    assert.ok(line.includes('值班系统（自动） 再次通知：值班副班'), line);
    const english = timelineLine(en, again, 'Asia/Shanghai');
    assert.ok(english.startsWith('2026-12-01 11:54 Zhiban (automatic) '), english);
    assert.ok(english.endsWith('the on-duty secondary'), english);
  });

  it('keeps what a person wrote', () => {
    const update: TimelineEntry = { at, actor: 'slack:U1', kind: 'update', text: '已切换到备库' };
    assert.ok(timelineLine(en, update, 'Asia/Shanghai').includes('slack:U1'));
    assert.ok(timelineLine(en, update, 'Asia/Shanghai').includes('已切换到备库'));
  });
});
