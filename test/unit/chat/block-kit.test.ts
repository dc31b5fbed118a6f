// Golden outputs of the Slack edge: the neutral Card and Form as the exact Block Kit JSON Slack receives.
import { strict as assert } from 'node:assert';
import type { Card, CardField } from '../../../src/chat/card.js';
import { toSlackMessage, type SlackMessage } from '../../../src/chat/slack/block-kit.js';
import { modalValues, parseModalMetadata, toSlackModal } from '../../../src/chat/slack/modal-view.js';
import { aRestoreForm } from '../../support/mothers.js';

function anIncidentCard(overrides: Partial<Card> = {}): Card {
  return {
    title: 'P1 支付网关超时',
    text: 'Online payments time out since 09:12',
    tone: 'critical',
    fields: [
      { label: 'Severity', value: 'P1', short: true },
      { label: 'System', value: 'e-pay', short: true },
      { label: 'Summary', value: 'Citizens cannot pay fees online' },
    ],
    buttons: [
      { actionId: 'incident.ack', value: 'INC-12', label: 'Acknowledge' },
      { actionId: 'incident.resolve', value: 'INC-12', label: 'Resolve', style: 'danger' },
    ],
    footer: 'INC-12 · declared by slack:U1',
    ...overrides,
  };
}

const USER_TEXT = 'ping <@U123> & <script>alert(1)</script>';
const ESCAPED_USER_TEXT = 'ping &lt;@U123&gt; &amp; &lt;script&gt;alert(1)&lt;/script&gt;';

function attachmentsOf(slack: SlackMessage) {
  return 'attachments' in slack ? slack.attachments : undefined;
}

describe('toSlackMessage', () => {
  it('renders a plain text message as text alone, without attachments', () => {
    assert.deepStrictEqual(toSlackMessage({ text: 'Done: I will answer you in English from now on.' }), {
      text: 'Done: I will answer you in English from now on.',
    });
  });

  it('renders a critical card as a red attachment with header, text, fields, buttons and footer blocks', () => {
    const slack = toSlackMessage({
      text: 'P1 incident declared',
      lead: 'P1 incident declared',
      cards: [anIncidentCard()],
    });
    assert.deepStrictEqual(slack, {
      text: 'P1 incident declared',
      attachments: [
        {
          color: '#D0021B',
          fallback: 'P1 支付网关超时',
          blocks: [
            { type: 'header', text: { type: 'plain_text', text: 'P1 支付网关超时', emoji: true } },
            { type: 'section', text: { type: 'mrkdwn', text: 'Online payments time out since 09:12' } },
            {
              type: 'section',
              fields: [
                { type: 'mrkdwn', text: '*Severity*\nP1' },
                { type: 'mrkdwn', text: '*System*\ne-pay' },
              ],
            },
            { type: 'section', text: { type: 'mrkdwn', text: '*Summary*\nCitizens cannot pay fees online' } },
            {
              type: 'actions',
              elements: [
                {
                  type: 'button',
                  action_id: 'incident.ack',
                  value: 'INC-12',
                  text: { type: 'plain_text', text: 'Acknowledge', emoji: true },
                },
                {
                  type: 'button',
                  action_id: 'incident.resolve',
                  value: 'INC-12',
                  text: { type: 'plain_text', text: 'Resolve', emoji: true },
                  style: 'danger',
                },
              ],
            },
            { type: 'context', elements: [{ type: 'mrkdwn', text: 'INC-12 · declared by slack:U1' }] },
          ],
        },
      ],
    });
  });

  it('renders a card’s link as a live Slack link under its text, before the footer', () => {
    const card: Card = {
      title: 'Export',
      text: '3 records',
      link: { label: 'Download <CSV>', url: 'http://127.0.0.1:3000/api/audit/export?by=slack:U1&from=2026-03-01' },
      footer: 'UTF-8',
    };
    const blocks = attachmentsOf(toSlackMessage({ text: 'x', cards: [card] }))![0]!.blocks;
    assert.deepStrictEqual(blocks.slice(1), [
      { type: 'section', text: { type: 'mrkdwn', text: '3 records' } },
      {
        type: 'section',
        text: {
          type: 'mrkdwn',
          text: '<http://127.0.0.1:3000/api/audit/export?by=slack:U1&from=2026-03-01|Download &lt;CSV&gt;>',
        },
      },
      { type: 'context', elements: [{ type: 'mrkdwn', text: 'UTF-8' }] },
    ]);
  });

  it('renders a card without tone as a neutral grey attachment holding only its header', () => {
    const slack = toSlackMessage({ text: 'Channels', cards: [{ title: 'Channel bindings' }] });
    assert.deepStrictEqual(attachmentsOf(slack), [
      {
        color: '#9B9B9B',
        fallback: 'Channel bindings',
        blocks: [{ type: 'header', text: { type: 'plain_text', text: 'Channel bindings', emoji: true } }],
      },
    ]);
  });

  it('truncates a title over 150 characters to 150 with an ellipsis in the header', () => {
    const title = 'x'.repeat(151);
    const slack = toSlackMessage({ text: 'long', cards: [{ title }] });
    assert.deepStrictEqual(attachmentsOf(slack)?.[0]?.blocks[0], {
      type: 'header',
      text: { type: 'plain_text', text: `${'x'.repeat(149)}…`, emoji: true },
    });
  });

  it('keeps a title of exactly 150 characters whole', () => {
    const title = 'y'.repeat(150);
    const slack = toSlackMessage({ text: 'long', cards: [{ title }] });
    assert.deepStrictEqual(attachmentsOf(slack)?.[0]?.blocks[0], {
      type: 'header',
      text: { type: 'plain_text', text: title, emoji: true },
    });
  });

  it('splits more than 10 short fields into sections of at most 10', () => {
    const fields: CardField[] = Array.from({ length: 12 }, (_, i) => ({ label: `L${i}`, value: `v${i}`, short: true }));
    const slack = toSlackMessage({ text: 'many', cards: [{ title: 'Many', fields }] });
    const field = (i: number) => ({ type: 'mrkdwn', text: `*L${i}*\nv${i}` });
    assert.deepStrictEqual(attachmentsOf(slack)?.[0]?.blocks, [
      { type: 'header', text: { type: 'plain_text', text: 'Many', emoji: true } },
      { type: 'section', fields: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9].map(field) },
      { type: 'section', fields: [10, 11].map(field) },
    ]);
  });

  it('escapes mentions, ampersands and tags typed by people in card text, fields and footer', () => {
    const card: Card = {
      title: 'Incident',
      text: USER_TEXT,
      fields: [
        { label: '<!channel>', value: USER_TEXT, short: true },
        { label: 'Summary', value: '<https://evil.example|click me>' },
      ],
      footer: 'by <@U123>',
    };
    const blocks = attachmentsOf(toSlackMessage({ text: 'Incident', cards: [card] }))?.[0]?.blocks;
    assert.deepStrictEqual(blocks, [
      { type: 'header', text: { type: 'plain_text', text: 'Incident', emoji: true } },
      { type: 'section', text: { type: 'mrkdwn', text: ESCAPED_USER_TEXT } },
      { type: 'section', fields: [{ type: 'mrkdwn', text: `*&lt;!channel&gt;*\n${ESCAPED_USER_TEXT}` }] },
      { type: 'section', text: { type: 'mrkdwn', text: '*Summary*\n&lt;https://evil.example|click me&gt;' } },
      { type: 'context', elements: [{ type: 'mrkdwn', text: 'by &lt;@U123&gt;' }] },
    ]);
  });

  // Slack parses a message's top-level `text` as mrkdwn: it is the body of a message without
  // blocks and shows above the attachments of one with cards, so `<@U123>` there pings U123.
  it('escapes mentions, ampersands and tags in the top-level text of a plain message', () => {
    assert.deepStrictEqual(toSlackMessage({ text: USER_TEXT }), { text: ESCAPED_USER_TEXT });
  });

  it('escapes mentions, ampersands and tags in the lead shown above the cards', () => {
    const slack = toSlackMessage({ text: 'x', lead: USER_TEXT, cards: [{ title: 'Incident' }] });
    assert.equal(slack.text, ESCAPED_USER_TEXT);
  });

  it('mentions the Slack people named before the text, and nobody on other platforms', () => {
    const slack = toSlackMessage({
      text: 'INC-3 <!channel>',
      mentions: ['slack:U0SYS1', 'discord:123', 'slack:<!here>'],
    });
    assert.equal(slack.text, '<@U0SYS1> INC-3 &lt;!channel&gt;');
  });

  it('shows no top-level text above cards without a lead, so the card is not said twice', () => {
    const slack = toSlackMessage({ text: 'Incident INC-1', cards: [{ title: 'Incident' }] });
    assert.equal(slack.text, undefined);
  });
});

describe('toSlackModal', () => {
  it('renders a form with text, paragraph and select inputs as a modal carrying its private value', () => {
    assert.deepStrictEqual(toSlackModal(aRestoreForm(), 'C42'), {
      type: 'modal',
      callback_id: 'restore.request',
      private_metadata: '{"v":"SYS-3","c":"C42"}',
      title: { type: 'plain_text', text: 'Request a restore' },
      submit: { type: 'plain_text', text: 'Submit' },
      blocks: [
        {
          type: 'input',
          block_id: 'system',
          optional: false,
          label: { type: 'plain_text', text: 'System' },
          element: {
            type: 'plain_text_input',
            action_id: 'value',
            multiline: false,
            max_length: 100,
            placeholder: { type: 'plain_text', text: 'e-pay' },
          },
        },
        {
          type: 'input',
          block_id: 'reason',
          optional: true,
          label: { type: 'plain_text', text: 'Reason' },
          element: { type: 'plain_text_input', action_id: 'value', multiline: true, initial_value: 'Data loss' },
        },
        {
          type: 'input',
          block_id: 'scope',
          optional: false,
          label: { type: 'plain_text', text: 'Scope' },
          element: {
            type: 'static_select',
            action_id: 'value',
            options: [
              { text: { type: 'plain_text', text: 'Database' }, value: 'database' },
              { text: { type: 'plain_text', text: 'Config' }, value: 'config' },
            ],
            initial_option: { text: { type: 'plain_text', text: 'Config' }, value: 'config' },
          },
        },
      ],
    });
  });

  it('truncates the modal title and submit label to 24 characters', () => {
    const view = toSlackModal(
      aRestoreForm({ title: 'Request a restore of a whole system', submitLabel: 'Send the request now please' }),
      'C1',
    );
    assert.equal(view.title.text, 'Request a restore of a …');
    assert.equal(view.submit.text, 'Send the request now pl…');
    assert.equal(view.title.text.length, 24);
    assert.equal(view.submit.text.length, 24);
  });

  it('carries the private value and channel through private_metadata to parseModalMetadata', () => {
    const view = toSlackModal(aRestoreForm({ privateValue: 'RST-7:db' }), 'C42');
    assert.deepStrictEqual(parseModalMetadata(view.private_metadata), { v: 'RST-7:db', c: 'C42' });
  });
});

describe('modalValues', () => {
  it('reads text inputs by value and selects by selected option, skipping empty ones', () => {
    const state: Parameters<typeof modalValues>[0] = {
      system: { value: { value: 'e-pay' } },
      scope: { value: { selected_option: { value: 'config' } } },
      reason: { value: { value: null } },
      severity: { value: { selected_option: null } },
      other: { not_ours: { value: 'ignored' } },
    };
    assert.deepStrictEqual(modalValues(state), { system: 'e-pay', scope: 'config' });
  });
});

describe('parseModalMetadata', () => {
  it('gives undefined for metadata that is not JSON', () => {
    assert.equal(parseModalMetadata('{not json'), undefined);
  });

  it('gives undefined for missing metadata, JSON null, and JSON without a channel', () => {
    assert.equal(parseModalMetadata(undefined), undefined);
    assert.equal(parseModalMetadata('null'), undefined);
    assert.equal(parseModalMetadata('{"v":"SYS-3"}'), undefined);
  });
});
