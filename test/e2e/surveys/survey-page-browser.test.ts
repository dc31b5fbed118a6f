// A survey answered through its link in a real browser (headless Chromium) at a phone's width: the
// page fits the screen, its choices are finger-sized, a score is chosen by tapping and the form sent
// with no script at all; the answer is the survey's answer, shown on the chat card too; a closed
// survey's link shows a plain page.
import { strict as assert } from 'node:assert';
import type { Survey } from '../../../models/surveys/survey.js';
import { artifact, chromiumInstalled, openBrowser, type Person } from '../../support/browser.js';
import { Harness } from '../../support/harness.js';
import { waitUntilSent } from '../../support/outbox-world.js';
import { slackCommand } from '../../support/slack-user.js';
import { linkIn, slackDirect, slackDirectOnce, slackText } from '../../support/survey-world.js';

const PHONE = { width: 390, height: 844 };

describe('Survey page in a phone-sized browser', function () {
  this.timeout(60_000);
  let h: Harness;
  let phone: Person;
  let link: string;

  before(async function () {
    if (!chromiumInstalled()) {
      console.warn('  Chromium is not installed (apt-get install -y chromium): browser tests skipped');
      this.skip();
    }
    h = await Harness.start({ label: 'survey-browser', slack: true });
    await h.zhiban.models.UserProfile.create({ _id: 'slack:USUPPORT01', roles: ['support'] });
    await slackCommand(h, 'send slack:UPHONE0001', { command: '/survey', userId: 'USUPPORT01' });
    link = linkIn(await slackDirectOnce(h, 'UPHONE0001', 2));
    phone = await openBrowser(PHONE);
  });

  after(async function () {
    await phone?.close();
    await h?.stop();
  });

  it('fits a phone’s screen, with choices big enough for a finger', async function () {
    const { page } = phone;
    await page.goto(link);
    await page.getByRole('heading', { name: '满意度调查 SRV-1' }).waitFor();
    const width = {
      scroll: await page.evaluate<number>('document.documentElement.scrollWidth'),
      client: await page.evaluate<number>('document.documentElement.clientWidth'),
    };
    assert.ok(width.scroll <= width.client, `no sideways scrolling (${width.scroll} > ${width.client})`);
    for (const question of ['timeliness', 'loyalty']) {
      const chip = page.locator(`input[name="${question}"][value="1"] + span`);
      const box = (await chip.boundingBox())!;
      assert.ok(box.width >= 44 && box.height >= 44, `${question} choices are at least 44 px: ${JSON.stringify(box)}`);
    }
    const submit = (await page.getByRole('button', { name: '提交我的回答' }).boundingBox())!;
    assert.ok(submit.width > PHONE.width / 2, 'the button spans the screen');
    assert.equal(await page.locator('script').count(), 0, 'no script');
    await page.screenshot({ path: artifact('survey-page-phone.png'), fullPage: true });
  });

  it('takes the answers tapped and typed, and they are the survey’s answers, on the chat card too', async function () {
    const { page } = phone;
    // The radio itself is hidden under its chip: a person taps the chip, as here.
    await page.locator('input[name="timeliness"][value="4"] + span').click();
    await page.locator('input[name="quality"][value="5"] + span').click();
    await page.locator('input[name="overall"][value="4"] + span').click();
    await page.locator('input[name="loyalty"][value="10"] + span').click();
    await page.locator('textarea[name="comment"]').fill('手机上填写很方便');
    await page.getByRole('button', { name: '提交我的回答' }).click();
    await page.getByRole('status').filter({ hasText: '已保存，谢谢' }).waitFor();
    assert.match(page.url(), /\?saved=1$/);
    assert.equal(await page.locator('input[name="loyalty"][value="10"]').isChecked(), true);
    const stored = (await h.zhiban.models.Survey.findById('SRV-1').lean<Survey>())!;
    assert.deepEqual(stored.answers, { timeliness: 4, quality: 5, overall: 4, loyalty: 10 });
    assert.equal(stored.comment, '手机上填写很方便');
    await waitUntilSent(h, /^survey:SRV-1/);
    const [ratings, loyalty] = slackDirect(h, 'UPHONE0001');
    assert.match(slackText(ratings!), /你的评分：5 \/ 5/);
    assert.match(slackText(loyalty!), /你的评分：10 \/ 10/);
    await page.screenshot({ path: artifact('survey-page-phone-saved.png'), fullPage: true });
  });

  it('says plainly that a closed survey is closed', async function () {
    await h.zhiban.models.Survey.updateOne({ _id: 'SRV-1' }, { $set: { state: 'closed', closedAt: new Date() } });
    const { page } = phone;
    const answer = await page.goto(link);
    assert.equal(answer?.status(), 410);
    await page.getByRole('heading', { name: '满意度调查 SRV-1（已结束）' }).waitFor();
    assert.equal(await page.locator('form').count(), 0);
    assert.match(await page.locator('body').innerText(), /信任与依赖: 10 \/ 10/);
  });
});
