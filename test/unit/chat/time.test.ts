// Times and durations as people read them.
import { strict as assert } from 'node:assert';
import { Translator } from '../../../src/kernel/i18n.js';
import { formatDuration, formatTime } from '../../../src/chat/time.js';

describe('formatTime and formatDuration', () => {
  it('writes a moment in the team’s time zone, 24-hour, across a date line', () => {
    assert.equal(formatTime(new Date('2026-11-25T16:00:00Z'), 'Asia/Shanghai'), '2026-11-26 00:00');
    assert.equal(formatTime(new Date('2026-11-25T18:13:00Z'), 'Asia/Shanghai'), '2026-11-26 02:13');
    assert.equal(formatTime(new Date('2026-06-01T00:05:00Z'), 'America/New_York'), '2026-05-31 20:05');
  });

  it('writes durations in minutes, hours and days, in both languages', () => {
    const zh = new Translator('zh-CN').forLocale('zh-CN');
    const en = new Translator('zh-CN').forLocale('en');
    assert.equal(formatDuration(zh, 4 * 60_000), '4分钟');
    assert.equal(formatDuration(zh, 125 * 60_000), '2小时5分');
    assert.equal(formatDuration(en, (26 * 60 + 3) * 60_000), '1d 2h');
    assert.equal(formatDuration(en, -5000), '0m', 'a clock skew never shows a negative age');
  });
});
