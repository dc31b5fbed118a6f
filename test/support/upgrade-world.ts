// A Zhiban with upgrades to test on Slack: its people (sysops, two pms, a viewer), the channels
// their cards go to, and typing a window the way a person does (`2026-12-03T14:00`, in TIMEZONE).
import type { Upgrade } from '../../models/upgrades/upgrade.js';
import { formatTime } from '../../src/chat/time.js';
import { ADMIN_SLACK, type Harness } from './harness.js';
import { slackCommand } from './slack-user.js';

export const SYSOPS = 'USYSOPS001';
export const PM = 'UPMANAGER1';
export const PM_TWO = 'UPMANAGER2';
export const VIEWER = 'UVIEWER001';
export const ANNOUNCEMENTS_CHANNEL = 'CANNOUNCE1';
export const APPROVALS_CHANNEL = 'CAPPROVAL1';
export const ALERTS_CHANNEL = 'CALERTS001';
export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;

/** `2026-12-03T14:00` in Asia/Shanghai, the harness's TIMEZONE. */
export function typed(at: Date): string {
  return formatTime(at, 'Asia/Shanghai').replace(' ', 'T');
}

/** On the whole hour `hours` from `now`. */
export function hoursAhead(now: Date, hours: number): Date {
  return new Date(Math.ceil(now.getTime() / HOUR) * HOUR + hours * HOUR);
}

export async function upgradeWorld(h: Harness): Promise<void> {
  await h.zhiban.models.UserProfile.insertMany([
    { _id: `slack:${SYSOPS}`, roles: ['sysops'] },
    { _id: `slack:${PM}`, roles: ['pm'] },
    { _id: `slack:${PM_TWO}`, roles: ['pm'] },
    { _id: `slack:${VIEWER}`, roles: ['viewer'] },
  ]);
  for (const [kind, channelId] of [
    ['announcements', ANNOUNCEMENTS_CHANNEL],
    ['approvals', APPROVALS_CHANNEL],
    ['alerts', ALERTS_CHANNEL],
  ] as const) {
    await slackCommand(h, `channel set ${kind}`, { userId: ADMIN_SLACK, channelId });
  }
}

/** Types `/upgrade announce …` as `userId`; answers the upgrade it made. */
export async function announceUpgrade(h: Harness, text: string, userId = SYSOPS): Promise<Upgrade> {
  const { reply } = await slackCommand(h, `announce ${text}`, { command: '/upgrade', userId });
  const id = /UPG-\d+/.exec(JSON.stringify(reply))?.[0];
  if (!id) throw new Error(`no upgrade announced: ${JSON.stringify(reply).slice(0, 300)}`);
  return upgradeOf(h, id);
}

export async function upgradeOf(h: Harness, id: string): Promise<Upgrade> {
  const found = await h.zhiban.models.Upgrade.findById(id).lean<Upgrade>();
  if (!found) throw new Error(`no upgrade ${id}`);
  return found;
}
