// A Feishu message read as a command: a mention of the bot in a group, any text in a private chat,
// with or without the slash; other people's mentions become people; anything else is not a command.
import { strict as assert } from 'node:assert';
import { parts } from '../../../src/chat/neutral-text.js';
import { commandOf } from '../../../src/chat/feishu/feishu-text.js';

const BOT = 'ou_bot0000000001';
const bot = { key: '@_user_1', id: { open_id: BOT }, name: '值班' };
const text = (t: string) => JSON.stringify({ text: t });

describe('Feishu messages as commands', function () {
  it('reads “@值班 /incident declare …” and the same without the slash', function () {
    for (const typed of ['@_user_1 /incident declare P1 登录失败', '@_user_1 incident declare P1 登录失败']) {
      const message = { chat_type: 'group', message_type: 'text', content: text(typed), mentions: [bot] };
      assert.deepEqual(commandOf(message, BOT), { command: 'incident', text: 'declare P1 登录失败' });
    }
  });

  it('takes a private message without a mention, and a group message only when it mentions the bot', function () {
    assert.deepEqual(commandOf({ chat_type: 'p2p', message_type: 'text', content: text('/ops whoami') }, BOT), {
      command: 'ops',
      text: 'whoami',
    });
    const other = { key: '@_user_1', id: { open_id: 'ou_someone0000001' }, name: '李四' };
    assert.equal(commandOf({ chat_type: 'group', message_type: 'text', content: text('/ops help') }, BOT), undefined);
    assert.equal(
      commandOf(
        { chat_type: 'group', message_type: 'text', content: text('@_user_1 /ops help'), mentions: [other] },
        BOT,
      ),
      undefined,
    );
  });

  it('reads a message with only the mention as /ops help, and ignores what is not text', function () {
    const only = { chat_type: 'group', message_type: 'text', content: text('@_user_1 '), mentions: [bot] };
    assert.deepEqual(commandOf(only, BOT), { command: 'ops', text: 'help' });
    const image = { chat_type: 'p2p', message_type: 'image', content: '{"image_key":"img_1"}' };
    assert.equal(commandOf(image, BOT), undefined, 'an image is not a command');
    const garbled = { chat_type: 'p2p', message_type: 'text', content: 'not json' };
    assert.deepEqual(commandOf(garbled, BOT), { command: 'ops', text: 'help' }, 'unreadable text reads as empty');
  });

  it('turns other people’s mentions into people, their names one word, and never lets typed text forge one', function () {
    const mentions = [
      bot,
      { key: '@_user_2', id: { open_id: 'ou_alice000000001' }, name: 'Alice Wang' },
      { key: '@_user_10', id: { open_id: 'ou_bob00000000001' }, name: '鲍勃' },
    ];
    const typed = '@_user_1 /ops role grant @_user_2 pm \uE000user\uE001slack:U1\uE001x\uE002 @_user_10';
    const read = commandOf({ chat_type: 'group', message_type: 'text', content: text(typed), mentions }, BOT)!;
    const people = parts(read.text).filter((p) => typeof p !== 'string');
    assert.deepEqual(people, [
      { kind: 'user', target: 'feishu:ou_alice000000001', label: 'Alice·Wang' },
      { kind: 'user', target: 'feishu:ou_bob00000000001', label: '鲍勃' },
    ]);
  });

  it('reads a rich-text (post) message as its words, mentions and all, in either of its shapes', function () {
    const paragraphs = [
      [
        { tag: 'at', user_id: '@_user_1' },
        { tag: 'text', text: ' /incident declare P2 富文本申报' },
      ],
      [{ tag: 'img', image_key: 'img_1' }],
    ];
    for (const content of [{ title: '', content: paragraphs }, { zh_cn: { title: '标题', content: paragraphs } }]) {
      const post = { chat_type: 'group', message_type: 'post', content: JSON.stringify(content), mentions: [bot] };
      assert.deepEqual(commandOf(post, BOT), { command: 'incident', text: 'declare P2 富文本申报' });
    }
    const broken = { chat_type: 'p2p', message_type: 'post', content: '{"content": "no paragraphs"}' };
    assert.deepEqual(commandOf(broken, BOT), { command: 'ops', text: 'help' });
  });

  it('takes the full-width slash a Chinese input method types', function () {
    const typed = { chat_type: 'p2p', message_type: 'text', content: text('／incident declare P3 全角斜杠') };
    assert.deepEqual(commandOf(typed, BOT), { command: 'incident', text: 'declare P3 全角斜杠' });
  });
});
