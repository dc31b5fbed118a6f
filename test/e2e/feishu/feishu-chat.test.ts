// Feishu's own ways, beyond the scenarios every platform runs (test/e2e/scenarios/): what counts as
// a command (a mention in a group, any message in a private chat, with or without the slash), bad
// input (a message with only the mention, 10 KB of text, an unknown or malformed card action), an
// event Feishu delivers twice, and a rate-limited send retried by the outbox. Zhiban runs with the
// real SDK against FakeFeishu.
import { strict as assert } from 'node:assert';
import { FakeFeishu, FakeFeishuMessages, type FakeMessage } from '../../support/fake-feishu.js';
import { ADMIN_FEISHU, Harness } from '../../support/harness.js';
import { waitUntil } from '../../support/wait-until.js';

const INCIDENTS = 'oc_incidents00000001';
const GENERAL = 'oc_general0000000001';
const PERSON = 'ou_person00000000000000000000000001';
const OPS = 'ou_opsperson000000000000000000000001';

describe('Feishu: commands, clicks and bad input over the long connection', function () {
  let h: Harness;
  const fake = () => h.feishu!;
  const models = () => h.zhiban.models;
  /** Zhiban's first answer to the event, once it is there. */
  const answerTo = (eventId: string) =>
    waitUntil(async () => fake().messages.withUuid(`z1-${eventId}`)[0], `the answer to ${eventId}`);
  const textOf = (m: FakeMessage) => JSON.stringify(FakeFeishu.cardOf(m));
  const incidentCard = (id: string) =>
    waitUntil(
      async () =>
        fake()
          .messages.posts(INCIDENTS)
          .find((m) => textOf(m).includes(`${id} · `)),
      `the card of ${id}`,
    );

  before(async function () {
    h = await Harness.start({ label: 'feishu-chat', feishu: true });
    const bound = await fake().say({ userId: ADMIN_FEISHU, chatId: INCIDENTS, text: '/ops channel set incidents' });
    await answerTo(bound.eventId);
    await models().UserProfile.create({ _id: `feishu:${OPS}`, roles: ['sysops'] });
  });

  after(async function () {
    await h?.stop();
  });

  it('reads “@值班 incident declare …” without the slash as the command, answering the declarer privately', async function () {
    const said = await fake().say({
      userId: PERSON,
      chatId: GENERAL,
      text: 'incident declare P3 technical 预约挂号页面白屏',
    });
    const answer = await answerTo(said.eventId);
    assert.equal(answer.toUser, PERSON, 'the line for the declarer goes to their private chat with the bot');
    assert.match(textOf(answer), /已申报 INC-\d+/);
    const id = /INC-\d+/.exec(textOf(answer))![0];
    const card = await incidentCard(id);
    assert.match(textOf(card), /预约挂号页面白屏/);
    const incident = await models().Incident.findOne({ shortId: id }).lean();
    assert.equal(incident?.reporter, `feishu:${PERSON}`);
  });

  it('takes any message in a private chat with the bot as a command, no mention needed, and answers there', async function () {
    const said = await fake().say({ userId: PERSON, text: '/ops whoami' });
    const answer = await answerTo(said.eventId);
    assert.equal(answer.chat_id, FakeFeishuMessages.p2pChatOf(PERSON));
    assert.match(textOf(answer), new RegExp(`feishu:${PERSON}`));
  });

  it('leaves a group message that does not mention the bot alone', async function () {
    const sendsBefore = fake().callsTo('POST', /^\/open-apis\/im\/v1\/messages/).length;
    const said = await fake().say({
      userId: PERSON,
      chatId: GENERAL,
      text: '/incident declare P1 只是在聊天',
      mentionBot: false,
    });
    // The event is acknowledged only once Zhiban has decided: nothing is on its way.
    assert.equal(said.answer.code, 200);
    assert.equal(fake().messages.withUuid(`z1-${said.eventId}`).length, 0);
    assert.equal(fake().callsTo('POST', /^\/open-apis\/im\/v1\/messages/).length, sendsBefore);
    assert.equal(await models().Incident.countDocuments({ title: '只是在聊天' }), 0);
  });

  it('answers a message with only the mention with the help, privately', async function () {
    const said = await fake().say({ userId: PERSON, chatId: GENERAL, text: '' });
    const answer = await answerTo(said.eventId);
    assert.equal(answer.toUser, PERSON);
    assert.match(textOf(answer), /\/incident/, 'the help lists the commands');
  });

  it('answers a 10 KB message clearly and privately, and declares nothing', async function () {
    const before = await models().Incident.countDocuments();
    const long = await fake().say({
      userId: PERSON,
      chatId: GENERAL,
      text: `/incident declare P2 ${'长'.repeat(3500)}`,
    });
    assert.match(textOf(await answerTo(long.eventId)), /输入太长（最多 200 个字符）/);
    const word = await fake().say({ userId: PERSON, chatId: GENERAL, text: 'x'.repeat(10_240) });
    const unknown = await answerTo(word.eventId);
    assert.equal(unknown.toUser, PERSON);
    assert.match(textOf(unknown), /x…/, 'the unknown command is named, cut short');
    assert.ok(textOf(unknown).length < 2000, 'the answer does not repeat 10 KB back');
    assert.equal(await models().Incident.countDocuments(), before);
  });

  it('refuses a click on an unknown action, or with a value no button carries, in a toast, changing nothing', async function () {
    const said = await fake().say({ userId: PERSON, chatId: GENERAL, text: '/incident declare P3 technical 卡片测试' });
    const id = /INC-\d+/.exec(textOf(await answerTo(said.eventId)))![0];
    const card = await incidentCard(id);
    for (const value of [{ a: 'incident.frobnicate', v: `${id}~0` }, 'not an object', { x: 1 }]) {
      const { answer } = await fake().click({ userId: OPS, messageId: card.message_id, value });
      const data = answer.data as { toast?: { type: string; content: string }; card?: unknown };
      assert.ok(answer.tookMs < 3000, `answered within Feishu's 3 s (${answer.tookMs} ms)`);
      assert.equal(data.card, undefined, 'the card is left as it was');
      assert.equal(data.toast?.type, 'error');
      assert.match(data.toast?.content ?? '', /这个按钮已经失效/, JSON.stringify(data));
    }
    assert.equal(card.versions.length, 1, 'the card was never updated');
    assert.equal((await models().Incident.findOne({ shortId: id }).lean())?.state, 'reported');
  });

  it('answers the bot menu’s items in the person’s private chat: help, the lists, and the declare form', async function () {
    const choose = (eventKey: string) =>
      fake().push('application.bot.menu_v6', { operator: { operator_id: { open_id: OPS } }, event_key: eventKey });
    const eventOf = async (key: string) => {
      const before = fake().messages.direct(OPS).length;
      assert.equal((await choose(key)).code, 200);
      return waitUntil(async () => fake().messages.direct(OPS)[before], `the answer to the menu's ${key}`);
    };
    assert.match(textOf(await eventOf('help')), /\/incident/);
    assert.match(textOf(await eventOf('incidents')), /INC-\d+/);
    assert.match(textOf(await eventOf('alerts')), /告警/);
    const form = await eventOf('declare');
    assert.match(textOf(form), /"tag":"form"/, 'declaring opens the form card');
    const sendsBefore = fake().callsTo('POST', /^\/open-apis\/im\/v1\/messages/).length;
    const unknown = await choose('no-such-item');
    assert.equal(unknown.code, 200);
    assert.equal(
      fake().callsTo('POST', /^\/open-apis\/im\/v1\/messages/).length,
      sendsBefore,
      'an unknown item says nothing',
    );
  });

  it('makes one incident of a declare form sent ten times at once', async function () {
    const before = await models().Incident.countDocuments();
    const shown = fake().messages.direct(OPS).length;
    fake().push('application.bot.menu_v6', { operator: { operator_id: { open_id: OPS } }, event_key: 'declare' });
    const form = await waitUntil(async () => fake().messages.direct(OPS)[shown], 'the declare form');
    const submit = JSON.stringify(FakeFeishu.cardOf(form)).match(/"value":(\{"f":"incident\.declare"[^}]*\})/);
    assert.ok(submit, 'the form has its submit button');
    const formValue = { title: '十次提交', severity: 'P2', category: 'technical' };
    const value = JSON.parse(submit[1]!) as unknown;
    await Promise.all(
      Array.from({ length: 10 }, () => fake().click({ userId: OPS, messageId: form.message_id, value, formValue })),
    );
    const made = await waitUntil(async () => {
      const found = (await models().Incident.find({ title: '十次提交' }).lean()).map((i) => i._id);
      return found.length > 0 ? found : undefined;
    }, 'the incident from the form');
    await incidentCard(String(made[0]));
    assert.deepEqual(made.length, 1, `one incident, not ${made.length}`);
    assert.equal(await models().Incident.countDocuments(), before + 1);
  });

  it('acts once on an event Feishu delivers twice', async function () {
    const before = await models().Incident.countDocuments();
    const eventId = 'f00dfeed000000000000000000000001';
    await fake().say({ userId: PERSON, chatId: GENERAL, text: '/incident declare P3 technical 重复投递', eventId });
    await answerTo(eventId);
    await fake().say({ userId: PERSON, chatId: GENERAL, text: '/incident declare P3 technical 重复投递', eventId });
    const id = /INC-\d+/.exec(textOf(await answerTo(eventId)))![0];
    await incidentCard(id);
    assert.equal(await models().Incident.countDocuments(), before + 1);
    assert.equal(fake().messages.withUuid(`z1-${eventId}`).length, 1);
  });

  it('waits out a rate limit on an answer too: the answer comes, once', async function () {
    const limited = {
      status: 429,
      body: { code: 99991400, msg: 'request trigger frequency limit' },
      headers: { 'x-ogw-ratelimit-reset': '1' },
    };
    fake().failNext('POST', /^\/open-apis\/im\/v1\/messages\/[^/]+\/reply$/, limited);
    fake().failNext('POST', /^\/open-apis\/im\/v1\/messages\/[^/]+\/reply$/, limited);
    const said = await fake().say({ userId: OPS, text: '/ops whoami' });
    const answer = await answerTo(said.eventId);
    assert.match(textOf(answer), new RegExp(OPS));
    const tries = fake().calls.filter((c) => /\/reply$/.test(c.path) && c.body.uuid === `z1-${said.eventId}`);
    assert.deepEqual(
      tries.map((c) => c.status),
      [429, 429, 200],
    );
    assert.equal(fake().messages.withUuid(`z1-${said.eventId}`).length, 1);
  });

  it('waits out a rate-limited send (HTTP 429, code 99991400) and posts the card once', async function () {
    fake().failNext(
      'POST',
      /^\/open-apis\/im\/v1\/messages$/,
      {
        status: 429,
        body: { code: 99991400, msg: 'request trigger frequency limit' },
        headers: { 'x-ogw-ratelimit-reset': '1' },
      },
      (call) => call.body.receive_id === INCIDENTS,
    );
    const said = await fake().say({
      userId: ADMIN_FEISHU,
      chatId: GENERAL,
      text: '/incident declare P3 technical 限流重试',
    });
    const id = /INC-\d+/.exec(textOf(await answerTo(said.eventId)))![0];
    const card = await incidentCard(id);
    const tries = fake().calls.filter(
      (c) => c.path === '/open-apis/im/v1/messages' && String(c.body.content ?? '').includes('限流重试'),
    );
    assert.deepEqual(
      tries.map((c) => c.status),
      [429, 200],
      'refused once, sent once after waiting',
    );
    assert.equal(
      fake()
        .messages.posts(INCIDENTS)
        .filter((m) => m === card).length,
      1,
    );
  });
});
