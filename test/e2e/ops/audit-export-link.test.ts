// `/ops audit export …` on Slack while the web console is on: the answer is the console's download
// link, and that link gives the CSV to someone signed in to the console as an admin.
import { strict as assert } from 'node:assert';
import { ADMIN_SLACK, Harness } from '../../support/harness.js';
import { slackCommand } from '../../support/slack-user.js';
import { WebUser } from '../../support/web-user.js';

describe('Slack with the web console on: /ops audit export', function () {
  this.timeout(30_000);
  let h: Harness;

  before(async function () {
    h = await Harness.start({ label: 'slack-audit-link', slack: true, env: { WEB_CONSOLE: 'on' } });
  });

  after(async function () {
    await h?.stop();
  });

  it('answers with the console’s link, which downloads the records to a signed-in admin', async function () {
    await slackCommand(h, 'role grant UBOB000001 viewer', { userId: ADMIN_SLACK });
    const { reply } = await slackCommand(h, `audit export by ${ADMIN_SLACK}`, { userId: ADMIN_SLACK });
    assert.equal(reply.response_type, 'ephemeral');
    const text = JSON.stringify(reply);
    assert.match(text, /共 1 条记录（操作人 slack:UADMIN0001），可下载为 CSV 文件。/);
    assert.match(text, /请在已登录网页控制台（管理员或项目管理角色）的浏览器中打开/);
    const url = /<(http:\/\/127\.0\.0\.1:\d+\/api\/audit\/export\?by=slack%3AUADMIN0001)\|下载 CSV>/.exec(text)?.[1];
    assert.ok(url, `a live link in ${text}`);
    assert.ok(url.startsWith(h.zhiban.consoleUrl!), 'at the console’s address');

    const admin = await WebUser.signIn(h.url, 'admin');
    const file = await fetch(url, { headers: { cookie: admin.cookie } });
    assert.equal(file.status, 200);
    const rows = Buffer.from(await file.arrayBuffer())
      .subarray(3)
      .toString('utf8')
      .trim()
      .split('\n');
    assert.equal(rows.length, 2);
    assert.match(rows[1]!, /,slack:UADMIN0001,分配角色,slack:UBOB000001,角色：—,角色：只读,,完成,Slack$/);
    const stranger = await fetch(url);
    assert.equal(stranger.status, 401, 'the link alone opens nothing');
  });
});
