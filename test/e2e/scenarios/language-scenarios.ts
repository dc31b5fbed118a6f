// A channel in its own language (issue 10, part 5), written once and run on Slack, Discord and the
// web console: `/ops lang channel` in a Slack or Discord channel puts what Zhiban says there in that
// language; the console has no channel language — every card carries each language, and each
// viewer reads their own.
import { strict as assert } from 'node:assert';
import type { Message } from '../../../src/chat/card.js';
import type { Harness } from '../../support/harness.js';
import { cardIn, cardOnceIt, threadLine, type ChatDriver } from './chat-driver.js';

export function languageScenarios(driver: ChatDriver, h: () => Harness): void {
  const { platform, admin } = driver;
  const stranger = driver.user(7);
  const models = () => h().zhiban.models;
  const languages = () => models().ChannelLanguage.find({}).lean();

  before(async function () {
    await driver.bind('incidents');
  });

  if (platform === 'web') {
    it('answers on the console that each person reads cards in their own language', async function () {
      const said = await driver.opsIn('incidents', admin, 'lang channel en');
      assert.equal(said.private, true);
      assert.match(said.text, /在网页控制台上，每个人按自己的语言阅读卡片/);
      assert.deepStrictEqual(await languages(), []);
    });

    it('keeps every card in every language: the same incident card reads in English for an English viewer', async function () {
      await driver.type(admin, '/incident declare P2 technical 数据库主从延迟');
      const card = await cardIn(driver, 'incidents', /数据库主从延迟/);
      assert.match(card.text, /严重程度/);
      const stored = await models().WebMessage.findOne({ messageId: card.id }).lean();
      const english = (stored?.message as Message).translations?.en;
      assert.ok(english, 'the card carries its English');
      assert.match(JSON.stringify(english), /Severity/);
      assert.match(JSON.stringify(english), /"label":"Acknowledge"/);
    });
    return;
  }

  it('tells anyone what language the channel is in', async function () {
    const said = await driver.opsIn('incidents', stranger, 'lang channel');
    assert.equal(said.private, true);
    assert.match(said.text, /本频道的卡片使用中文（团队默认语言）/);
  });

  it('refuses a language it does not have, in the person’s language, changing nothing', async function () {
    const said = await driver.opsIn('incidents', admin, 'lang channel fr');
    assert.equal(said.private, true);
    assert.match(said.text, /fr/);
    assert.match(said.text, /zh-CN/);
    assert.deepStrictEqual(await languages(), []);
  });

  it('refuses someone without the role to set it, changing nothing', async function () {
    const said = await driver.opsIn('incidents', stranger, 'lang channel en');
    assert.equal(said.private, true);
    assert.match(said.text, /需要以下角色之一：管理员, 项目管理/);
    assert.deepStrictEqual(await languages(), []);
  });

  it('writes the channel’s cards and thread lines in English once an admin sets it, and records who did', async function () {
    const said = await driver.opsIn('incidents', admin, 'lang channel en');
    assert.match(said.text, /本频道今后的卡片和动态使用英文/);
    const [set] = await languages();
    assert.equal(set?.locale, 'en');
    const [event] = await models().AuditEvent.find({ action: 'channel.language' }).lean();
    assert.equal(event?.actor, driver.key(admin));
    assert.deepStrictEqual([event?.before, event?.after], [{ locale: null }, { locale: 'en' }]);

    await driver.type(admin, '/incident declare P2 technical Replica lag on db-2');
    const card = await cardIn(driver, 'incidents', /Replica lag on db-2/);
    assert.match(card.text, /Severity/);
    assert.doesNotMatch(card.text, /严重程度/);
    const ack = card.buttons.find((b) => b.actionId === 'incident.ack');
    assert.equal(ack?.label, 'Acknowledge');
    await driver.click(admin, card, 'incident.ack', ack!.value);
    await threadLine(driver, card, /reported \(unacknowledged\) → symptom confirmed/);
    await cardOnceIt(
      driver,
      'incidents',
      card,
      (now) => /symptom confirmed/.test(now.text),
      'acknowledged, in English',
    );
  });

  it('goes back to the team’s language with default', async function () {
    const said = await driver.opsIn('incidents', admin, 'lang channel default');
    assert.match(said.text, /本频道恢复使用团队默认语言（中文）/);
    assert.deepStrictEqual(await languages(), []);
    await driver.type(admin, '/incident declare P3 technical 报表导出变慢');
    const card = await cardIn(driver, 'incidents', /报表导出变慢/);
    assert.match(card.text, /严重程度/);
  });
}
