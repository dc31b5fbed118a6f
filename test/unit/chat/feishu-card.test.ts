// Card → Feishu card JSON 2.0: buttons carry the action and value, text stays plain (nothing
// typed becomes markup), cuts fall on whole characters, and a card never passes Feishu's 30 KB.
import { strict as assert } from 'node:assert';
import type { Message } from '../../../src/chat/card.js';
import { entity } from '../../../src/chat/neutral-text.js';
import { MAX_CARD_BYTES, cardBytes, parseButtonValue, toFeishuCard } from '../../../src/chat/feishu/feishu-card.js';
import { formValues, toFeishuFormCard } from '../../../src/chat/feishu/feishu-form.js';

type Json = Record<string, unknown>;

function all(elements: unknown, out: Json[] = []): Json[] {
  for (const e of (elements as Json[] | undefined) ?? []) {
    out.push(e);
    all(e.elements, out);
    all(e.columns, out);
  }
  return out;
}

const incident: Message = {
  text: 'INC-7',
  cards: [
    {
      title: '[P1] INC-7 · 登录失败',
      tone: 'critical',
      text: '统一身份认证 **无法** <at id=all></at> 登录',
      fields: [{ label: '负责人', value: entity('user', 'feishu:ou_abcdef1234567890', '张三') }],
      buttons: [
        { actionId: 'incident.ack', value: 'INC-7~0', label: '确认接手', style: 'primary' },
        { actionId: 'incident.escalate', value: 'INC-7~0', label: '升级', style: 'danger' },
      ],
      footer: '申报人 feishu:ou_x',
    },
  ],
  mentions: ['feishu:ou_abcdef1234567890', 'slack:U1', 'feishu:not-an-id'],
};

describe('Feishu cards', function () {
  it('puts the title in a red header and each button’s action and value in its callback', function () {
    const card = toFeishuCard(incident);
    assert.equal(card.schema, '2.0');
    assert.equal(card.config.update_multi, true, 'one card for the whole chat, so updates show to all');
    assert.deepEqual(card.header, { title: { tag: 'plain_text', content: '[P1] INC-7 · 登录失败' }, template: 'red' });
    const buttons = all(card.body.elements).filter((e) => e.tag === 'button');
    assert.deepEqual(
      buttons.map((b) => [(b.behaviors as Json[])[0]!.value, b.type]),
      [
        [{ a: 'incident.ack', v: 'INC-7~0' }, 'primary'],
        [{ a: 'incident.escalate', v: 'INC-7~0' }, 'danger'],
      ],
    );
  });

  it('keeps what people typed as plain text, a person by name, and mentions only valid Feishu ids', function () {
    const elements = all(toFeishuCard(incident).body.elements);
    const texts = elements.filter((e) => e.tag === 'div').map((e) => (e.text as Json).tag);
    assert.ok(
      texts.every((tag) => tag === 'plain_text'),
      'no markdown for typed text',
    );
    const shown = JSON.stringify(elements);
    assert.match(shown, /统一身份认证 \*\*无法\*\* <at id=all><\/at> 登录/, 'shown as typed, not as markup');
    assert.match(shown, /负责人: @张三/);
    const markdown = elements.filter((e) => e.tag === 'markdown');
    assert.deepEqual(markdown, [{ tag: 'markdown', content: '<at id=ou_abcdef1234567890></at>' }]);
  });

  it('cuts long text on whole characters and keeps every card under 30 KB', function () {
    const family = '👨‍👩‍👧‍👦';
    const huge: Message = {
      text: 'x',
      cards: Array.from({ length: 6 }, (_, i) => ({
        title: `卡片 ${i}`,
        text: family.repeat(2000),
        fields: Array.from({ length: 20 }, (_, j) => ({ label: `字段${j}`, value: '长'.repeat(3000) })),
      })),
    };
    const card = toFeishuCard(huge);
    assert.ok(cardBytes(card) <= MAX_CARD_BYTES, `${cardBytes(card)} bytes`);
    const text = (all(card.body.elements).find((e) => e.tag === 'div')!.text as Json).content as string;
    assert.ok(text.endsWith('…'));
    assert.equal(text.slice(0, -1).replaceAll(family, ''), '', 'no family emoji is cut in half');
  });

  it('shows a message without cards as its text, with no header', function () {
    const card = toFeishuCard({ text: '已申报 INC-7' });
    assert.equal(card.header, undefined);
    assert.deepEqual(card.body.elements, [{ tag: 'div', text: { tag: 'plain_text', content: '已申报 INC-7' } }]);
  });

  it('reads back only the values its own buttons carry', function () {
    assert.deepEqual(parseButtonValue({ a: 'incident.ack', v: 'INC-7~0' }), { a: 'incident.ack', v: 'INC-7~0' });
    assert.deepEqual(parseButtonValue({ f: 'incident.resolve', c: 'oc_1', p: 'INC-7' }), {
      f: 'incident.resolve',
      c: 'oc_1',
      p: 'INC-7',
    });
    for (const forged of [undefined, null, 'incident.ack:INC-7', { a: 1, v: 'x' }, { f: 'x' }]) {
      assert.equal(parseButtonValue(forged), undefined, JSON.stringify(forged));
    }
  });

  it('makes a form a card with a form container whose submit carries the form, its value and its chat', function () {
    const card = toFeishuFormCard(
      {
        id: 'incident.resolve',
        title: '标记解决',
        submitLabel: '提交',
        privateValue: 'INC-7',
        inputs: [
          { id: 'fix', label: '处理方法', kind: 'paragraph', required: true, maxLength: 2000 },
          {
            id: 'sev',
            label: '级别',
            kind: 'select',
            required: false,
            options: [{ label: 'P1', value: 'P1' }],
            initial: 'P1',
          },
        ],
      },
      'oc_general',
    );
    const elements = all(card.body.elements);
    const form = elements.find((e) => e.tag === 'form')!;
    assert.ok(form.name);
    const input = elements.find((e) => e.tag === 'input')!;
    assert.equal(input.name, 'fix');
    assert.equal(input.max_length, 1000, 'Feishu takes at most 1,000 characters in an input');
    assert.equal(elements.find((e) => e.tag === 'select_static')!.initial_option, 'P1');
    const submit = elements.find((e) => e.tag === 'button')!;
    assert.equal(submit.form_action_type, 'submit');
    assert.deepEqual((submit.behaviors as Json[])[0]!.value, { f: 'incident.resolve', c: 'oc_general', p: 'INC-7' });
    assert.deepEqual(formValues({ fix: '重启', n: 3, bad: { x: 1 } }), { fix: '重启', n: '3' });
  });
});
