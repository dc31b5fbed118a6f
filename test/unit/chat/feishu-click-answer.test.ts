// The answer to a Feishu card click: what the handler says in time rides in it; after the deadline
// (Feishu waits 3 s) nothing more can, and the adapter sends the rest as calls of their own.
import { strict as assert } from 'node:assert';
import { ANSWER_AFTER_MS, ClickAnswer, TOAST_MAX } from '../../../src/chat/feishu/click-answer.js';
import { toFeishuCard } from '../../../src/chat/feishu/feishu-card.js';

describe('Feishu click answers', function () {
  it('answers before Feishu’s 3 s are up', function () {
    assert.ok(ANSWER_AFTER_MS < 3000);
  });

  it('carries the card’s new look and one short toast, once the handler is done', async function () {
    const answer = new ClickAnswer();
    const card = toFeishuCard({ text: 'x', cards: [{ title: 'INC-1' }] });
    assert.equal(answer.offerCard(card), true);
    assert.equal(answer.offerToast('已确认'), true);
    assert.equal(answer.offerToast('第二句'), false, 'a second line goes to the person’s chat instead');
    assert.equal(answer.offerToast('长'.repeat(TOAST_MAX + 1)), false);
    answer.finish();
    assert.deepEqual(await answer.response, {
      toast: { type: 'info', content: '已确认' },
      card: { type: 'raw', data: card },
    });
  });

  it('answers with what it has at the deadline, and takes nothing after', async function () {
    const answer = new ClickAnswer(20);
    assert.equal(answer.offerToast('还在处理', 'error'), true);
    assert.deepEqual(await answer.response, { toast: { type: 'error', content: '还在处理' } });
    assert.equal(answer.offerCard(toFeishuCard({ text: 'late' })), false, 'a late card is patched instead');
    assert.equal(answer.offerToast('late'), false);
  });
});
