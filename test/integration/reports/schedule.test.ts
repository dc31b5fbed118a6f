// The scheduled reports under a moved clock, with two processes: the daily digest at 09:00 in
// TIMEZONE in the reports channel once; the weekly review on Monday 09:00 and the quarterly
// evaluation on a quarter's first day 09:00 (the quarter before); a process that starts after 09:00
// the same day sends a missed report; a day later it does not; several claims at once make one report.
import { strict as assert } from 'node:assert';
import { REPORT_CATCH_UP_JOB, REPORT_JOBS } from '../../../jobs/reports/schedule.js';
import type { Zhiban } from '../../../src/app.js';
import { ScheduledReports } from '../../../src/domains/reports/rules/scheduled-reports.js';
import { systemClock } from '../../../src/kernel/clock.js';
import { Harness, startZhiban } from '../../support/harness.js';
import { jobRanSince, MovedClock, untilIdle } from '../../support/moved-clock.js';
import { bindChannel, waitUntilSent } from '../../support/outbox-world.js';
import { waitUntil } from '../../support/wait-until.js';

const REPORTS = 'CREPORTS01';

describe('Reports: on schedule', function () {
  this.timeout(90_000);
  let h: Harness;
  let second: Zhiban | undefined;
  let clock: MovedClock;
  const posts = (title: RegExp) =>
    h
      .slack!.callsTo('chat.postMessage')
      .filter((c) => c.body.channel === REPORTS && c.status === 200 && title.test(JSON.stringify(c.body)));
  /**
   * Waits until exactly one post matches `title` (the outbox may still be sending it). A report is
   * drawn in both languages with its charts (and a workbook) before it is posted, which under the
   * whole suite's load on two cores has taken over 10 s: the wait is long, the condition exact.
   */
  const postedOnce = (title: RegExp) =>
    waitUntil(
      async () => {
        const count = posts(title).length;
        if (count > 1) throw new Error(`${title} was posted ${count} times`);
        return count === 1;
      },
      `one post ${title} in the reports channel`,
      { timeoutMs: 45_000 },
    );

  before(async function () {
    // Sunday 2026-12-27 08:59 in Shanghai.
    clock = MovedClock.install(new Date('2026-12-27T00:59:00Z'));
    h = await Harness.start({ label: 'report-schedule', slack: true, env: { REPORTS_SCHEDULE: 'on' } });
    await bindChannel(h, 'slack', 'reports', REPORTS);
    second = await startZhiban(h.env, h.options);
  });

  after(async function () {
    await second?.stop();
    await h?.stop();
    clock?.restore();
  });

  it('posts the daily digest at 09:00 once, with two processes running the job', async function () {
    await clock.settleAt(new Date('2026-12-27T00:59:30Z'), h.zhiban);
    assert.equal(posts(/每日简报/).length, 0, 'not before 09:00');
    const nine = new Date('2026-12-27T01:00:00Z');
    await clock.moveTo(nine, h.zhiban);
    await jobRanSince(h.zhiban, REPORT_JOBS.daily, nine);
    await postedOnce(/每日简报 2026-12-27/);
    await clock.settleAt(new Date('2026-12-27T02:00:00Z'), h.zhiban);
    assert.equal(posts(/每日简报/).length, 1, 'once');
    assert.equal(posts(/每周回顾/).length, 0, 'Sunday: no weekly review');
  });

  it('posts the weekly review on Monday at 09:00 for the week before, beside the daily digest', async function () {
    const monday = new Date('2026-12-28T01:00:00Z');
    await clock.moveTo(monday, h.zhiban);
    await jobRanSince(h.zhiban, REPORT_JOBS.weekly, monday);
    await postedOnce(/每周回顾 2026-W52/);
    await postedOnce(/每日简报 2026-12-28/);
  });

  it('sends a missed quarterly evaluation when a process starts later that day, and not the day after', async function () {
    await second?.stop();
    second = undefined;
    await h.zhiban.stop();
    // Down over 2027-01-01 09:00; back at 15:00 the same day: the catch-up at start sends it.
    await clock.moveTo(new Date('2027-01-01T07:00:00Z'));
    await h.restart();
    await jobRanSince(h.zhiban, REPORT_CATCH_UP_JOB, new Date('2027-01-01T07:00:00Z'));
    await postedOnce(/季度评估 2026-Q4/);
    await postedOnce(/每日简报 2027-01-01/);

    // Down for the 2 January digest's whole day: on 3 January before 09:00 nothing is sent for it.
    await h.zhiban.stop();
    const early = new Date('2027-01-02T23:00:00Z');
    await clock.moveTo(early);
    await h.restart();
    await jobRanSince(h.zhiban, REPORT_CATCH_UP_JOB, early);
    await untilIdle(h.zhiban);
    await waitUntilSent(h, /^report:/);
    assert.equal(posts(/每日简报 2027-01-02/).length, 0, 'a day late is too late');
    assert.equal(posts(/季度评估/).length, 1);
  });

  it('makes one report when several processes claim the same period at once', async function () {
    let posted = 0;
    const check = () =>
      new ScheduledReports({
        runs: h.zhiban.models.ReportRun,
        sections: () => [],
        announcer: { post: async () => void posted++ },
        clock: systemClock,
        timezone: 'Asia/Shanghai',
      });
    await clock.moveTo(new Date('2027-01-03T02:00:00Z'));
    const results = await Promise.all([1, 2, 3, 4, 5].map(() => check().runIfDue('daily')));
    assert.equal(results.filter(Boolean).length, 1);
    assert.equal(posted, 1);
  });
});
