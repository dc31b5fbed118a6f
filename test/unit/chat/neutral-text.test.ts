// Text that platforms have already encoded, decoded once at their edge and written back per
// platform; and shortening that never cuts a character in half (issue 9, parts 1 and 2).
import { strict as assert } from 'node:assert';
import { toDiscordMessage } from '../../../src/chat/discord/components.js';
import { decodeDiscordText, toDiscordText } from '../../../src/chat/discord/discord-text.js';
import { clean, entity, mentionedUsers, parts, plainText } from '../../../src/chat/neutral-text.js';
import { parseUserRef } from '../../../src/chat/mentions.js';
import { toSlackMessage } from '../../../src/chat/slack/block-kit.js';
import { decodeSlackText, toMrkdwn } from '../../../src/chat/slack/slack-text.js';
import { graphemePrefix, truncate, truncateMarkup } from '../../../src/chat/text.js';

const TYPED = 'Login & SSO fail when header > 8KB <edge-proxy>';
const AS_SLACK_SENDS = 'Login &amp; SSO fail when header &gt; 8KB &lt;edge-proxy&gt;';

describe('Slack text at the edge', () => {
  it('decodes what Slack escaped into the characters the person typed', () => {
    assert.equal(decodeSlackText(AS_SLACK_SENDS), TYPED);
  });

  it('writes them back escaped once, so Slack shows them as typed', () => {
    assert.equal(toMrkdwn(decodeSlackText(AS_SLACK_SENDS)), AS_SLACK_SENDS);
  });

  it('keeps a mention, a channel and a link as what they are', () => {
    const text = decodeSlackText(
      'ask <@U0123ABC|alice> in <#C0999|ops> see <https://status.example.gov/?a=1&amp;b=2|status page>',
    );
    assert.deepEqual(parts(text), [
      'ask ',
      { kind: 'user', target: 'slack:U0123ABC', label: 'alice' },
      ' in ',
      { kind: 'channel', target: 'slack:C0999', label: 'ops' },
      ' see ',
      { kind: 'link', target: 'https://status.example.gov/?a=1&b=2', label: 'status page' },
    ]);
    assert.deepEqual(mentionedUsers(text), ['slack:U0123ABC']);
    assert.equal(toMrkdwn(text), 'ask <@U0123ABC> in <#C0999> see <https://status.example.gov/?a=1&b=2|status page>');
    assert.equal(plainText(text), 'ask @alice in #ops see status page (https://status.example.gov/?a=1&b=2)');
  });

  it('turns @channel, @here and user groups into inert words, never live markup', () => {
    const text = decodeSlackText('<!channel> <!here> <!subteam^S123|@dba> wake up');
    assert.equal(text, '@channel @here @dba wake up');
    assert.equal(toMrkdwn(text), '@channel @here @dba wake up');
  });

  it('never turns what a person typed into a mention or link they did not write', () => {
    // Typed `<@U1>` arrives escaped; private-use marks typed to forge an entity are dropped.
    const forged = decodeSlackText('&lt;@U999&gt; \uE000user\uE001slack:U999\uE001x\uE002');
    assert.deepEqual(mentionedUsers(forged), []);
    assert.equal(toMrkdwn(forged), '&lt;@U999&gt; userslack:U999x');
    assert.equal(clean('a\uE000b\uE001c\uE002d'), 'abcd');
  });

  it('reads a decoded Slack mention as the person it names', () => {
    assert.equal(parseUserRef(decodeSlackText('<@U0123ABC|alice>'), 'slack'), 'slack:U0123ABC');
    assert.equal(parseUserRef(decodeSlackText('<#C0123|general>'), 'slack'), undefined);
  });
});

describe('Discord text at the edge', () => {
  it('keeps a Discord mention live on Discord and shows a Slack one by name', () => {
    const text = `${decodeDiscordText('ping <@!123456789012> and')} ${entity('user', 'slack:U1', 'alice')}`;
    assert.equal(toDiscordText(text), 'ping <@123456789012> and @alice');
    assert.deepEqual(mentionedUsers(text), ['discord:123456789012', 'slack:U1']);
  });

  it('shows the typed characters of a Slack-typed title on Discord, decoded once', () => {
    const message = toDiscordMessage({
      text: 'x',
      cards: [{ title: decodeSlackText(AS_SLACK_SENDS), text: decodeSlackText(AS_SLACK_SENDS) }],
    });
    assert.equal(message.embeds[0]!.title, TYPED);
    assert.equal(message.embeds[0]!.description, TYPED);
  });
});

describe('shortening on whole characters', () => {
  const fire = '🔥';
  const title = `x${fire.repeat(80)}`;

  it('cuts 80 fire emoji to Slack’s 150-unit header without a lone surrogate, marked with …', () => {
    const header = toSlackMessage({ text: '', cards: [{ title }] });
    const text = ('attachments' in header ? header.attachments[0]!.blocks[0]!.text : {}) as { text: string };
    assert.ok(text.text.length <= 150);
    assert.ok(text.text.endsWith('…'));
    assert.doesNotMatch(text.text, /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/u);
    assert.equal(text.text, `x${fire.repeat(74)}…`);
  });

  for (const [name, unit] of [
    ['Chinese characters', '值'],
    ['an emoji with a skin tone', '👍🏽'],
    ['a flag', '🇨🇳'],
    ['a family (zero-width joiners)', '👨‍👩‍👧'],
    ['a letter with combining marks', 'é̃'],
  ] as const) {
    it(`never splits ${name}`, () => {
      const text = unit.repeat(40);
      for (let max = 2; max < text.length; max += 1) {
        const cut = truncate(text, max);
        assert.ok(cut.length <= max, `${max}: ${cut.length}`);
        const kept = cut.slice(0, -1);
        assert.equal(kept, unit.repeat(kept.length / unit.length), `${max}: ${JSON.stringify(cut)}`);
      }
    });
  }

  it('leaves text that fits alone', () => {
    assert.equal(truncate('值班', 2), '值班');
    assert.equal(graphemePrefix('🔥🔥', 3), '🔥');
  });

  it('does not cut a Slack escape or token in half', () => {
    assert.equal(truncateMarkup('ab &amp; cd', 6), 'ab …');
    assert.equal(truncateMarkup('ab <@U123> cd', 8), 'ab …');
  });

  it('cuts Discord embed fields and button labels on whole characters too', () => {
    const message = toDiscordMessage({
      text: '',
      cards: [
        {
          title: '值'.repeat(300),
          fields: [{ label: '🔥'.repeat(200), value: '🇨🇳'.repeat(600) }],
          buttons: [{ actionId: 'incident.ack', value: 'INC-1', label: '👍🏽'.repeat(30) }],
        },
      ],
    });
    const embed = message.embeds[0]!;
    assert.equal(embed.title, `${'值'.repeat(255)}…`);
    assert.equal(embed.fields![0]!.name, `${'🔥'.repeat(127)}…`);
    assert.equal(embed.fields![0]!.value, `${'🇨🇳'.repeat(255)}…`);
    assert.equal(message.components[0]!.components[0]!.label, `${'👍🏽'.repeat(19)}…`);
  });
});
