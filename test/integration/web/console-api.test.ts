// The web console's chat: its channels, commands and clicks reach the same router as Slack's; cards
// posted by the outbox are stored and streamed live; bad input gets a 4xx JSON answer and changes nothing.
import { strict as assert } from 'node:assert';
import { Harness } from '../../support/harness.js';
import { waitUntil } from '../../support/wait-until.js';
import { WebUser } from '../../support/web-user.js';

const FAST_WEB = { web: { feed: { pollMs: 100 }, heartbeatMs: 300 } };

describe('Web console: channels, commands and clicks', function () {
  this.timeout(30_000);
  let h: Harness;
  let admin: WebUser;
  let alice: WebUser;

  before(async function () {
    h = await Harness.start({ label: 'web-api', env: { WEB_CONSOLE: 'on' }, options: FAST_WEB });
    admin = await WebUser.signIn(h.url, 'admin');
    alice = await WebUser.signIn(h.url, 'alice');
  });

  after(async function () {
    await h?.stop();
  });

  const cardIn = (user: WebUser, channelId: string, title: RegExp) =>
    waitUntil(async () => {
      const { body } = await user.history(channelId);
      return body.messages.find((m) => !m.thread && title.test(m.message.cards?.[0]?.title ?? ''));
    }, `a card ${title} in ${channelId}`);

  it('serves the page, its strings and the fixed channels in trial mode', async function () {
    const page = await fetch(`${h.url}/`);
    assert.equal(page.status, 200);
    assert.match(page.headers.get('content-security-policy')!, /script-src 'self'/);
    assert.match(await page.text(), /<div id="app">/);
    const strings = await admin.call<{ mode: string; strings: Record<string, string> }>(
      'GET',
      '/api/strings?locale=en',
    );
    assert.equal(strings.body.mode, 'trial');
    assert.equal(strings.body.strings['signin.submit'], 'Sign in');
    assert.equal(admin.me?.admin, true, 'web:admin is an admin in trial mode too');
    assert.equal(alice.me?.admin, false);
    const channels = await alice.call<{ channels: Array<{ id: string }> }>('GET', '/api/channels');
    assert.deepEqual(
      channels.body.channels.map((c) => c.id),
      ['alerts', 'incidents', 'backups', 'approvals', 'announcements', 'reports', 'dm:alice'],
    );
    const bindings = await h.zhiban.models.ChannelBinding.find({ platform: 'web' }).lean();
    assert.equal(bindings.length, 6, 'each kind is bound to its web channel at start');
  });

  it('serves trial mode to this machine only, even through a local proxy', async function () {
    const fromElsewhere = await new WebUser(h.url).call(
      'POST',
      '/api/session',
      { name: 'mallory' },
      { headers: { 'x-forwarded-for': '203.0.113.5' } },
    );
    assert.equal(fromElsewhere.status, 403);
    assert.equal((fromElsewhere.body as { error: string }).error, 'trial_local_only');
    const reading = await alice.call('GET', '/api/channels', undefined, {
      headers: { 'x-forwarded-for': '203.0.113.5' },
    });
    assert.equal(reading.status, 403);
  });

  it('lists the commands and their subcommands for completion', async function () {
    const { body } = await alice.call<{ commands: Array<{ name: string; subcommands: Array<{ name: string }> }> }>(
      'GET',
      '/api/commands',
    );
    const incident = body.commands.find((c) => c.name === 'incident')!;
    assert.deepEqual(
      incident.subcommands.map((s) => s.name),
      ['declare', 'list', 'show', 'update', 'assign', 'resolve', 'summary'],
    );
  });

  it('declares an incident whose card the outbox posts in the incidents channel, and acknowledges it by a click', async function () {
    await h.zhiban.models.UserProfile.create({ _id: 'web:olga', roles: ['sysops'] });
    const olga = await WebUser.signIn(h.url, 'olga');
    const stream = await olga.stream();
    const declared = await alice.command('incidents', '/incident declare P2 technical 网上办事大厅访问缓慢');
    assert.equal(declared.status, 200);
    const card = await cardIn(olga, 'incidents', /INC-\d+ · 网上办事大厅访问缓慢/);
    assert.equal(card.version, 1);
    assert.ok(!card.private, 'the team sees the card');
    const id = /INC-\d+/.exec(card.message.cards![0]!.title)![0];

    const acked = await olga.click(card.id, 'incident.ack', id);
    assert.equal(acked.status, 200);
    const edited = await waitUntil(async () => {
      const seen = stream.messages().filter((m) => m.id === card.id);
      return seen.find((m) => JSON.stringify(m.message).includes('已确认现象'));
    }, 'the acknowledged card on the live stream');
    assert.ok(edited.version > 1);
    const thread = await waitUntil(async () => {
      const { body } = await olga.history('incidents');
      return body.messages.find((m) => m.thread === card.id && /→/.test(m.message.text));
    }, 'the step in the card’s thread');
    assert.match(thread.message.text, /已申报（待确认） → 已确认现象/);
    stream.close();
  });

  it('shows a private answer only to the one who asked, under the card clicked', async function () {
    const declared = await alice.command('incidents', '/incident declare P3 routine 证照打印模糊');
    assert.equal(declared.status, 200);
    const card = await cardIn(alice, 'incidents', /证照打印模糊/);
    const id = /INC-\d+/.exec(card.message.cards![0]!.title)![0];
    const refused = await alice.click(card.id, 'incident.ack', id);
    assert.equal(refused.status, 200, 'a refusal is an answer in the channel, not an HTTP error');
    const mine = (await alice.history('incidents')).body.messages;
    const answer = mine.find((m) => m.thread === card.id && m.private);
    assert.match(answer!.message.text, /需要以下角色之一/);
    const theirs = (await admin.history('incidents')).body.messages;
    assert.equal(theirs.filter((m) => m.private).length, 0, 'admin sees none of alice’s private messages');
    const incident = await h.zhiban.models.Incident.findById(id).lean();
    assert.equal(incident?.state, 'reported', 'nothing changed');
  });

  it('opens a form for a command typed alone and declares from it', async function () {
    const opened = await alice.command('incidents', '/incident');
    assert.equal(opened.body.form?.id, 'incident.declare');
    const submitted = await alice.call('POST', '/api/forms', {
      channelId: 'incidents',
      formId: 'incident.declare',
      values: { title: '社保查询超时', severity: 'P3', category: 'technical', system: 'si', description: '' },
      requestId: 'form-request-0001',
    });
    assert.equal(submitted.status, 200);
    await cardIn(alice, 'incidents', /社保查询超时/);
    const again = await alice.call('POST', '/api/forms', {
      channelId: 'incidents',
      formId: 'incident.declare',
      values: { title: '社保查询超时', severity: 'P3', category: 'technical' },
      requestId: 'form-request-0001',
    });
    assert.equal(again.status, 200);
    assert.equal(await h.zhiban.models.Incident.countDocuments({ title: '社保查询超时' }), 1, 'a retry declares once');
  });

  it('answers bad input with a 4xx JSON error and changes nothing', async function () {
    const messages = await h.zhiban.models.WebMessage.countDocuments();
    const incidents = await h.zhiban.models.Incident.countDocuments();
    const card = (await alice.history('incidents')).body.messages.find((m) => m.message.cards?.[0]?.buttons?.length)!;
    const cases: Array<[string, Promise<{ status: number; body: unknown }>, number, string]> = [
      [
        'malformed JSON',
        alice.call('POST', '/api/commands', undefined, { raw: '{"channelId": ' }),
        400,
        'malformed_json',
      ],
      [
        'an oversized body',
        alice.command('incidents', `/incident declare ${'长'.repeat(70_000)}`),
        413,
        'payload_too_large',
      ],
      ['missing fields', alice.call('POST', '/api/commands', { channelId: 'incidents' }), 400, 'invalid_request'],
      [
        'not JSON',
        alice.call('POST', '/api/commands', undefined, { raw: 'text=/ops', headers: { 'content-type': 'text/plain' } }),
        415,
        'unsupported_media_type',
      ],
      ['no slash', alice.command('incidents', 'hello'), 400, 'invalid_request'],
      [
        'an unknown action id',
        alice.click(card.id, 'incident.delete_all', card.message.cards![0]!.buttons![0]!.value),
        400,
        'unknown_action',
      ],
      ['a value not on the card', alice.click(card.id, 'incident.ack', 'INC-999'), 400, 'unknown_action'],
      ['an unknown message', alice.click('no-such-message', 'incident.ack', 'INC-1'), 404, 'no_message'],
      [
        'an unknown form',
        alice.call('POST', '/api/forms', { channelId: 'incidents', formId: 'incident.erase', values: {} }),
        400,
        'unknown_form',
      ],
      ['another person’s direct channel', alice.command('dm:admin', '/ops help'), 404, 'no_channel'],
      ['a made-up channel', alice.command('secret', '/ops help'), 404, 'no_channel'],
      ['reading another person’s direct channel', alice.history('dm:admin'), 404, 'no_channel'],
      ['an unknown API path', alice.call('GET', '/api/nothing-here'), 404, 'not_found'],
    ];
    for (const [what, answer, status, error] of cases) {
      const { status: got, body } = await answer;
      assert.equal(got, status, what);
      assert.equal((body as { error: string }).error, error, what);
      assert.ok(Array.isArray((body as { details: unknown }).details), `${what}: details`);
    }
    assert.equal(await h.zhiban.models.WebMessage.countDocuments(), messages);
    assert.equal(await h.zhiban.models.Incident.countDocuments(), incidents);
  });

  it('keeps another person’s private messages and buttons out of reach', async function () {
    await admin.command('dm:admin', '/ops whoami');
    const adminDm = (await admin.history('dm:admin')).body.messages;
    assert.ok(adminDm.length >= 2, 'the command and its answer');
    const privateOne = adminDm.find((m) => !m.author)!;
    const click = await alice.click(privateOne.id, 'incident.ack', 'INC-1');
    assert.equal(click.status, 404);
    const stream = await alice.stream();
    await admin.command('incidents', '/ops whoami');
    await alice.command('incidents', '/ops whoami');
    await waitUntil(
      async () => stream.messages().filter((m) => m.private && !m.author).length > 0,
      'alice’s own answer',
    );
    // Stored after all of admin's (a command's answers are stored before it returns): once it
    // reaches alice, the feed, which reads in the order of storing, has passed over every one of them.
    await alice.command('dm:alice', '/ops whoami');
    await waitUntil(async () => stream.messages().some((m) => m.channelId === 'dm:alice'), 'alice’s later message');
    const adminsOwn = new Set(
      [...(await admin.history('incidents')).body.messages, ...(await admin.history('dm:admin')).body.messages]
        .filter((m) => m.private)
        .map((m) => m.id),
    );
    assert.ok(adminsOwn.size >= 4, 'admin has private messages in both channels');
    assert.deepEqual(
      stream.messages().filter((m) => adminsOwn.has(m.id)),
      [],
    );
    assert.ok(
      stream.messages().some((m) => m.author === 'web:alice'),
      'alice got her own',
    );
    stream.close();
  });
});
