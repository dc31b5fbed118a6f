// Golden outputs of the Discord edge: cards as embeds and button rows, forms as modals, and the command tree.
import { strict as assert } from 'node:assert';
import type { Card, CardButton } from '../../../src/chat/card.js';
import { COMMAND_CATALOG } from '../../../src/domains/registry.js';
import { discordCommandDefinitions } from '../../../src/chat/discord/command-definitions.js';
import { customId, parseCustomId, toDiscordMessage } from '../../../src/chat/discord/components.js';
import { parseModalId, toDiscordModal } from '../../../src/chat/discord/modal.js';
import { Translator } from '../../../src/kernel/i18n.js';
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
      { actionId: 'incident.ack', value: 'INC-12', label: 'Acknowledge', style: 'primary' },
      { actionId: 'incident.update', value: 'INC-12', label: 'Add update' },
      { actionId: 'incident.resolve', value: 'INC-12', label: 'Resolve', style: 'danger' },
    ],
    footer: 'INC-12 · declared by discord:4567',
    ...overrides,
  };
}

describe('toDiscordMessage', () => {
  it('renders a plain text message as content with no embeds and no components', () => {
    assert.deepStrictEqual(toDiscordMessage({ text: 'Current language: en. Choices: zh-CN, en.' }), {
      content: 'Current language: en. Choices: zh-CN, en.',
      embeds: [],
      components: [],
      allowed_mentions: { parse: [], users: [] },
    });
  });

  it('mentions only the Discord people named, pings nobody else, and ignores other platforms', () => {
    const message = toDiscordMessage({
      text: '@everyone INC-3 is still unacknowledged',
      mentions: ['discord:300000000000000010', 'slack:U123', 'discord:not-an-id'],
    });
    assert.equal(message.content, '<@300000000000000010> @everyone INC-3 is still unacknowledged');
    assert.deepStrictEqual(message.allowed_mentions, { parse: [], users: ['300000000000000010'] });
  });

  it('renders a critical card as a red embed with inline fields, a footer and one row of styled buttons', () => {
    assert.deepStrictEqual(toDiscordMessage({ text: 'P1 incident declared', cards: [anIncidentCard()] }), {
      content: '',
      embeds: [
        {
          title: 'P1 支付网关超时',
          description: 'Online payments time out since 09:12',
          color: 0xd0021b,
          fields: [
            { name: 'Severity', value: 'P1', inline: true },
            { name: 'System', value: 'e-pay', inline: true },
            { name: 'Summary', value: 'Citizens cannot pay fees online', inline: false },
          ],
          footer: { text: 'INC-12 · declared by discord:4567' },
        },
      ],
      components: [
        {
          type: 1,
          components: [
            { type: 2, style: 1, custom_id: 'incident.ack:INC-12', label: 'Acknowledge' },
            { type: 2, style: 2, custom_id: 'incident.update:INC-12', label: 'Add update' },
            { type: 2, style: 4, custom_id: 'incident.resolve:INC-12', label: 'Resolve' },
          ],
        },
      ],
      allowed_mentions: { parse: [], users: [] },
    });
  });

  it('gives the embed colour as an integer and a card without tone the neutral grey', () => {
    const message = toDiscordMessage({ text: 't', cards: [{ title: 'Done', tone: 'success' }, { title: 'Plain' }] });
    assert.deepStrictEqual(message.embeds, [
      { title: 'Done', color: 3061373 },
      { title: 'Plain', color: 10197915 },
    ]);
  });

  it('shows an empty field value as a dash, since Discord refuses empty field values', () => {
    const message = toDiscordMessage({ text: 't', cards: [{ title: 'T', fields: [{ label: 'Owner', value: '' }] }] });
    assert.deepStrictEqual(message.embeds[0]?.fields, [{ name: 'Owner', value: '—', inline: false }]);
  });

  it('writes a card’s link under its text as `label (url)`, the URL made clickable by Discord', () => {
    const link = { label: 'Download CSV', url: 'http://127.0.0.1:3000/api/audit/export?id=INC-3' };
    const withText = toDiscordMessage({ text: 't', cards: [{ title: 'Export', text: '3 records', link }] });
    assert.equal(
      withText.embeds[0]?.description,
      '3 records\nDownload CSV (http://127.0.0.1:3000/api/audit/export?id=INC-3)',
    );
    const alone = toDiscordMessage({ text: 't', cards: [{ title: 'Export', link }] });
    assert.equal(alone.embeds[0]?.description, 'Download CSV (http://127.0.0.1:3000/api/audit/export?id=INC-3)');
  });

  it('puts 7 buttons into two rows of 5 and 2', () => {
    const buttons: CardButton[] = Array.from({ length: 7 }, (_, i) => ({
      actionId: 'survey.rate',
      value: `SRV-9:q1:${i + 1}`,
      label: `${i + 1}`,
    }));
    const message = toDiscordMessage({ text: 'Rate us', cards: [{ title: 'Survey', buttons }] });
    const button = (i: number) => ({ type: 2, style: 2, custom_id: `survey.rate:SRV-9:q1:${i}`, label: `${i}` });
    assert.deepStrictEqual(message.components, [
      { type: 1, components: [1, 2, 3, 4, 5].map(button) },
      { type: 1, components: [6, 7].map(button) },
    ]);
  });
});

describe('parseCustomId', () => {
  it('splits at the first colon, keeping colons inside the value', () => {
    assert.deepStrictEqual(parseCustomId('survey.rate:SRV-9:q1:5'), { actionId: 'survey.rate', value: 'SRV-9:q1:5' });
  });

  it('gives an empty value when there is no colon', () => {
    assert.deepStrictEqual(parseCustomId('ops.help'), { actionId: 'ops.help', value: '' });
  });

  it('reads back what customId wrote', () => {
    assert.deepStrictEqual(parseCustomId(customId('restore.approve', 'RST-7:db')), {
      actionId: 'restore.approve',
      value: 'RST-7:db',
    });
  });
});

describe('customId', () => {
  it('refuses an id over Discord’s 100 characters rather than cut it and act on the wrong thing', () => {
    assert.throws(() => customId('incident.ack', 'x'.repeat(88)), /over 100 characters/);
  });

  it('keeps an id of exactly 100 characters whole', () => {
    const id = customId('incident.ack', 'x'.repeat(87));
    assert.equal(id, `incident.ack:${'x'.repeat(87)}`);
  });
});

describe('toDiscordModal', () => {
  it('renders a form as a modal of text inputs, a choice as a short input listing the choices', () => {
    assert.deepStrictEqual(toDiscordModal(aRestoreForm()), {
      custom_id: 'form:restore.request:SYS-3',
      title: 'Request a restore',
      components: [
        {
          type: 1,
          components: [
            {
              type: 4,
              custom_id: 'system',
              label: 'System',
              style: 1,
              required: true,
              max_length: 100,
              placeholder: 'e-pay',
            },
          ],
        },
        {
          type: 1,
          components: [
            {
              type: 4,
              custom_id: 'reason',
              label: 'Reason',
              style: 2,
              required: false,
              value: 'Data loss',
            },
          ],
        },
        {
          type: 1,
          components: [
            {
              type: 4,
              custom_id: 'scope',
              label: 'Scope',
              style: 1,
              required: true,
              value: 'config',
              placeholder: 'database | config',
            },
          ],
        },
      ],
    });
  });

  it('keeps at most 5 inputs, Discord’s limit for a modal', () => {
    const inputs = Array.from({ length: 7 }, (_, i) => ({
      id: `q${i}`,
      label: `Q${i}`,
      kind: 'text' as const,
      required: false,
    }));
    assert.equal(toDiscordModal(aRestoreForm({ inputs })).components.length, 5);
  });
});

describe('parseModalId', () => {
  it('reads back the form id and private value written by toDiscordModal', () => {
    const modal = toDiscordModal(aRestoreForm({ privateValue: 'RST-7:db' }));
    assert.deepStrictEqual(parseModalId(modal.custom_id), { formId: 'restore.request', privateValue: 'RST-7:db' });
  });

  it('reads back a form without a private value as undefined', () => {
    const modal = toDiscordModal(aRestoreForm({ privateValue: undefined }));
    assert.equal(modal.custom_id, 'form:restore.request:');
    assert.deepStrictEqual(parseModalId(modal.custom_id), { formId: 'restore.request', privateValue: undefined });
  });

  it('ignores a custom id that is not a form’s', () => {
    assert.equal(parseModalId('incident.ack:INC-12'), undefined);
  });
});

describe('discordCommandDefinitions', () => {
  const translator = new Translator('zh-CN');
  const definitions = discordCommandDefinitions(translator, COMMAND_CATALOG);

  it('defines the eight commands of CONTRACT.md with their subcommands, in the catalog’s order', () => {
    assert.deepStrictEqual(
      definitions.map((d) => [d.name, d.options.map((o) => o.name)]),
      [
        ['ops', ['help', 'whoami', 'lang', 'channel', 'role', 'link', 'audit', 'report']],
        ['incident', ['declare', 'list', 'show', 'update', 'assign', 'resolve', 'summary']],
        ['alert', ['list', 'silence', 'unsilence']],
        ['backup', ['status', 'policy', 'report']],
        ['restore', ['request', 'list', 'show']],
        ['survey', ['send', 'report']],
        ['upgrade', ['announce', 'list', 'show', 'history', 'start', 'complete', 'rollback', 'cancel', 'rule']],
        ['duty', ['now', 'week', 'set', 'override', 'swap', 'import', 'export', 'phone', 'handovers']],
      ],
    );
  });

  it('gives every command and subcommand a chat-input type and one optional text argument', () => {
    for (const command of definitions) {
      assert.equal(command.type, 1, command.name);
      for (const sub of command.options) {
        assert.equal(sub.type, 1, `${command.name} ${sub.name}`);
        assert.deepStrictEqual(
          sub.options.map((o) => ({ type: o.type, name: o.name, required: o.required })),
          [{ type: 3, name: 'args', required: false }],
        );
      }
    }
  });

  it('uses lowercase names that Discord accepts', () => {
    const names = definitions.flatMap((d) => [
      d.name,
      ...d.options.flatMap((o) => [o.name, ...o.options.map((a) => a.name)]),
    ]);
    for (const name of names) assert.match(name, /^[-_\p{Ll}\p{N}]{1,32}$/u);
  });

  it('describes everything in English and Chinese from the locale files, within 100 characters', () => {
    const described = definitions.flatMap((d) => [
      { what: d.name, key: `commands.${d.name}`, item: d },
      ...d.options.flatMap((o) => [
        { what: `${d.name} ${o.name}`, key: `subcommands.${d.name}.${o.name}`, item: o },
        ...o.options.map((a) => ({ what: `${d.name} ${o.name} ${a.name}`, key: 'discord.args_option', item: a })),
      ]),
    ]);
    for (const { what, key, item } of described) {
      assert.ok(translator.has('en', key), `${what}: en lacks ${key}`);
      assert.ok(translator.has('zh-CN', key), `${what}: zh-CN lacks ${key}`);
      const en = item.description;
      const zh = item.description_localizations['zh-CN'];
      assert.ok(en.trim().length > 0 && en.length <= 100, `${what}: English description "${en}"`);
      assert.ok(zh.trim().length > 0 && zh.length <= 100, `${what}: Chinese description "${zh}"`);
      assert.equal(en, translator.t('en', key), what);
      assert.equal(zh, translator.t('zh-CN', key), what);
      assert.notEqual(en, zh, `${what}: the Chinese description is not a translation`);
    }
  });
});
