// Helpers for survey tests on Slack: close an incident as people do, read what a person was told in
// their direct messages, click a survey's buttons there, and open a survey's page by its link.
import type { Survey } from '../../models/surveys/survey.js';
import type { StoredMessage } from './fake-slack.js';
import type { Harness } from './harness.js';
import { slackClick, slackCommand } from './slack-user.js';
import { waitUntil } from './wait-until.js';

/** Declares an incident as `reporter` and takes it to closed as `worker` (who needs an ops role). */
export async function closeIncident(h: Harness, reporter: string, worker: string, title = '电子证照签发失败') {
  const declared = await slackCommand(h, `declare P2 technical ${title}`, { command: '/incident', userId: reporter });
  const id = /INC-\d+/.exec(JSON.stringify(declared.reply))?.[0];
  if (!id) throw new Error(`no incident declared: ${JSON.stringify(declared.reply).slice(0, 200)}`);
  await slackCommand(h, `resolve ${id} 重启签发服务`, { command: '/incident', userId: worker });
  await slackCommand(h, `summary ${id} 证书过期 | 更新证书 | 加证书到期监控`, { command: '/incident', userId: worker });
  return id;
}

/** The messages in the app's direct conversation with `userId`, as they are now (edits applied). */
export function slackDirect(h: Harness, userId: string): StoredMessage[] {
  const channel = h.slack!.directChannelOf(userId);
  return channel ? h.slack!.messagesIn(channel) : [];
}

/** Everything a person reads in a stored Slack message, as one string. */
export function slackText(message: { text?: unknown; attachments?: unknown }): string {
  return JSON.stringify([message.text, message.attachments]);
}

/** Waits until `userId`'s direct messages hold `count` messages and returns them. */
export function slackDirectOnce(h: Harness, userId: string, count: number): Promise<StoredMessage[]> {
  return waitUntil(async () => {
    const messages = slackDirect(h, userId);
    return messages.length >= count ? messages : undefined;
  }, `${count} direct messages to ${userId}`);
}

/** The surveys sent to `person`, oldest first. */
export async function surveysOf(h: Harness, person: string): Promise<Survey[]> {
  return h.zhiban.models.Survey.find({ person }).sort({ sentAt: 1 }).lean<Survey[]>();
}

/** A click on a survey button in `userId`'s direct conversation; resolves with the response_url answer. */
export function clickInDirect(h: Harness, userId: string, actionId: string, value: string, clicker = userId) {
  const channelId = h.slack!.directChannelOf(userId) ?? `D-${userId}`;
  return slackClick(h, actionId, value, { userId: clicker, channelId });
}

/** The link to the survey's page shown in the latest message that has one. */
export function linkIn(messages: StoredMessage[]): string {
  const links = messages.flatMap((m) => [...slackText(m).matchAll(/https?:\/\/[^\s|>"\\]+\/s\/[A-Za-z0-9_-]{43}/g)]);
  const last = links.at(-1)?.[0];
  if (!last) throw new Error('no survey link in the messages');
  return last;
}
