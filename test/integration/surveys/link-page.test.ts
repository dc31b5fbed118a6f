// A survey's one-time page, GET and POST /s/:token, with the web console off: in the asked person's
// language, no account; its token kept only as a hash; answers there and in chat are one answer; bad
// input answered on the page with nothing stored; a form from another site refused; a guessed token
// 404, and guessing limited per address as the console's sign-in is.
import { strict as assert } from 'node:assert';
import { LINK_ATTEMPTS } from '../../../src/domains/surveys/rules/link-throttle.js';
import { linkHash } from '../../../src/domains/surveys/rules/survey-link.js';
import type { Survey } from '../../../models/surveys/survey.js';
import { Harness } from '../../support/harness.js';
import { waitUntilSent } from '../../support/outbox-world.js';
import { slackCommand } from '../../support/slack-user.js';
import { clickInDirect, linkIn, slackDirect, slackDirectOnce, slackText } from '../../support/survey-world.js';

const SUPPORT = 'USUPPORT01';
const ASKED = 'UENGLISH01';

describe('Surveys: the link page', function () {
  this.timeout(60_000);
  let h: Harness;
  let link: string;
  const survey = async () => (await h.zhiban.models.Survey.findById('SRV-1').lean<Survey>())!;
  const post = (url: string, form: Record<string, string>, headers: Record<string, string> = {}) =>
    fetch(url, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-site': 'same-origin', ...headers },
      body: new URLSearchParams(form).toString(),
    });
  const from = (address: string) => ({ 'x-forwarded-for': address });

  before(async function () {
    h = await Harness.start({ label: 'survey-page', slack: true });
    await h.zhiban.models.UserProfile.insertMany([
      { _id: `slack:${SUPPORT}`, roles: ['support'] },
      { _id: `slack:${ASKED}`, locale: 'en' },
    ]);
    await slackCommand(h, `send slack:${ASKED}`, { command: '/survey', userId: SUPPORT });
    link = linkIn(await slackDirectOnce(h, ASKED, 2));
  });

  after(async function () {
    await h?.stop();
  });

  it('opens in the asked person’s language, with no account, the console off', async function () {
    assert.equal(h.zhiban.consoleUrl, undefined, 'the console is off');
    const page = await fetch(link);
    assert.equal(page.status, 200);
    assert.match(page.headers.get('content-type') ?? '', /text\/html/);
    assert.equal(page.headers.get('referrer-policy'), 'no-referrer', 'the token does not travel on');
    assert.equal(page.headers.get('cache-control'), 'no-store');
    assert.match(page.headers.get('content-security-policy') ?? '', /default-src 'none'.*form-action 'self'/);
    const html = await page.text();
    assert.match(html, /<html lang="en">/);
    assert.match(html, /Satisfaction survey SRV-1/);
    assert.match(html, /Timeliness of service/);
    // A form, not a chat card: it asks for a choice and a send, not a click on a number.
    assert.match(html, /Choose a number for each question and send/);
    assert.doesNotMatch(html, /Click a number below/);
    assert.match(html, /<link rel="stylesheet" href="style.css">/);
    const css = await fetch(new URL('style.css', link));
    assert.equal(css.status, 200);
    assert.match(css.headers.get('content-type') ?? '', /text\/css/);
  });

  it('keeps only the token’s hash', async function () {
    const token = link.split('/').at(-1)!;
    const stored = await survey();
    assert.ok(stored.linkHashes.includes(linkHash(token)));
    assert.doesNotMatch(JSON.stringify(stored), new RegExp(token));
  });

  it('takes the answers, and they are the same answers as in chat', async function () {
    const answer = await post(link, { timeliness: '5', quality: '', loyalty: '9', comment: 'Quick and clear' });
    assert.equal(answer.status, 303);
    assert.match(answer.headers.get('location') ?? '', /^\.\/[A-Za-z0-9_-]{43}\?saved=1$/);
    let stored = await survey();
    assert.deepEqual(stored.answers, { timeliness: 5, loyalty: 9 });
    assert.equal(stored.comment, 'Quick and clear');
    const audit = await h.zhiban.models.AuditEvent.findOne({ objectId: 'SRV-1', action: 'survey.rate' }).lean();
    assert.deepEqual([audit?.actor, audit?.via], [`slack:${ASKED}`, 'link']);
    await waitUntilSent(h, /^survey:SRV-1/);
    const [ratings, loyalty] = slackDirect(h, ASKED);
    assert.match(slackText(ratings!), /Your rating: 5 \/ 5/, 'the chat card shows what was answered on the page');
    assert.match(slackText(ratings!), /Quick and clear/);
    assert.match(slackText(loyalty!), /Your rating: 9 \/ 10/);

    await clickInDirect(h, ASKED, 'survey.rate', 'SRV-1:timeliness:3');
    stored = await survey();
    assert.deepEqual(stored.answers, { timeliness: 3, loyalty: 9 });
    const saved = await fetch(`${link}?saved=1`);
    const html = await saved.text();
    assert.match(html, /Saved\. Thank you!/);
    assert.match(html, /name="timeliness" value="3" checked/, 'the page shows the answer given in chat');
    assert.match(html, /Quick and clear<\/textarea>/);
  });

  it('answers a score off its scale on the page, in the person’s language, and stores nothing', async function () {
    const before = await survey();
    const answer = await post(link, { timeliness: '9', quality: '4', comment: 'x' });
    assert.equal(answer.status, 400);
    const html = await answer.text();
    assert.match(html, /Timeliness of service: choose a whole number from 1 to 5\./);
    assert.match(html, /name="quality" value="4" checked/, 'what was typed is kept');
    const after = await survey();
    assert.deepEqual([after.answers, after.comment, after.version], [before.answers, before.comment, before.version]);
    const empty = await post(link, { comment: 'x'.repeat(2001) });
    assert.equal(empty.status, 400);
    assert.match(await empty.text(), /at most 2000 characters/);
  });

  it('refuses a form sent from another site', async function () {
    const before = await survey();
    const forged = await post(link, { overall: '1' }, { 'sec-fetch-site': 'cross-site' });
    assert.equal(forged.status, 403);
    const noSite = await post(link, { overall: '1' }, { 'sec-fetch-site': '', origin: 'https://evil.example' });
    assert.equal(noSite.status, 403);
    assert.equal((await survey()).version, before.version);
  });

  it('answers a guessed token 404 and limits guessing per address, not the one using their link', async function () {
    for (let i = 0; i < LINK_ATTEMPTS + 2; i++) {
      assert.equal((await fetch(link, { headers: from('198.51.100.4') })).status, 200, 'a real link is not counted');
    }
    const guess = (n: number) => `${new URL(link).origin}/s/${'A'.repeat(42)}${String.fromCharCode(65 + n)}`;
    for (let i = 0; i < LINK_ATTEMPTS; i++) {
      const page = await fetch(guess(i), { headers: from('203.0.113.9') });
      assert.equal(page.status, 404);
      if (i === 0) assert.match(await page.text(), /没有这份调查|No such survey/);
    }
    const limited = await fetch(guess(20), { headers: from('203.0.113.9') });
    assert.equal(limited.status, 429);
    assert.ok(Number(limited.headers.get('retry-after')) > 0);
    assert.match(await limited.text(), /尝试次数过多|Too many tries/);
    const posted = await post(guess(21), { overall: '1' }, from('203.0.113.9'));
    assert.equal(posted.status, 429, 'posting counts too');
    assert.equal(
      (await fetch(link, { headers: from('198.51.100.4') })).status,
      200,
      'another address is not held back',
    );
    const wrongShape = await fetch(`${new URL(link).origin}/s/not-a-token`, { headers: from('192.0.2.1') });
    assert.equal(wrongShape.status, 404);
  });

  it('answers a body that is too big with a page, not an error dump', async function () {
    const big = await post(link, { comment: 'x'.repeat(20_000) });
    assert.equal(big.status, 413);
    assert.match(await big.text(), /<h1>/);
  });
});
