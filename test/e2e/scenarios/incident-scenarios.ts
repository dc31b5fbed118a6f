// The incident lifecycle as people live it, written once and run on Slack, Discord and the web
// console: declare → acknowledge → analyse → carry out → verify → resolve → summary, with the card in
// the incidents channel kept current in place and each step in its thread; refusals and bad input.
import { strict as assert } from 'node:assert';
import type { Harness } from '../../support/harness.js';
import { cardIn, cardOnceIt, threadLine, type CardView, type ChatDriver } from './chat-driver.js';

export function incidentScenarios(driver: ChatDriver, h: () => Harness): void {
  const { platform, key } = driver;
  const reporter = driver.user(1);
  const ops = driver.user(10);
  const secops = driver.user(11);
  const visitor = driver.user(12);
  const models = () => h().zhiban.models;
  const incidentCard = (id: string) => cardIn(driver, 'incidents', new RegExp(`^\\[P\\d\\] ${id} · `));
  const declare = async (what: string) => {
    const said = await driver.type(reporter, `/incident declare ${what}`);
    const id = /INC-\d+/.exec(said.text)?.[0];
    if (!id) throw new Error(`no incident declared: ${said.text.slice(0, 200)}`);
    const card = await incidentCard(id);
    // Declared by a person, not opened from an alert group: no alerts field (and never a raw key).
    assert.doesNotMatch(card.text, /关联告警|incident\.alerts/, card.text.slice(0, 300));
    return { id, card };
  };
  /** An incident left open by the form scenario, for the bad-input scenario. */
  let openIncident = '';

  before(async function () {
    await driver.bind('incidents');
    await models().UserProfile.create({ _id: key(ops), roles: ['sysops'] });
    await models().UserProfile.create({ _id: key(secops), roles: ['secops'] });
  });

  it('takes an incident from declaration to its written lesson, with the card kept current in the channel', async function () {
    const declared = await driver.type(reporter, '/incident declare P1 technical 统一身份认证无法登录');
    assert.equal(declared.private, true);
    assert.match(declared.text, /已申报 INC-1/);
    assert.equal(declared.card, undefined, 'one visible card, the channel’s: the typist gets a line');
    assert.doesNotMatch(declared.text, /当前步骤/, 'no private copy of the card');
    const card = await incidentCard('INC-1');
    assert.equal(card.title, '[P1] INC-1 · 统一身份认证无法登录');
    assert.match(card.text, /当前步骤: 已申报（待确认）/);
    assert.deepEqual(
      card.buttons.map((b) => `${b.actionId}:${b.value}`),
      ['incident.ack:INC-1~0', 'incident.assign_me:INC-1~0', 'incident.escalate:INC-1~0'],
      'each button carries the incident and the version of the card that shows it',
    );

    const acked = await driver.click(ops, card, 'incident.ack', 'INC-1');
    assert.ok(acked.card, `the clicked card is updated in place: ${acked.text.slice(0, 200)}`);
    assert.match(acked.card.title, /INC-1/);
    assert.match(acked.card.text, /当前步骤: 已确认现象/);
    assert.match(acked.card.text, new RegExp(`负责人: ${key(ops)}`), 'the card says who has it');
    assert.ok(
      acked.card.buttons.some((b) => b.actionId === 'incident.assign_me' && b.label === '由我接手'),
      'once owned, “assign to me” reads as taking it over',
    );
    await cardOnceIt(driver, 'incidents', card, (c) => /当前步骤: 已确认现象/.test(c.text), 'edited in the channel');
    await threadLine(driver, card, /已申报（待确认） → 已确认现象/);

    let current = acked.card;
    let mitigating: CardView | undefined;
    for (const step of ['分析原因', '实施方案', '验证效果']) {
      if (step === '验证效果') mitigating = current;
      const click = await driver.click(ops, current, 'incident.advance', 'INC-1');
      assert.ok(click.card, step);
      assert.match(click.card.text, new RegExp(`当前步骤: ${step}`));
      current = click.card;
    }
    // Someone still looking at the card as it was before verifying clicks “advance” there.
    const stale = await driver.click(ops, mitigating!, 'incident.advance', 'INC-1');
    assert.equal(stale.form, undefined, 'a stale card opens no form and skips no step');
    assert.match(stale.text, new RegExp(`INC-1 在你看到这张卡片后已被 ${key(ops)} 推进，当前：验证效果`));
    assert.equal((await models().Incident.findById('INC-1').lean())?.state, 'verifying', 'nothing changed');

    const resolving = await driver.click(ops, current, 'incident.resolve', 'INC-1');
    assert.equal(resolving.form?.id, 'incident.resolve');
    assert.deepEqual(resolving.form.inputs, ['fix']);
    const resolved = await driver.submit(ops, resolving.form, { fix: '重启认证服务并扩容连接池' });
    assert.equal(resolved.private, true);
    assert.match(resolved.text, /INC-1：已解决/);
    const resolvedCard = await cardOnceIt(
      driver,
      'incidents',
      card,
      (c) => /当前步骤: 已解决/.test(c.text),
      'resolved',
    );
    assert.match(resolvedCard.text, /重启认证服务并扩容连接池/);

    const summarizing = await driver.click(ops, resolvedCard, 'incident.advance', 'INC-1');
    assert.equal(summarizing.form?.id, 'incident.summary');
    assert.deepEqual(summarizing.form.inputs, ['cause', 'fix', 'lesson']);
    const closed = await driver.submit(ops, summarizing.form, {
      cause: '连接池耗尽',
      fix: '扩容并加监控',
      lesson: '容量评估纳入季度检查',
    });
    assert.match(closed.text, /已复盘关闭/);
    const summary = await cardIn(driver, 'incidents', /复盘总结/);
    assert.match(summary.text, /统一身份认证无法登录/);
    assert.match(summary.text, /连接池耗尽/);
    assert.match(summary.text, /容量评估纳入季度检查/);
    await cardOnceIt(
      driver,
      'incidents',
      card,
      (c) => /当前步骤: 已复盘关闭/.test(c.text) && c.buttons.length === 0,
      'closed',
    );

    const incident = await models().Incident.findById('INC-1').lean();
    assert.equal(incident?.state, 'closed');
    for (const state of [
      'reported',
      'acknowledged',
      'investigating',
      'mitigating',
      'verifying',
      'resolved',
      'closed',
    ]) {
      assert.ok((incident?.stateAt as Record<string, Date>)[state], `${state} is timestamped`);
    }
    const events = await models().AuditEvent.find({ objectId: 'INC-1' }).sort({ at: 1 }).lean();
    assert.deepEqual(
      events.map((e) => e.action),
      [
        'incident.declare',
        'incident.acknowledged',
        'incident.investigating',
        'incident.mitigating',
        'incident.verifying',
        'incident.resolved',
        'incident.closed',
      ],
    );
    assert.ok(
      events.every((e) => e.via === platform),
      'each step is recorded as done on this platform',
    );
    const cards = (await driver.cards('incidents')).filter((c) => c.title.startsWith('[P1] INC-1'));
    assert.equal(cards.length, 1, 'the card was posted once and edited after');
  });

  it('declares through the form when /incident declare is given nothing', async function () {
    const opened = await driver.type(reporter, '/incident declare');
    assert.equal(opened.form?.id, 'incident.declare');
    assert.deepEqual(opened.form.inputs, ['title', 'severity', 'category', 'system', 'description']);
    const said = await driver.submit(reporter, opened.form, {
      title: '电子证照签发失败',
      severity: 'P2',
      category: 'special',
      system: 'e-license',
    });
    assert.equal(said.private, true);
    openIncident = /INC-\d+/.exec(said.text)?.[0] ?? '';
    assert.match(said.text, /已申报 INC-\d+/);
    const incident = await models().Incident.findOne({ title: '电子证照签发失败' }).lean();
    assert.equal(incident?.shortId, openIncident);
    assert.equal(incident?.severity, 'P2');
    assert.equal(incident?.category, 'special');
    assert.equal(incident?.system, 'e-license');
    assert.equal(incident?.reporter, key(reporter));
    const card = await incidentCard(openIncident);
    assert.equal(card.title, `[P2] ${openIncident} · 电子证照签发失败`);
  });

  it('shows the timeline with /incident show and MTTA and MTTR with /incident list all', async function () {
    const shown = await driver.type(visitor, '/incident show INC-1');
    assert.equal(shown.private, true);
    assert.match(shown.text, /时间线/);
    assert.match(shown.text, /连接池耗尽/);
    const list = await driver.type(visitor, '/incident list all');
    assert.equal(list.private, true);
    assert.match(list.text, /MTTA \d+分钟/);
    assert.match(list.text, /MTTR \d+分钟/);
  });

  it('reports MTTA and MTTR per severity on /metrics', async function () {
    const text = await (await fetch(`${h().url}/metrics`)).text();
    assert.match(text, /^zhiban_incident_mtta_seconds\{severity="P1"\} \d/m);
    assert.match(text, /^zhiban_incident_mttr_seconds\{severity="P1"\} \d/m);
    assert.doesNotMatch(text, /zhiban_incident_mttr_seconds\{severity="P4"\}/, 'no P4 was resolved');
  });

  it('gives one step when two people click “next step” on the same card at once, and tells the other who moved it', async function () {
    const { id, card } = await declare('P2 社保缴费接口超时');
    const [alice, bob] = [driver.user(200), driver.user(201)];
    await models().UserProfile.insertMany([alice, bob].map((u) => ({ _id: key(u), roles: ['sysops'] })));
    const acked = await driver.click(alice, card, 'incident.ack', id);
    assert.ok(acked.card);
    const answers = await Promise.all([alice, bob].map((u) => driver.click(u, acked.card!, 'incident.advance', id)));
    const incident = await models().Incident.findById(id).lean();
    assert.equal(incident?.state, 'investigating', 'one step: acknowledged → investigating, not mitigating');
    assert.equal(incident?.timeline.filter((e) => e.to === 'investigating').length, 1);
    assert.equal(incident?.timeline.filter((e) => e.to === 'mitigating').length, 0);
    const moved = answers.filter((a) => a.card && /当前步骤: 分析原因/.test(a.card.text));
    const told = answers.filter((a) => a.private && /在你看到这张卡片后已被 .* 推进，当前：分析原因/.test(a.text));
    assert.equal(moved.length + told.length, 2, answers.map((a) => a.text.slice(0, 160)).join('\n'));
    assert.ok(told.length >= 1, 'the one who lost is told who moved it and where it is now');
  });

  it('gives exactly one acknowledgement when twenty people click at once, and tells the others who was first', async function () {
    const { id, card } = await declare('P2 数据交换平台积压');
    const clickers = Array.from({ length: 20 }, (_, i) => driver.user(100 + i));
    await models().UserProfile.insertMany(clickers.map((u) => ({ _id: key(u), roles: ['support'] })));
    const answers = await Promise.all(clickers.map((u) => driver.click(u, card, 'incident.ack', id)));
    const won = answers.filter((a) => a.card);
    assert.equal(won.length, 1, answers.map((a) => a.text.slice(0, 120)).join('\n'));
    const events = await models().AuditEvent.find({ objectId: id, action: 'incident.acknowledged' }).lean();
    assert.equal(events.length, 1);
    const first = events[0]!.actor;
    assert.ok(clickers.map(key).includes(first));
    assert.match(won[0]!.card!.text, new RegExp(`负责人: ${first}`), 'the card says who has it');
    const told = answers.filter((a) => a.private && a.text.includes(`已被 ${first} 推进`));
    const gone = answers.filter((a) => a.gone);
    assert.equal(told.length + gone.length, 19, 'every other click is answered');
    if (!driver.refusesStaleClicks) assert.equal(told.length, 19);
    const incident = await models().Incident.findById(id).lean();
    assert.equal(incident?.timeline.filter((e) => e.to === 'acknowledged').length, 1);
    await cardOnceIt(driver, 'incidents', card, (c) => c.text.includes(`负责人: ${first}`), 'names who has it');
  });

  it('refuses a click from someone without an ops role, privately, records the refusal, and leaves the card', async function () {
    const { id, card } = await declare('P3 短信网关告警');
    const refused = await driver.click(visitor, card, 'incident.ack', id);
    assert.equal(refused.private, true);
    assert.equal(refused.card, undefined, 'the card is not changed');
    assert.match(refused.text, /需要以下角色之一/);
    assert.equal((await models().Incident.findById(id).lean())?.state, 'reported');
    const audit = await models().AuditEvent.findOne({ objectId: id, outcome: 'refused' }).lean();
    assert.equal(audit?.actor, key(visitor));
    assert.equal(audit?.via, platform);
    const now = (await driver.cards('incidents')).find((c) => c.id === card.id)!;
    assert.match(now.text, /当前步骤: 已申报（待确认）/);
    assert.ok(now.buttons.some((b) => b.actionId === 'incident.ack'));
  });

  it('lets only secops act on a security incident', async function () {
    const { id, card } = await declare('P2 security 疑似暴力破解');
    const sysops = await driver.click(ops, card, 'incident.ack', id);
    assert.equal(sysops.private, true);
    assert.match(sysops.text, /需要以下角色之一：管理员, 网络安全/);
    const secured = await driver.click(secops, card, 'incident.ack', id);
    assert.ok(secured.card, secured.text.slice(0, 200));
    assert.equal((await models().Incident.findById(id).lean())?.state, 'acknowledged');
    const shown = await driver.type(visitor, `/incident show ${id}`);
    assert.match(shown.text, /疑似暴力破解/, `others may still view it: ${shown.text.slice(0, 300)}`);
  });

  it('answers bad input privately and changes nothing', async function () {
    const before = await models().Incident.countDocuments();
    const cases: Array<[string, RegExp]> = [
      ['show INC-999', /没有找到事件 INC-999/],
      ['declare P1', /请写上事件标题/],
      ['declare P7 磁盘满', /不认识的严重程度「P7」/],
      [`declare P2 ${'长'.repeat(driver.longArgument)}`, /输入太长（最多 200 个字符）/],
      ['update', /请写上事件编号/],
      ['summary INC-1', /需要以下角色之一|已被|需要先标记解决/],
      ['frobnicate', /没有「frobnicate」这个子命令/],
    ];
    for (const [text, expected] of cases) {
      const said = await driver.type(reporter, `/incident ${text}`);
      assert.equal(said.private, true, text.slice(0, 60));
      assert.match(said.text, expected, text.slice(0, 60));
    }
    const wrongState = await driver.type(ops, `/incident summary ${openIncident} a | b | c`);
    assert.match(wrongState.text, /需要先标记解决/);
    assert.equal(await models().Incident.countDocuments(), before);
  });
}
