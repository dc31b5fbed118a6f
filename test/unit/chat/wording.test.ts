import { strict as assert } from 'node:assert';
import { inLanguage, mapMessageText, type Message } from '../../../src/chat/card.js';
import type { Translate } from '../../../src/kernel/i18n.js';
import { Translator } from '../../../src/kernel/i18n.js';
import { ChannelSpeech, inEveryLanguage } from '../../../src/chat/wording.js';

const translator = new Translator('zh-CN');
const wording = (t: Translate): Message => ({
  text: t('incident.field.severity'),
  cards: [
    {
      title: t('incident.field.state'),
      buttons: [{ actionId: 'incident.ack', value: 'INC-1~1', label: t('incident.button.ack') }],
    },
  ],
});

describe('Wording: what is said put into each channel’s words', function () {
  it('writes a Slack or Discord channel’s message in the language set for it', async function () {
    const speech = new ChannelSpeech(translator, {
      languageOf: async (p, c) => (p === 'slack' && c === 'CEN' ? 'en' : undefined),
    });
    const english = await speech.render(wording, 'slack', 'CEN');
    assert.equal(english.text, 'Severity');
    assert.equal(english.cards?.[0]?.buttons?.[0]?.label, 'Acknowledge');
    assert.equal(english.translations, undefined, 'a shared channel gets one language');
  });

  it('writes a channel with no language of its own in the team’s', async function () {
    const speech = new ChannelSpeech(translator, { languageOf: async () => undefined });
    assert.equal((await speech.render(wording, 'discord', '123')).text, '严重程度');
    const english = new ChannelSpeech(new Translator('en'), { languageOf: async () => undefined });
    assert.equal((await english.render(wording, 'discord', '123')).text, 'Severity');
  });

  it('gives the web console the team’s language with every other one beside it, without asking the channel', async function () {
    let asked = 0;
    const speech = new ChannelSpeech(translator, {
      languageOf: async () => {
        asked += 1;
        return 'en';
      },
    });
    const message = await speech.render(wording, 'web', 'incidents');
    assert.equal(message.text, '严重程度');
    assert.deepStrictEqual(Object.keys(message.translations ?? {}), ['en']);
    assert.equal(message.translations?.en?.text, 'Severity');
    assert.equal(asked, 0);
  });

  it('says a message already in words as it is', async function () {
    const speech = new ChannelSpeech(translator, { languageOf: async () => 'en' });
    const said: Message = { text: 'as typed' };
    assert.equal(await speech.render(said, 'slack', 'C1'), said);
  });

  it('lets a reader pick their language, falling back to the message itself', function () {
    const message = inEveryLanguage(wording, translator);
    assert.equal(inLanguage(message, 'en').text, 'Severity');
    assert.equal(inLanguage(message, 'zh-CN').text, '严重程度');
    assert.equal(inLanguage(message, 'fr').text, '严重程度');
    assert.equal(inLanguage({ text: 'old card' }, 'en').text, 'old card', 'a card stored before translations');
  });

  it('encodes the translations’ text the same way as the message’s', function () {
    const encoded = mapMessageText(inEveryLanguage(wording, translator), (text) => `<${text}>`);
    assert.equal(encoded.text, '<严重程度>');
    assert.equal(encoded.translations?.en?.text, '<Severity>');
    assert.equal(encoded.translations?.en?.cards?.[0]?.buttons?.[0]?.label, '<Acknowledge>');
  });
});
