// A rotation set in chat, and swaps (issue 17, "Tests"): one accepted (the roster then names the
// other person for that shift), one declined (nothing changes), the asked person alone may answer,
// a second click is told it was decided; and the bad inputs of `/duty set` and `/duty override` —
// a rotation with no one in it, a person without the team's role, overlapping overrides — each
// refused with its reason, nothing changed.
import { strict as assert } from 'node:assert';
import { shiftAt } from '../../../src/domains/duty/rules/schedule.js';
import { Harness } from '../../support/harness.js';
import { MovedClock } from '../../support/moved-clock.js';
import { replyText, slackClick, slackCommand } from '../../support/slack-user.js';

const ZONE = 'Asia/Shanghai';
const START = new Date('2026-12-01T10:00:00+08:00');
const at = (local: string) => new Date(`${local}:00+08:00`);

describe('Duty rotation and swaps', function () {
  this.timeout(30_000);
  let clock: MovedClock;
  let h: Harness;
  const duty = async (text: string, userId: string) =>
    replyText((await slackCommand(h, text, { command: '/duty', userId })).reply);
  const primaryAt = async (local: string) => {
    const roster = await h.zhiban.models.DutyRoster.findById('sysops').lean();
    return shiftAt(roster!, at(local), ZONE)?.primary;
  };
  /** The swap card sent privately to `userId`, once it is there. */
  const swapCardFor = (userId: string, id: string) =>
    h.slack!.waitFor('chat.postMessage', {
      predicate: (c) => c.body.channel === userId && JSON.stringify(c.body).includes(`${id}~0`),
    });

  before(async function () {
    clock = MovedClock.install(START);
    h = await Harness.start({ label: 'duty-swaps', slack: true });
    await h.zhiban.models.UserProfile.insertMany([
      { _id: 'slack:USWA', roles: ['sysops'] },
      { _id: 'slack:USWB', roles: ['sysops'] },
      { _id: 'slack:USWC', roles: ['sysops'] },
      { _id: 'slack:USWPM', roles: ['pm'] },
    ]);
  });

  after(async function () {
    await h?.stop();
    clock?.restore();
  });

  it('refuses a rotation with no one in it, or with a person without the team’s role, and changes nothing', async function () {
    assert.match(await duty('set sysops every=1d from=2026-12-01', 'USWPM'), /「sysops」组的轮值里没有人/);
    assert.match(await duty('set sysops slack:USWA slack:USWPM', 'USWPM'), /slack:USWPM 没有「sysops」角色/);
    assert.match(await duty('set sysops slack:USWA', 'USWA'), /需要以下角色之一：管理员, 项目管理/);
    assert.equal(await h.zhiban.models.DutyRoster.countDocuments(), 0);
  });

  it('sets a daily rotation in chat and /duty now follows it', async function () {
    const said = await duty('set sysops slack:USWA slack:USWB slack:USWC every=1d from=2026-12-01', 'USWPM');
    assert.match(said, /已设置系统运维的轮值：slack:USWA, slack:USWB, slack:USWC，每班 1 天，自 2026-12-01 起/);
    assert.equal(await primaryAt('2026-12-02T10:00'), 'slack:USWB');
    assert.match(
      await duty('now', 'USWC'),
      /系统运维：主班 slack:USWA，副班 slack:USWB，至 2026-12-02 09:00；下一班 slack:USWB/,
    );
  });

  it('swaps a shift once the asked person accepts; only they may answer, and only once', async function () {
    assert.match(await duty('swap sysops 2026-12-03 slack:USWB', 'USWA'), /2026-12-03 的班是 slack:USWC 的/);
    const asked = await duty('swap sysops 2026-12-02 slack:USWA', 'USWB');
    const id = /SW-\d+/.exec(asked)![0];
    const card = await swapCardFor('USWA', id);
    assert.match(JSON.stringify(card.body), /duty\.swap_accept/);

    const stranger = await slackClick(h, 'duty.swap_accept', `${id}~0`, { userId: 'USWC' });
    assert.match(replyText(stranger.body), new RegExp(`${id} 是问 slack:USWA 的`));
    await slackClick(h, 'duty.swap_accept', `${id}~0`, { userId: 'USWA' });
    assert.equal(await primaryAt('2026-12-02T10:00'), 'slack:USWA', 'the swap is in the roster');
    assert.equal(await primaryAt('2026-12-03T10:00'), 'slack:USWC', 'the next shift is as it was');
    const again = await slackClick(h, 'duty.swap_decline', `${id}~0`, { userId: 'USWA' });
    assert.match(replyText(again.body), new RegExp(`${id} 已有结果`));
    await h.slack!.waitFor('chat.postMessage', {
      predicate: (c) => c.body.channel === 'USWB' && /已同意替 slack:USWB/.test(JSON.stringify(c.body)),
    });
  });

  it('leaves the roster as it was when the asked person declines', async function () {
    const asked = await duty('swap sysops 2026-12-03 slack:USWB', 'USWC');
    const id = /SW-\d+/.exec(asked)![0];
    await swapCardFor('USWB', id);
    await slackClick(h, 'duty.swap_decline', `${id}~0`, { userId: 'USWB' });
    assert.equal(await primaryAt('2026-12-03T10:00'), 'slack:USWC');
    const swap = await h.zhiban.models.DutySwap.findById(id).lean();
    assert.equal(swap?.state, 'declined');
    await h.slack!.waitFor('chat.postMessage', {
      predicate: (c) => c.body.channel === 'USWC' && /没有同意/.test(JSON.stringify(c.body)),
    });
  });

  it('refuses an override overlapping another, naming it, and keeps one that does not', async function () {
    const overlap = await duty('override sysops slack:USWC 2026-12-02T12:00 2026-12-02T18:00', 'USWPM');
    assert.match(overlap, /与已有的顶班重叠：slack:USWA/);
    const ok = await duty('override sysops slack:USWC 2026-12-04T09:00 2026-12-04T21:00', 'USWPM');
    assert.match(ok, /已安排 slack:USWC 在 2026-12-04T09:00 至 2026-12-04T21:00 顶系统运维的主班/);
    assert.equal(await primaryAt('2026-12-04T20:00'), 'slack:USWC');
    assert.equal(await primaryAt('2026-12-04T22:00'), 'slack:USWA');
    assert.equal((await h.zhiban.models.DutyRoster.findById('sysops').lean())?.overrides.length, 2);
  });
});
