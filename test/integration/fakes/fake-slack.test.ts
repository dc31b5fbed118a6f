// Proves the test doubles against the real Bolt stack: if these pass, other
// integration tests can trust FakeSlack and the signer to behave like Slack.
import { strict as assert } from 'node:assert';
import type { AddressInfo } from 'node:net';
import { App, ExpressReceiver, LogLevel, webApi } from '@slack/bolt';
import { FakeSlack } from '../../support/fake-slack.js';
import {
  blockAction,
  eventCallback,
  slashCommand,
  urlVerification,
  viewSubmission,
} from '../../support/slack-signer.js';

const signingSecret = 'test-signing-secret';
const SIX_MINUTES = 6 * 60;

describe('FakeSlack and slack-signer against a real Bolt app', () => {
  let fake: FakeSlack;
  let app: App;
  let baseUrl: string;

  beforeEach(async () => {
    // Must run before `new App`: with a token, Bolt calls auth.test from its constructor.
    fake = await FakeSlack.start();
    const receiver = new ExpressReceiver({ signingSecret, endpoints: '/slack/events', logLevel: LogLevel.ERROR });
    app = new App({
      token: 'xoxb-test',
      receiver,
      logLevel: LogLevel.ERROR,
      clientOptions: { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 } },
    });
    const server = await app.start({ port: 0, host: '127.0.0.1' });
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterEach(async () => {
    await app.stop();
    await fake.stop();
  });

  const command = (responseUrl: string) => ({
    command: '/ops',
    text: 'status',
    userId: 'U100',
    channelId: 'C100',
    responseUrl,
  });

  it('delivers a signed slash command to app.command, whose respond() reaches the fake within 3 s', async () => {
    let seenText: string | undefined;
    app.command('/ops', async ({ ack, respond, command: cmd }) => {
      seenText = cmd.text;
      await ack();
      await respond({ response_type: 'ephemeral', text: 'hi' });
    });

    const res = await slashCommand(baseUrl, signingSecret, command(fake.responseUrl('cmd1')));
    assert.equal(res.status, 200);
    assert.ok(res.elapsedMs < 3000, `ack took ${res.elapsedMs} ms`);
    assert.equal(seenText, 'status');

    const posted = await fake.waitFor('response', { predicate: (c) => c.path === '/response/cmd1' });
    assert.deepEqual(posted.body, { response_type: 'ephemeral', text: 'hi' });
  });

  it('rejects a bad signature with 401 without running the handler', async () => {
    let ran = false;
    app.command('/ops', async ({ ack }) => {
      ran = true;
      await ack();
    });
    const res = await slashCommand(baseUrl, signingSecret, command(fake.responseUrl()), { badSignature: true });
    assert.equal(res.status, 401);
    assert.equal(ran, false);
  });

  it('rejects a correctly signed request whose timestamp is 6 minutes old with 401', async () => {
    let ran = false;
    app.command('/ops', async ({ ack }) => {
      ran = true;
      await ack();
    });
    const timestamp = Math.floor(Date.now() / 1000) - SIX_MINUTES;
    const res = await slashCommand(baseUrl, signingSecret, command(fake.responseUrl()), { timestamp });
    assert.equal(res.status, 401);
    assert.equal(ran, false);
  });

  it('delivers a block action to app.action with its value, container and channel', async () => {
    let seen: { value?: string; messageTs?: string; channel?: string } = {};
    app.action('incident_ack', async ({ ack, body, action }) => {
      assert.equal(body.type, 'block_actions');
      assert.equal(action.type, 'button');
      seen = { value: action.value, messageTs: body.container.message_ts, channel: body.channel?.id };
      await ack();
    });
    const res = await blockAction(baseUrl, signingSecret, {
      actionId: 'incident_ack',
      value: 'INC-42',
      userId: 'U100',
      channelId: 'C100',
      messageTs: '1700000000.000100',
      responseUrl: fake.responseUrl(),
    });
    assert.equal(res.status, 200);
    assert.deepEqual(seen, { value: 'INC-42', messageTs: '1700000000.000100', channel: 'C100' });
  });

  it('delivers a view submission whose ack body (response_action) comes back in the HTTP answer', async () => {
    app.view('incident_modal', async ({ ack, view }) => {
      const title = view.state.values.title_block?.title_input?.value;
      assert.equal(view.private_metadata, '{"incident":"INC-42"}');
      await ack({ response_action: 'errors', errors: { title_block: `got ${title}` } });
    });
    const res = await viewSubmission(baseUrl, signingSecret, {
      callbackId: 'incident_modal',
      privateMetadata: '{"incident":"INC-42"}',
      userId: 'U100',
      values: { title_block: { title_input: { type: 'plain_text_input', value: 'DB down' } } },
    });
    assert.equal(res.status, 200);
    assert.deepEqual(res.json, { response_action: 'errors', errors: { title_block: 'got DB down' } });
  });

  it('delivers an Events API callback with its retry number, and answers url_verification', async () => {
    // Bolt acks events before listeners finish, so the listener's effect is awaited, not assumed.
    const delivered = new Promise<{ text: string; retryNum?: number }>((resolve) => {
      app.event('app_mention', async ({ event, context }) => resolve({ text: event.text, retryNum: context.retryNum }));
    });
    const event = {
      type: 'app_mention',
      user: 'U100',
      text: '<@U0BOT0001> status',
      channel: 'C100',
      ts: '1700000000.000200',
    };
    const res = await eventCallback(baseUrl, signingSecret, event, { retryNum: 1 });
    assert.equal(res.status, 200);
    assert.deepEqual(await delivered, { text: '<@U0BOT0001> status', retryNum: 1 });

    const challenge = await urlVerification(baseUrl, signingSecret, 'abc123');
    assert.deepEqual(challenge.json, { challenge: 'abc123' });
  });

  it('answers client.chat.postMessage with increasing ts and records decoded blocks and the bearer token', async () => {
    const blocks = [{ type: 'section', text: { type: 'mrkdwn', text: '*INC-42*' } }];
    const first = await app.client.chat.postMessage({ channel: 'C100', text: 'INC-42', blocks });
    const second = await app.client.chat.postMessage({ channel: 'C100', text: 'again' });
    assert.match(first.ts ?? '', /^\d{10}\.\d{6}$/);
    assert.ok(Number(second.ts) > Number(first.ts));

    const [call] = fake.callsTo('chat.postMessage');
    assert.deepEqual(call?.body.blocks, blocks);
    assert.equal(call?.headers.authorization, 'Bearer xoxb-test');
  });

  it('keeps metadata and answers conversations.history and .replies as Slack does: paged, metadata on request, behind the scopes', async () => {
    const metadata = (id: string) => ({ event_type: 'zhiban_outbox', event_payload: { outbox_id: id } });
    const before = Number(fake.nextTs());
    const card = await app.client.chat.postMessage({ channel: 'C300', text: 'card', metadata: metadata('a') });
    for (let i = 0; i < 3; i++) await app.client.chat.postMessage({ channel: 'C300', text: `chatter ${i}` });
    await app.client.chat.postMessage({ channel: 'C300', text: 'line', thread_ts: card.ts!, metadata: metadata('b') });
    const bad = await app.client.chat.postMessage({
      channel: 'C300',
      text: 'bad type',
      metadata: { event_type: 'no.dots', event_payload: {} },
    });
    assert.equal(bad.warning, 'invalid_metadata_schema');

    const oldest = String(before);
    const plain = await app.client.conversations.history({ channel: 'C300', oldest });
    assert.deepEqual(
      plain.messages?.map((m) => [m.text, m.metadata]),
      [
        ['bad type', undefined],
        ['chatter 2', undefined],
        ['chatter 1', undefined],
        ['chatter 0', undefined],
        ['card', undefined],
      ],
      'newest first, no thread replies, no metadata unless asked',
    );
    const page1 = await app.client.conversations.history({
      channel: 'C300',
      oldest,
      limit: 3,
      include_all_metadata: true,
    });
    assert.deepEqual([page1.messages?.length, page1.has_more], [3, true]);
    const page2 = await app.client.conversations.history({
      channel: 'C300',
      oldest,
      limit: 3,
      include_all_metadata: true,
      cursor: page1.response_metadata!.next_cursor!,
    });
    assert.deepEqual(
      page2.messages?.map((m) => [m.text, m.metadata, m.reply_count]),
      [
        ['chatter 0', undefined, undefined],
        ['card', metadata('a'), 1],
      ],
    );
    assert.equal(page2.has_more, false);
    const newer = await app.client.conversations.history({ channel: 'C300', oldest: card.ts! });
    assert.equal(newer.messages?.length, 4, '`oldest` itself is left out');
    const thread = await app.client.conversations.replies({
      channel: 'C300',
      ts: card.ts!,
      include_all_metadata: true,
    });
    assert.deepEqual(
      thread.messages?.map((m) => [m.text, m.metadata]),
      [
        ['card', metadata('a')],
        ['line', metadata('b')],
      ],
    );

    fake.setScopes(['chat:write']);
    await assert.rejects(app.client.conversations.history({ channel: 'C300' }), /missing_scope/);
    const missing = fake.callsTo('conversations.history').at(-1)!.response as { needed?: string };
    assert.equal(missing.needed, 'channels:history');
    fake.setChannel('G300', { is_private: true });
    fake.setScopes(['channels:history']);
    await assert.rejects(app.client.conversations.history({ channel: 'G300' }), /missing_scope/);
  });

  it('retries a 429 after Retry-After: second chat.postMessage call lands >= 1 s later and succeeds', async () => {
    fake.failNext('chat.postMessage', { status: 429, retryAfterSeconds: 1 });
    const client = new webApi.WebClient('xoxb-test', {
      slackApiUrl: fake.apiUrl,
      retryConfig: { retries: 1 },
      logLevel: LogLevel.ERROR,
    });

    const started = Date.now();
    const result = await client.chat.postMessage({ channel: 'C100', text: 'after limit' });
    assert.equal(result.ok, true);
    assert.ok(Date.now() - started >= 1000);

    const calls = fake.callsTo('chat.postMessage');
    assert.deepEqual(
      calls.map((c) => c.status),
      [429, 200],
    );
    assert.ok(calls[1]!.at - calls[0]!.at >= 1000, `retried after ${calls[1]!.at - calls[0]!.at} ms`);
  });

  it('injects Slack errors and 5xx, reports unknown methods, and presets user locales', async () => {
    fake.failNext('chat.update', { slackError: 'channel_not_found' });
    await assert.rejects(app.client.chat.update({ channel: 'C404', ts: '1.2', text: 'x' }), /channel_not_found/);
    fake.failTimes('conversations.info', 2, { status: 503 });
    await assert.rejects(app.client.conversations.info({ channel: 'C100' }), /503/);
    await assert.rejects(app.client.conversations.info({ channel: 'C100' }), /503/);
    assert.equal((await app.client.conversations.info({ channel: 'C100' })).channel?.id, 'C100');
    await assert.rejects(app.client.apiCall('no.such.method'), /unknown_method/);

    fake.setUser({ id: 'U200', locale: 'zh-CN' });
    const withLocale = await app.client.users.info({ user: 'U200', include_locale: true });
    assert.equal(withLocale.user?.locale, 'zh-CN');
    const withoutLocale = await app.client.users.info({ user: 'U200' });
    assert.equal(withoutLocale.user?.locale, undefined);
  });

  it('measures the busiest sliding window and lists seen calls when waitFor times out', async () => {
    for (let i = 0; i < 3; i++) await app.client.chat.postEphemeral({ channel: 'C100', user: 'U100', text: `n${i}` });
    assert.equal(fake.maxRateOver('chat.postEphemeral', 60_000), 3);

    await assert.rejects(
      fake.waitFor('views.open', { timeoutMs: 50 }),
      /waiting for 1 x views\.open.*\n.*chat\.postEphemeral/s,
    );
  });
});
