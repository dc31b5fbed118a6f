// `/ops link` between Slack and Feishu: a code shown on Slack, typed to the bot on Feishu, and the
// Slack roles follow the Feishu identity (`feishu:<open_id>`), which can then act on a Feishu card.
import { strict as assert } from 'node:assert';
import { ADMIN_SLACK, Harness } from '../../support/harness.js';
import { cardIn, slackDriver } from '../scenarios/chat-driver.js';
import { feishuDriver } from '../scenarios/feishu-driver.js';

const SLACK_ME = 'ULINKFS001';
const FEISHU_ME = 'ou_linked00000000000000000000000001';

describe('Slack and Feishu: /ops link', function () {
  let h: Harness;
  const slack = slackDriver(() => h);
  const feishu = feishuDriver(() => h);

  before(async function () {
    h = await Harness.start({ label: 'feishu-link', slack: true, feishu: true });
    await slack.ops(ADMIN_SLACK, `role grant ${SLACK_ME} sysops`);
  });

  after(async function () {
    await h?.stop();
  });

  it('links the Feishu identity with a code from Slack, and the Slack roles follow it', async function () {
    const given = await slack.ops(SLACK_ME, 'link');
    const code = /\/ops link ([A-Z2-9]{8})/.exec(given.text)?.[1];
    assert.ok(code, given.text);
    const said = await feishu.ops(FEISHU_ME, `link ${code}`);
    assert.equal(said.private, true);
    assert.match(said.text, new RegExp(`已关联：slack:${SLACK_ME}, feishu:${FEISHU_ME}`));
    assert.match((await feishu.ops(FEISHU_ME, 'whoami')).text, /sysops \(系统运维\)/);
    const stored = await h.zhiban.models.UserProfile.findById(`feishu:${FEISHU_ME}`).lean();
    assert.equal(stored?.linkedTo, `slack:${SLACK_ME}`);
    const audit = await h.zhiban.models.AuditEvent.findOne({ actor: `feishu:${FEISHU_ME}` }).lean();
    assert.equal(audit?.via, 'feishu', 'the trail says it was done on Feishu');
  });

  it('lets the linked person acknowledge an incident on its Feishu card with the role from Slack', async function () {
    await feishu.bind('incidents');
    const declared = await feishu.type(
      'ou_reporter000000000000000000000001',
      '/incident declare P2 technical 链接测试',
    );
    const id = /INC-\d+/.exec(declared.text)![0];
    const card = await cardIn(feishu, 'incidents', new RegExp(`${id} · `));
    const acked = await feishu.click(FEISHU_ME, card, 'incident.ack', id);
    assert.ok(acked.card, acked.text.slice(0, 200));
    assert.match(acked.card.text, new RegExp(`负责人: feishu:${FEISHU_ME}`));
  });
});
