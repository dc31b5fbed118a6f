// The daily digest as a person reads it on a phone: the console in a real browser (headless
// Chromium) 390 px wide, the clock moved to 09:00, the digest arriving in # 报告 with its chart an
// image the console serves, loaded in full (1440 px of pixels) and shrunk to the screen's width, the
// page no wider than the screen. A screenshot is left in test/artifacts/report-phone.png.
import { strict as assert } from 'node:assert';
import { artifact, buildPage, chromiumInstalled, openBrowser, type Person } from '../../support/browser.js';
import { ConsolePage } from '../../support/console-page.js';
import { Harness } from '../../support/harness.js';
import { MovedClock } from '../../support/moved-clock.js';

describe('Reports: the daily digest on a phone, in a browser', function () {
  this.timeout(60_000);
  let h: Harness;
  let clock: MovedClock;
  let phone: Person;

  before(async function () {
    if (!chromiumInstalled()) {
      console.warn('  Chromium is not installed (apt-get install -y chromium): browser tests skipped');
      this.skip();
    }
    buildPage();
    // 2026-12-01 08:55 in Shanghai.
    clock = MovedClock.install(new Date('2026-12-01T00:55:00Z'));
    h = await Harness.start({
      label: 'report-browser',
      env: { WEB_CONSOLE: 'on', HOST: '127.0.0.1', REPORTS_SCHEDULE: 'on' },
      options: { web: { feed: { pollMs: 100 }, heartbeatMs: 1000 } },
    });
    const seen = new Date('2026-11-30T20:00:00Z');
    await h.zhiban.models.Alert.insertMany(
      ['infrastructure', 'infrastructure', 'platform', 'application'].map((layer, i) => ({
        _id: `fp-phone-${i}`,
        source: 'generic',
        name: `Alert${i}`,
        status: 'firing',
        severity: 'major',
        layer,
        startsAt: seen,
        firstSeenAt: seen,
        lastSeenAt: seen,
        groupKey: `g-phone-${i}`,
      })),
    );
    phone = await openBrowser({ width: 390, height: 844 });
  });

  after(async function () {
    await phone?.close();
    await h?.stop();
    clock?.restore();
  });

  it('shows the digest’s chart in # 报告 at 09:00, whole and as wide as the screen', async function () {
    const ui = new ConsolePage(phone.page);
    await ui.open(h.zhiban.consoleUrl!);
    await ui.signIn('admin');
    await ui.goTo('reports');
    await clock.moveTo(new Date('2026-12-01T01:00:00Z'), h.zhiban);
    await phone.page.locator('.card-title', { hasText: '每日简报 2026-12-01' }).waitFor();
    const image = phone.page.locator('img.message-image').first();
    await image.waitFor();
    // Evaluated in the page (the test's own TypeScript has no DOM types).
    await phone.page.waitForFunction(
      "(() => { const img = document.querySelector('img.message-image'); return !!img && img.complete && img.naturalWidth > 0; })()",
    );
    const shown = await image.evaluate((element) => {
      const img = element as unknown as {
        naturalWidth: number;
        alt: string;
        getBoundingClientRect(): { width: number };
      };
      return { natural: img.naturalWidth, width: img.getBoundingClientRect().width, alt: img.alt };
    });
    assert.equal(shown.natural, 1440, 'the whole chart arrived');
    assert.ok(shown.width > 250 && shown.width <= 390, `shrunk to the screen: ${shown.width}px`);
    assert.equal(shown.alt, '各层告警数');
    const pageWidth = await ui.scrollWidth();
    assert.ok(pageWidth <= 390, `the page is ${pageWidth}px wide`);
    await image.scrollIntoViewIfNeeded();
    await phone.page.screenshot({ path: artifact('report-phone.png') });
  });
});
