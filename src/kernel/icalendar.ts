// iCalendar feeds (RFC 5545) that teams subscribe to from their calendar program: the maintenance
// windows of `GET /maintenance.ics` and the duty rosters' shifts. Written and read with ical.js
// (Mozilla's library, MPL-2.0) rather than by hand, so folding, escaping and UTC times follow the RFC.
import ICAL from 'ical.js';

/** One event of a feed. Times are instants (written in UTC); texts are any length (the library folds lines). */
export interface CalendarEvent {
  /** Stable across feeds and edits (e.g. `UPG-3@zhiban`), so a calendar updates the event instead of adding one. */
  uid: string;
  start: Date;
  end: Date;
  summary: string;
  description?: string;
  /** Where to open it (a card link, the console). */
  url?: string;
  /** RFC 5545 STATUS: `CANCELLED` makes subscribed calendars strike the event out. */
  status?: 'CONFIRMED' | 'TENTATIVE' | 'CANCELLED';
  /** Bumped on every change of the event (RFC 5545 SEQUENCE); 0 when left out. */
  sequence?: number;
  /** When the event last changed; DTSTAMP. */
  updatedAt?: Date;
}

/** A feed's name and the events in it. */
export interface CalendarFeed {
  /** X-WR-CALNAME: the name calendar programs show for the subscription. */
  name: string;
  events: readonly CalendarEvent[];
}

/** The feed as `text/calendar` text (CRLF line ends, long lines folded by ical.js at 75 octets of content). */
export function writeCalendar(feed: CalendarFeed, now: Date): string {
  const calendar = new ICAL.Component(['vcalendar', [], []]);
  calendar.updatePropertyWithValue('prodid', '-//Zhiban//Zhiban//EN');
  calendar.updatePropertyWithValue('version', '2.0');
  calendar.updatePropertyWithValue('calscale', 'GREGORIAN');
  calendar.updatePropertyWithValue('method', 'PUBLISH');
  calendar.updatePropertyWithValue('x-wr-calname', feed.name);
  for (const item of feed.events) {
    const vevent = new ICAL.Component('vevent');
    const event = new ICAL.Event(vevent);
    event.uid = item.uid;
    event.summary = item.summary;
    event.startDate = ICAL.Time.fromJSDate(item.start, true);
    event.endDate = ICAL.Time.fromJSDate(item.end, true);
    if (item.description) event.description = item.description;
    vevent.addPropertyWithValue('dtstamp', ICAL.Time.fromJSDate(item.updatedAt ?? now, true));
    if (item.url) vevent.addPropertyWithValue('url', item.url);
    if (item.status) vevent.addPropertyWithValue('status', item.status);
    vevent.addPropertyWithValue('sequence', item.sequence ?? 0);
    calendar.addSubcomponent(vevent);
  }
  return calendar.toString();
}

/**
 * Reads a feed back (tests, and whatever imports a calendar): its name and events, times as instants.
 * Throws ical.js's parse error on text that is not iCalendar.
 */
export function readCalendar(text: string): CalendarFeed {
  const calendar = new ICAL.Component(ICAL.parse(text));
  const name = calendar.getFirstPropertyValue('x-wr-calname');
  const events = calendar.getAllSubcomponents('vevent').map((vevent): CalendarEvent => {
    const event = new ICAL.Event(vevent);
    const url = vevent.getFirstPropertyValue('url');
    const status = vevent.getFirstPropertyValue('status');
    const sequence = vevent.getFirstPropertyValue('sequence');
    return {
      uid: event.uid,
      start: event.startDate.toJSDate(),
      end: event.endDate.toJSDate(),
      summary: event.summary,
      ...(event.description ? { description: event.description } : {}),
      ...(typeof url === 'string' ? { url } : {}),
      ...(typeof status === 'string' ? { status: status as CalendarEvent['status'] } : {}),
      ...(typeof sequence === 'number' ? { sequence } : {}),
    };
  });
  return { name: typeof name === 'string' ? name : '', events };
}
