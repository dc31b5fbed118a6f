// A Feishu send whose answer is lost is not a second message: the outbox sends again with the same
// `uuid` (its message's id), and Feishu answers a repeated uuid with the message it sent the first time.
import { strict as assert } from 'node:assert';
import { Harness } from '../../support/harness.js';
import { aCard, bindChannel, waitUntilSent } from '../../support/outbox-world.js';

const CHANNEL = 'oc_once000000000001';

describe('Outbox on Feishu: a send whose answer was lost is not sent twice', function () {
  let h: Harness;

  before(async function () {
    h = await Harness.start({ label: 'feishu-once', feishu: true });
  });

  after(async function () {
    await h?.stop();
  });

  it('sends again with the same uuid after a lost answer, and Feishu shows one message', async function () {
    const fake = h.feishu!;
    await bindChannel(h, 'feishu', 'announcements', CHANNEL);
    const toChannel = (c: { body: Record<string, unknown> }) => c.body.receive_id === CHANNEL;
    for (let i = 0; i < 2; i++) {
      fake.failNext(
        'POST',
        /^\/open-apis\/im\/v1\/messages$/,
        { status: 502, body: {}, afterServing: true },
        toChannel,
      );
    }
    await h.zhiban.notifier.showCard('announcements', 'upgrade:FS-LOST-1', aCard('FS-LOST-1 announced'));
    await waitUntilSent(h, 'upgrade:FS-LOST-1');

    const sends = fake.callsTo('POST', /^\/open-apis\/im\/v1\/messages$/).filter(toChannel);
    assert.deepEqual(
      sends.map((c) => c.status),
      [502, 502, 200],
    );
    const [stored] = await h.zhiban.models.OutboxMessage.find({ subject: 'upgrade:FS-LOST-1' }).lean();
    assert.deepEqual(new Set(sends.map((c) => c.body.uuid)), new Set([String(stored!._id)]));
    const posts = fake.messages.posts(CHANNEL);
    assert.equal(posts.length, 1, 'one message on Feishu');
    const ref = await h.zhiban.models.MessageRef.findOne({ subject: 'upgrade:FS-LOST-1', platform: 'feishu' }).lean();
    assert.equal(ref?.messageId, posts[0]!.message_id);
  });
});
