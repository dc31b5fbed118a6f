// Feeds written for calendar programs, read back by the same library.
import { strict as assert } from 'node:assert';
import { readCalendar, writeCalendar } from '../../../src/kernel/icalendar.js';

describe('iCalendar feeds', () => {
  const now = new Date('2026-12-01T02:00:00Z');

  it('writes events that ical.js reads back with the same instants, texts and status', () => {
    const text = writeCalendar(
      {
        name: '维护窗口',
        events: [
          {
            uid: 'UPG-1@zhiban',
            start: new Date('2026-12-01T14:00:00Z'),
            end: new Date('2026-12-01T16:30:00Z'),
            summary: 'gov-portal 2.4.0, 升级; with a comma, and a\nnew line',
            description: 'Rollback: restore 2.3.9'.repeat(20),
            url: 'http://localhost:3000/#UPG-1',
            status: 'CANCELLED',
            sequence: 2,
          },
        ],
      },
      now,
    );
    assert.match(text, /^BEGIN:VCALENDAR\r\n/);
    // Folded by ical.js: 75 octets of content, plus the continuation's leading space.
    assert.ok(text.split('\r\n').every((line) => Buffer.byteLength(line) <= 76));
    const feed = readCalendar(text);
    assert.equal(feed.name, '维护窗口');
    assert.deepEqual(feed.events, [
      {
        uid: 'UPG-1@zhiban',
        start: new Date('2026-12-01T14:00:00Z'),
        end: new Date('2026-12-01T16:30:00Z'),
        summary: 'gov-portal 2.4.0, 升级; with a comma, and a\nnew line',
        description: 'Rollback: restore 2.3.9'.repeat(20),
        url: 'http://localhost:3000/#UPG-1',
        status: 'CANCELLED',
        sequence: 2,
      },
    ]);
  });

  it('writes an empty feed that still reads as a calendar', () => {
    assert.deepEqual(readCalendar(writeCalendar({ name: 'x', events: [] }, now)), { name: 'x', events: [] });
  });

  it('refuses text that is not iCalendar', () => {
    assert.throws(() => readCalendar('hello'));
  });
});
