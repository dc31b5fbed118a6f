// The web console's door: passwords (argon2id), sessions stored hashed, cookie flags, CSRF and
// origin checks, the sign-in rate limit, admins managing accounts; and the console staying off
// where the configuration says so.
import { strict as assert } from 'node:assert';
import { createHash } from 'node:crypto';
import type { Me } from '../../../src/chat/web/api-types.js';
import { Harness } from '../../support/harness.js';
import { WebUser } from '../../support/web-user.js';

const PASSWORD = 'admin-password-for-tests-1';
const FAST_WEB = { web: { feed: { pollMs: 100 }, heartbeatMs: 300 } };

describe('Web console: sign-in and sessions', function () {
  this.timeout(30_000);
  let h: Harness;

  before(async function () {
    h = await Harness.start({
      label: 'web-auth',
      env: { WEB_CONSOLE: 'on', WEB_ADMIN_PASSWORD: PASSWORD },
      options: FAST_WEB,
    });
  });

  after(async function () {
    await h?.stop();
  });

  it('signs the first admin in with WEB_ADMIN_PASSWORD, with a hashed password and a hashed session', async function () {
    const admin = await WebUser.signIn(h.url, 'admin', PASSWORD);
    assert.equal(admin.me?.key, 'web:admin');
    assert.ok(admin.me?.admin, 'web:admin is an admin');
    assert.equal(admin.me?.mode, 'password');
    const stored = await h.zhiban.models.WebUser.findById('admin').lean();
    assert.match(stored!.passwordHash, /^\$argon2id\$/);
    assert.doesNotMatch(JSON.stringify(stored), new RegExp(PASSWORD));
    const token = admin.cookie.split('=')[1]!;
    assert.equal(await h.zhiban.models.WebSession.countDocuments({ _id: token }), 0, 'the token itself is not stored');
    const hashed = createHash('sha256').update(token).digest('hex');
    assert.equal(await h.zhiban.models.WebSession.countDocuments({ _id: hashed, user: 'admin' }), 1);
  });

  it('sets the cookie HttpOnly and SameSite=Strict, and Secure when the request came over https', async function () {
    const plain = await new WebUser(h.url).call('POST', '/api/session', { name: 'admin', password: PASSWORD });
    const cookie = plain.headers.get('set-cookie')!;
    assert.match(cookie, /HttpOnly/);
    assert.match(cookie, /SameSite=Strict/);
    assert.doesNotMatch(cookie, /Secure/);
    const viaProxy = await new WebUser(h.url).call(
      'POST',
      '/api/session',
      { name: 'admin', password: PASSWORD },
      { headers: { 'x-forwarded-proto': 'https' } },
    );
    assert.match(viaProxy.headers.get('set-cookie')!, /; Secure/);
  });

  it('refuses a wrong password, and after 5 attempts from one address refuses the name with 429 and Retry-After', async function () {
    const guesser = new WebUser(h.url);
    for (let i = 0; i < 5; i += 1) {
      const answer = await guesser.signIn('carol', `wrong-guess-${i}`);
      assert.equal(answer.status, 401);
      assert.equal((answer.body as unknown as { error: string }).error, 'bad_credentials');
    }
    const limited = await guesser.signIn('carol', 'wrong-guess-5');
    assert.equal(limited.status, 429);
    assert.equal((limited.body as unknown as { error: string }).error, 'too_many_attempts');
    const retryAfter = Number(limited.headers.get('retry-after'));
    assert.ok(retryAfter > 800 && retryAfter <= 900, `Retry-After ${retryAfter} s is the rest of 15 minutes`);
    assert.equal((await guesser.signIn('admin', PASSWORD)).status, 200, 'another name is not limited');
  });

  it('counts a burst of parallel guesses too: no more than 5 get checked', async function () {
    const guesses = await Promise.all(
      Array.from({ length: 12 }, (_, i) => new WebUser(h.url).signIn('dave', `parallel-guess-${i}`)),
    );
    assert.equal(guesses.filter((a) => a.status === 401).length, 5);
    assert.equal(guesses.filter((a) => a.status === 429).length, 7);
  });

  it('refuses a change without the session CSRF token, or with another session’s, and changes nothing', async function () {
    const admin = await WebUser.signIn(h.url, 'admin', PASSWORD);
    const other = await WebUser.signIn(h.url, 'admin', PASSWORD);
    const before = await h.zhiban.models.WebMessage.countDocuments();
    const without = await admin.call(
      'POST',
      '/api/commands',
      { channelId: 'incidents', text: '/ops help' },
      { csrf: '' },
    );
    assert.equal(without.status, 403);
    assert.deepEqual(without.body, { error: 'bad_csrf', details: ["send the session's X-CSRF-Token header"] });
    const borrowed = await admin.call(
      'POST',
      '/api/commands',
      { channelId: 'incidents', text: '/ops help' },
      { csrf: other.csrf },
    );
    assert.equal(borrowed.status, 403);
    assert.equal(await h.zhiban.models.WebMessage.countDocuments(), before);
  });

  it('ends the session a browser had when it signs in again', async function () {
    const browser = await WebUser.signIn(h.url, 'admin', PASSWORD);
    const first = browser.cookie;
    await browser.signIn('admin', PASSWORD);
    assert.notEqual(browser.cookie, first);
    const stale = new WebUser(h.url);
    stale.cookie = first;
    assert.equal((await stale.call('GET', '/api/me')).status, 401);
  });

  it('accepts a change the browser marks same-origin, even when a proxy rewrote Host', async function () {
    const admin = await WebUser.signIn(h.url, 'admin', PASSWORD);
    const answer = await admin.call(
      'PUT',
      '/api/me/locale',
      { locale: 'en' },
      { headers: { 'sec-fetch-site': 'same-origin', origin: 'https://zhiban.example.gov.cn' } },
    );
    assert.equal(answer.status, 200);
    assert.equal((answer.body as Me).locale, 'en');
  });

  it('refuses a change sent from another site', async function () {
    const admin = await WebUser.signIn(h.url, 'admin', PASSWORD);
    const crossSite = await admin.call(
      'POST',
      '/api/commands',
      { channelId: 'incidents', text: '/ops help' },
      { headers: { origin: 'https://evil.example' } },
    );
    assert.equal(crossSite.status, 403);
    assert.equal((crossSite.body as { error: string }).error, 'bad_origin');
    const signIn = await new WebUser(h.url).call(
      'POST',
      '/api/session',
      { name: 'admin', password: PASSWORD },
      { headers: { 'sec-fetch-site': 'cross-site' } },
    );
    assert.equal(signIn.status, 403);
  });

  it('lets an admin add a person and reset their password, which signs their browsers out', async function () {
    const admin = await WebUser.signIn(h.url, 'admin', PASSWORD);
    const added = await admin.call('POST', '/api/admin/users', { name: 'Erin', password: 'erin-first-password' });
    assert.equal(added.status, 201);
    assert.equal(
      (await admin.call('POST', '/api/admin/users', { name: 'erin', password: 'x'.repeat(12) })).status,
      409,
    );
    const erin = await WebUser.signIn(h.url, 'erin', 'erin-first-password');
    assert.equal(erin.me?.key, 'web:erin', 'names are kept in lower case');
    assert.equal((await erin.call('GET', '/api/admin/users')).status, 403, 'only admins list users');

    const reset = await admin.call('PUT', '/api/admin/users/erin/password', { password: 'erin-second-password' });
    assert.equal(reset.status, 204);
    assert.equal((await erin.call('GET', '/api/me')).status, 401, 'the old session is gone');
    assert.equal((await new WebUser(h.url).signIn('erin', 'erin-first-password')).status, 401);
    assert.equal((await new WebUser(h.url).signIn('erin', 'erin-second-password')).status, 200);

    const list = await admin.call<{ users: Array<{ name: string }> }>('GET', '/api/admin/users');
    assert.deepEqual(
      list.body.users.map((u) => u.name),
      ['admin', 'erin'],
    );
    const audit = await h.zhiban.models.AuditEvent.find({ objectId: 'web:erin' }).lean();
    assert.deepEqual(audit.map((e) => e.action).sort(), ['web_user.create', 'web_user.reset_password']);
    const fromConfig = await admin.call('PUT', '/api/admin/users/admin/password', { password: 'y'.repeat(12) });
    assert.equal(fromConfig.status, 409);
    const short = await admin.call('POST', '/api/admin/users', { name: 'frank', password: 'short' });
    assert.equal(short.status, 400);
    assert.match(JSON.stringify(short.body), /password: must be at least 10 characters/);
  });

  it('ends a live stream when its session is closed', async function () {
    const admin = await WebUser.signIn(h.url, 'admin', PASSWORD);
    const stream = await admin.stream();
    assert.equal(stream.response.headers.get('content-type'), 'text/event-stream; charset=utf-8');
    assert.equal((await admin.call('DELETE', '/api/session')).status, 204);
    await stream.ended;
    assert.ok(stream.events.some((e) => e.event === 'signed_out'));
    assert.equal((await admin.call('GET', '/api/me')).status, 401);
  });

  it('answers 401 JSON to a browser without a session', async function () {
    const nobody = new WebUser(h.url);
    const answer = await nobody.call('GET', '/api/channels');
    assert.equal(answer.status, 401);
    assert.deepEqual(answer.body, { error: 'signed_out', details: ['sign in first'] });
    assert.equal((await nobody.signIn('admin')).status, 400, 'a password is required in password mode');
  });

  it('does not accept a trial-mode session once a password is configured', async function () {
    const now = new Date();
    const token = 'trial-token-0123456789abcdefghij';
    await h.zhiban.models.WebSession.create({
      _id: createHash('sha256').update(token).digest('hex'),
      user: 'admin',
      trial: true,
      createdAt: now,
      seenAt: now,
      expiresAt: new Date(now.getTime() + 3600_000),
    });
    const holder = new WebUser(h.url);
    holder.cookie = `zhiban_session=${token}`;
    assert.equal((await holder.call<Me>('GET', '/api/me')).status, 401);
  });
});

describe('Web console: off where the configuration says so', function () {
  this.timeout(30_000);

  for (const [why, env] of [
    ['HOST is not loopback and there is no password', { WEB_CONSOLE: 'on', HOST: '0.0.0.0' }],
    ['WEB_CONSOLE=off', { WEB_CONSOLE: 'off' }],
  ] as const) {
    it(`serves no console when ${why}: GET / and /api are 404`, async function () {
      const h = await Harness.start({ label: 'web-off', env });
      try {
        assert.equal(h.zhiban.consoleUrl, undefined);
        assert.equal(h.zhiban.adapter('web'), undefined);
        const url = h.url.replace('0.0.0.0', '127.0.0.1');
        assert.equal((await fetch(`${url}/`)).status, 404);
        assert.equal((await fetch(`${url}/api/strings`)).status, 404);
        const signIn = await new WebUser(url).signIn('admin');
        assert.equal(signIn.status, 404);
      } finally {
        await h.stop();
      }
    });
  }
});
