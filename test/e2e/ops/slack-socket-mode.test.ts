// Slack in Socket Mode (SLACK_APP_TOKEN), from a network with no inbound HTTPS: the real Bolt app's
// SocketModeClient against the fake's Slack side (test/support/fake-slack-socket.ts). The scenario
// suites run over the socket too ("Slack (Socket Mode)" in every-platform.ts); here are the parts
// only the socket has: its opening, its acknowledgements, garbage down it, and it being dropped.
import { strict as assert } from 'node:assert';
import { testDatabaseUri } from '../../support/db.js';
import { FakeSlack } from '../../support/fake-slack.js';
import { Harness, SLACK_APP_TOKEN, SLACK_SECRET, startZhiban } from '../../support/harness.js';
import { slashCommand, slashCommandFields } from '../../support/slack-signer.js';

/** What the help card's acknowledgement carries, as text. */
const HELP_TITLE = '值班 Zhiban 使用帮助';

describe('Slack (Socket Mode): the socket itself', function () {
  this.timeout(40_000);
  let h: Harness;
  let seq = 0;

  /** `/ops <text>` down the socket; resolves with the acknowledgement and how long it took (ms). */
  const ops = async (text: string, userId = 'UUSER0001') => {
    const fields = slashCommandFields({
      command: '/ops',
      text,
      userId,
      channelId: 'CGENERAL01',
      responseUrl: h.slack!.responseUrl(`sock${++seq}`),
    });
    const sent = Date.now();
    const ack = await h.slack!.socketMode.send('slash_commands', fields);
    return { ack, ms: ack.at - sent };
  };

  before(async function () {
    h = await Harness.start({ label: 'slack-socket', slack: 'socket' });
  });

  after(async function () {
    await h?.stop();
  });

  it('opens the socket at start with the app-level token in the Authorization header, and has no Request URL', async function () {
    const opens = h.slack!.callsTo('apps.connections.open');
    assert.equal(opens.length, 1);
    assert.equal(opens[0]!.headers.authorization, `Bearer ${SLACK_APP_TOKEN}`);
    assert.equal(h.slack!.socketMode.connected, 1);
    // Nothing listens at /slack/events: a signed request there finds no route.
    const http = await slashCommand(h.url, SLACK_SECRET, {
      command: '/ops',
      text: 'help',
      userId: 'UUSER0001',
      channelId: 'CGENERAL01',
      responseUrl: h.slack!.responseUrl(),
    });
    assert.equal(http.status, 404);
  });

  it('answers /ops help inside the acknowledgement of its envelope, within Slack’s 3 s', async function () {
    const { ack, ms } = await ops('help');
    assert.ok(ms < 3000, `acknowledged after ${ms} ms`);
    assert.equal(ack.payload?.response_type, 'ephemeral');
    assert.match(JSON.stringify(ack.payload), new RegExp(HELP_TITLE));
    assert.deepEqual(h.slack!.socketMode.stray, [], 'every message from Zhiban acknowledges an envelope it was sent');
  });

  it('lives through envelopes with bad payloads, and answers the next command', async function () {
    const rejections: unknown[] = [];
    const onRejection = (reason: unknown) => rejections.push(reason);
    process.on('unhandledRejection', onRejection);
    try {
      const socket = h.slack!.socketMode;
      const bad: string[] = [
        'not json at all',
        '[1, 2, 3]',
        'null',
        JSON.stringify({ type: 'slash_commands', envelope_id: 'bad-1', payload: null, accepts_response_payload: true }),
        JSON.stringify({ type: 'slash_commands', envelope_id: 'bad-2', payload: {}, accepts_response_payload: true }),
        JSON.stringify({ type: 'slash_commands', envelope_id: 'bad-3', payload: { command: '/ops', text: 42 } }),
        JSON.stringify({
          type: 'interactive',
          envelope_id: 'bad-4',
          payload: 'garbage',
          accepts_response_payload: true,
        }),
        JSON.stringify({ type: 'interactive', envelope_id: 'bad-5', payload: { type: 'block_actions', actions: [] } }),
        JSON.stringify({ type: 'interactive', envelope_id: 'bad-6', payload: { type: 'view_submission' } }),
        JSON.stringify({ type: 'events_api', envelope_id: 'bad-7', payload: {}, accepts_response_payload: false }),
        JSON.stringify({ type: 'events_api', envelope_id: 'bad-8', payload: { event: null } }),
        JSON.stringify({ type: 'no_such_type', envelope_id: 'bad-9', payload: { x: 1 } }),
        JSON.stringify({ type: 'slash_commands', payload: { command: '/ops', text: 'help' } }),
      ];
      for (const text of bad) socket.sendRaw(text);
      // The socket's messages are read in order: the answer to this one comes after all of the above.
      const { ack } = await ops('help');
      assert.match(JSON.stringify(ack.payload), new RegExp(HELP_TITLE));
      assert.equal(socket.opened, 1, 'the same socket is still open');
      assert.deepEqual(rejections, [], 'no unhandled rejection (the process would have exited)');
      assert.equal(await h.zhiban.models.AuditEvent.countDocuments({}), 0, 'nothing was done');
    } finally {
      process.off('unhandledRejection', onRejection);
    }
  });

  it('opens a new socket when Slack drops the connection without a word, and the next command works', async function () {
    const socket = h.slack!.socketMode;
    const before = socket.opened;
    const opens = h.slack!.callsTo('apps.connections.open').length;
    socket.drop();
    await socket.waitForOpened(before + 1);
    assert.equal(h.slack!.callsTo('apps.connections.open').length, opens + 1, 'a new URL was asked for');
    const { ack } = await ops('help');
    assert.match(JSON.stringify(ack.payload), new RegExp(HELP_TITLE));
  });

  it('keeps trying when Slack cannot be reached while it reconnects, and the command after that works', async function () {
    const rejections: unknown[] = [];
    const onRejection = (reason: unknown) => rejections.push(reason);
    process.on('unhandledRejection', onRejection);
    try {
      const socket = h.slack!.socketMode;
      const before = socket.opened;
      const opens = h.slack!.callsTo('apps.connections.open').length;
      // Every attempt of the first reconnection (the Web API client's own retries included) fails.
      h.slack!.failTimes('apps.connections.open', 3, { status: 503 });
      socket.drop();
      await socket.waitForOpened(before + 1, 30_000);
      const failed = h.slack!.callsTo('apps.connections.open').slice(opens);
      assert.ok(failed.filter((c) => c.status === 503).length >= 1, 'the reconnection first failed');
      assert.deepEqual(rejections, [], 'no unhandled rejection (the process would have exited)');
      const { ack } = await ops('help');
      assert.match(JSON.stringify(ack.payload), new RegExp(HELP_TITLE));
    } finally {
      process.off('unhandledRejection', onRejection);
    }
  });

  it('opens a new socket when Slack asks it to (disconnect: refresh_requested), and the next command works', async function () {
    const socket = h.slack!.socketMode;
    const before = socket.opened;
    socket.disconnect('refresh_requested');
    await socket.waitForOpened(before + 1);
    assert.equal(socket.connected, 1, 'the old socket is closed');
    const { ack } = await ops('whoami', 'UUSER0002');
    assert.match(JSON.stringify(ack.payload), /slack:UUSER0002/);
  });
});

describe('Slack (Socket Mode): a wrong app-level token', function () {
  let fake: FakeSlack;

  before(async function () {
    fake = await FakeSlack.start({ appToken: SLACK_APP_TOKEN });
  });

  after(async function () {
    await fake?.stop();
  });

  it('fails the start, naming Slack’s refusal, rather than waiting for a socket', async function () {
    const env = {
      PORT: '0',
      MONGODB_URI: testDatabaseUri('slack-socket-token'),
      LOG_LEVEL: 'silent',
      WEB_CONSOLE: 'off',
      REPORTS_SCHEDULE: 'off',
      SLACK_BOT_TOKEN: 'xoxb-fake',
      SLACK_SIGNING_SECRET: SLACK_SECRET,
      SLACK_API_URL: fake.apiUrl,
      SLACK_APP_TOKEN: 'xapp-1-A0ZHIBAN1-revoked',
    };
    await assert.rejects(startZhiban(env), /invalid_auth/);
    assert.equal(fake.callsTo('apps.connections.open').length, 1, 'asked once, not again and again');
    assert.equal(fake.socketMode.opened, 0);
  });
});
