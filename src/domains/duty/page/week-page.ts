// The week view of the rosters (issue 17: "the web console gets a week view"): a read-only page in
// the console's look, teams down the side and the seven days of an ISO week across, each day the
// shift that its handover starts (primary, secondary, a stand-in marked). Behind CALENDAR_TOKEN,
// like the feeds, so a team can keep it open on a wall screen without a console account.
import type { DutyRoster } from '../../../../models/duty/roster.js';
import type { Period } from '../../../kernel/calendar.js';
import type { Locale, Translate } from '../../../kernel/i18n.js';
import { teamName } from '../cards/words.js';
import { addDays, handoverOn, shiftAt } from '../rules/schedule.js';
import dayjs from 'dayjs';
import { escapeHtml, htmlDocument } from '../../../http/html-page.js';

/** What the week page is drawn from. */
export interface WeekPageInput {
  rosters: readonly DutyRoster[];
  week: Period;
  now: Date;
  zone: string;
  locale: Locale;
  t: Translate;
  /** `?token=…` to keep on the links to the weeks before and after. */
  token: string;
}

/** The week page as a whole HTML document (no script; its stylesheet is `style.css` beside it). */
export function weekPage(input: WeekPageInput): string {
  const { rosters, week, now, zone, t } = input;
  const days = Array.from({ length: 7 }, (_, i) =>
    dayjs(addDays(week.start, i, zone))
      .tz(zone)
      .format('YYYY-MM-DD'),
  );
  const today = dayjs(now).tz(zone).format('YYYY-MM-DD');
  const head = days
    .map(
      (d, i) =>
        `<th scope="col"${d === today ? ' class="today"' : ''}>${escapeHtml(t(`duty.page.weekday.${i}`))} ${d.slice(5)}</th>`,
    )
    .join('');
  const rows = rosters.map((roster) => {
    const cells = days.map((day) => {
      const shift = shiftAt(roster, handoverOn(day, roster.handover, zone), zone);
      const mark = day === today ? ' class="today"' : '';
      if (!shift) return `<td${mark}><span class="empty">${escapeHtml(t('duty.nobody'))}</span></td>`;
      return [
        `<td${mark}>`,
        `<span class="primary">${escapeHtml(shift.primary)}</span>`,
        shift.secondary
          ? `<span class="secondary">${escapeHtml(t('duty.page.secondary', { person: shift.secondary }))}</span>`
          : '',
        shift.source === 'override' ? `<span class="override">${escapeHtml(t('duty.source.override'))}</span>` : '',
        '</td>',
      ].join('');
    });
    return `<tr><th scope="row">${escapeHtml(teamName(t, roster._id))}</th>${cells.join('')}</tr>`;
  });
  const title = t('duty.week.title', { week: week.label });
  const token = encodeURIComponent(input.token);
  const body = [
    `<p class="brand">${escapeHtml(t('app.name'))}</p>`,
    `<h1>${escapeHtml(title)}</h1>`,
    '<nav class="weeks">',
    `<a href="week.html?token=${token}&amp;week=last">${escapeHtml(t('duty.page.last_week'))}</a>`,
    `<a href="week.html?token=${token}">${escapeHtml(t('duty.page.this_week'))}</a>`,
    `<a href="week.html?token=${token}&amp;week=next">${escapeHtml(t('duty.page.next_week'))}</a>`,
    '</nav>',
    rows.length
      ? `<table class="grid"><thead><tr><th scope="col">${escapeHtml(t('duty.page.team'))}</th>${head}</tr></thead><tbody>${rows.join('')}</tbody></table>`
      : `<p class="empty">${escapeHtml(t('duty.now.empty'))}</p>`,
  ].join('\n');
  return htmlDocument(input.locale, title, body, 'duty-week');
}
