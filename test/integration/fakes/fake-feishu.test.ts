// FakeFeishu checked against the real SDK (@larksuiteoapi/node-sdk): its typed Client calls reach
// the fake's routes and read its answers, and its WSClient opens the long connection through
// /callback/ws/endpoint, answers pings, hands pushed events to an EventDispatcher and sends the
// handler's answer back in a pbbp2 frame, and reconnects when the fake drops it.
import { strict as assert } from 'node:assert';
import { Client, EventDispatcher, LoggerLevel, WSClient } from '@larksuiteoapi/node-sdk';
import { BOT_OPEN_ID, FEISHU_APP_ID, FEISHU_APP_SECRET, FakeFeishu } from '../../support/fake-feishu.js';
import { waitUntil } from '../../support/wait-until.js';

const quiet = { error: () => {}, warn: () => {}, info: () => {}, debug: () => {}, trace: () => {} };

/** A token cache of its own, so no token of another test's fake is reused. */
function ownCache() {
  const entries = new Map<string, unknown>();
  return {
    set: async (key: unknown, value: unknown) => (entries.set(String(key), value), true),
    get: async (key: unknown) => entries.get(String(key)),
  };
}

describe('FakeFeishu against the real Feishu SDK', function () {
  let fake: FakeFeishu;
  let ws: WSClient | undefined;

  beforeEach(async function () {
    fake = await FakeFeishu.start();
  });

  afterEach(async function () {
    ws?.close({ force: true });
    ws = undefined;
    await fake.stop();
  });

  const client = (appSecret = FEISHU_APP_SECRET) =>
    new Client({ appId: FEISHU_APP_ID, appSecret, domain: fake.domain, logger: quiet, cache: ownCache() });

  it('takes a card the SDK sends with its tenant token, and answers as Feishu does', async function () {
    const card = { schema: '2.0', config: { update_multi: true }, body: { elements: [{ tag: 'div' }] } };
    const sent = await client().im.v1.message.create({
      params: { receive_id_type: 'chat_id' },
      data: { receive_id: 'oc_test0001', msg_type: 'interactive', content: JSON.stringify(card), uuid: 'u-1' },
    });
    assert.equal(sent?.code, 0);
    assert.match(sent?.data?.message_id ?? '', /^om_/);
    assert.equal(fake.callsTo('POST', /tenant_access_token\/internal$/).length, 1, 'one token, fetched first');
    assert.deepEqual(FakeFeishu.cardOf(fake.messages.posts('oc_test0001')[0]!), card);
    const again = await client().im.v1.message.create({
      params: { receive_id_type: 'chat_id' },
      data: { receive_id: 'oc_test0001', msg_type: 'interactive', content: JSON.stringify(card), uuid: 'u-1' },
    });
    assert.equal(again?.data?.message_id, sent?.data?.message_id, 'a repeated uuid answers with the first message');
    assert.equal(fake.messages.posts('oc_test0001').length, 1);
  });

  it('takes an image the SDK uploads as a Buffer, and refuses a wrong app secret', async function () {
    const bytes = Buffer.from([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]);
    const uploaded = await client().im.v1.image.create({ data: { image_type: 'message', image: bytes } });
    assert.deepEqual(fake.files.get(uploaded!.image_key!)?.bytes, bytes);
    await assert.rejects(
      client('wrong-secret').im.v1.message.create({
        params: { receive_id_type: 'chat_id' },
        data: { receive_id: 'oc_test0001', msg_type: 'interactive', content: '{}' },
      }),
    );
    assert.equal(fake.messages.posts('oc_test0001').length, 0);
  });

  it('says the bot’s open_id on /open-apis/bot/v3/info', async function () {
    const info = (await client().request({ method: 'GET', url: '/open-apis/bot/v3/info' })) as {
      bot?: { open_id?: string };
    };
    assert.equal(info.bot?.open_id, BOT_OPEN_ID);
  });

  it('opens the long connection, answers its ping, and carries an event and the handler’s answer both ways', async function () {
    const seen: Array<Record<string, unknown>> = [];
    const dispatcher = new EventDispatcher({ logger: quiet, loggerLevel: LoggerLevel.error }).register({
      'card.action.trigger': async (data: Record<string, unknown>) => {
        seen.push(data);
        return { toast: { type: 'info', content: '收到' } };
      },
    } as never);
    await new Promise<void>((resolve, reject) => {
      ws = new WSClient({
        appId: FEISHU_APP_ID,
        appSecret: FEISHU_APP_SECRET,
        domain: fake.domain,
        logger: quiet,
        onReady: resolve,
        onError: reject,
      });
      void ws.start({ eventDispatcher: dispatcher });
    });
    assert.deepEqual(fake.callsTo('POST', /^\/callback\/ws\/endpoint$/)[0]?.body, {
      AppID: FEISHU_APP_ID,
      AppSecret: FEISHU_APP_SECRET,
    });
    await waitUntil(async () => fake.gateway.pings > 0, 'the client’s first ping');

    const event = { operator: { open_id: 'ou_x1234567890' }, action: { value: { a: 'x', v: 'y' } } };
    const answer = await fake.push('card.action.trigger', event, { eventId: 'ev-1' });
    assert.equal(answer.code, 200);
    assert.deepEqual(answer.data, { toast: { type: 'info', content: '收到' } });
    assert.equal(seen[0]?.event_id, 'ev-1', 'the header and the event are handed over as one object');
    assert.deepEqual(seen[0]?.action, event.action);

    fake.gateway.drop();
    await waitUntil(async () => fake.gateway.connections === 2 && fake.gateway.connected, 'the client reconnecting');
    const later = await fake.push('card.action.trigger', event);
    assert.equal(later.code, 200);
    assert.equal(seen.length, 2);
  });
});
