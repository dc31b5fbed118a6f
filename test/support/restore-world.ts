// Restores on Slack in tests: the people (a requester, approvers, data operations), a backup to
// restore from, a request typed as a person types it, and clicks on its card's buttons.
import { cardValue } from '../../src/chat/card-value.js';
import type { RestoreRequest } from '../../models/restores/restore-request.js';
import { aBackup, sendBackups } from './backup-sender.js';
import { ADMIN_SLACK, type Harness } from './harness.js';
import { replyText, slackClick, slackCommand } from './slack-user.js';

export const APPROVALS_CHANNEL = 'CAPPROVE01';
export const REQUESTER = 'UREQUEST01';
export const DATAOPS = 'UDATAOPS01';
/** `approver(1)`, `approver(2)`, …: Slack user ids of people holding the approver role (see seedPeople). */
export const approver = (n: number) => `UAPPR${String(n).padStart(5, '0')}`;
export const BACKUP_CHECKSUM = 'sha256:9f2c1ab0';

/** Binds the approvals channel, gives the roles (`approvers` approvers), and reports e-pay's verified full backup. */
export async function restoreWorld(h: Harness, approvers = 3): Promise<void> {
  await slackCommand(h, 'channel set approvals', { userId: ADMIN_SLACK, channelId: APPROVALS_CHANNEL });
  await h.zhiban.models.UserProfile.insertMany([
    { _id: `slack:${REQUESTER}`, roles: ['support'] },
    { _id: `slack:${DATAOPS}`, roles: ['dataops'] },
    ...Array.from({ length: approvers }, (_, i) => ({ _id: `slack:${approver(i + 1)}`, roles: ['approver'] })),
  ]);
  await sendBackups(h, aBackup('e-pay', 'pay-full-1', new Date(Date.now() - 3_600_000), { checksum: BACKUP_CHECKSUM }));
}

/** Types `/restore request e-pay latest <reason>` as the requester; answers the new id. */
export async function requestRestore(h: Harness, text = 'e-pay latest 误删了昨天的缴费记录'): Promise<string> {
  const { reply } = await slackCommand(h, `request ${text}`, { command: '/restore', userId: REQUESTER });
  const id = /RST-\d+/.exec(replyText(reply))?.[0];
  if (!id) throw new Error(`no restore requested: ${replyText(reply).slice(0, 300)}`);
  return id;
}

/** The restore as stored. */
export async function restoreOf(h: Harness, id: string): Promise<RestoreRequest> {
  const found = await h.zhiban.models.RestoreRequest.findById(id).lean<RestoreRequest>();
  if (!found) throw new Error(`no restore ${id}`);
  return found;
}

/** Clicks `restore.<action>` on the card as it is now (its current version), as `userId`. */
export async function clickRestore(h: Harness, action: string, id: string, userId: string) {
  const restore = await restoreOf(h, id);
  return slackClick(h, `restore.${action}`, cardValue(id, restore.version), { userId, channelId: APPROVALS_CHANNEL });
}
