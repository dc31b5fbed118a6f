// A person typing into Slack: signed requests to Zhiban, answers read from the fake Slack.
import type { RecordedCall } from './fake-slack.js';
import type { Harness } from './harness.js';
import { SLACK_SECRET } from './harness.js';
import { blockAction, slashCommand, type SendOptions, type SendResult } from './slack-signer.js';

export interface SlackTyping {
  userId?: string;
  channelId?: string;
  channelName?: string;
  command?: string;
  send?: SendOptions;
}

export interface SlackAnswer {
  http: SendResult;
  /** What Zhiban posted to the response_url. */
  reply: Record<string, unknown>;
}

let seq = 0;

export async function slackCommand(h: Harness, text: string, typing: SlackTyping = {}): Promise<SlackAnswer> {
  const http = await sendCommand(h, text, typing);
  if (http.status !== 200) throw new Error(`Slack command answered HTTP ${http.status}: ${http.body}`);
  const reply = await h.slack!.waitFor('response', { predicate: (c) => c.path.endsWith(`/${http.responseId}`) });
  return { http, reply: reply.body };
}

/** Sends without waiting for an answer, for refusals that must change nothing. */
export async function sendCommand(
  h: Harness,
  text: string,
  typing: SlackTyping = {},
): Promise<SendResult & { responseId: string }> {
  const responseId = `cmd${++seq}`;
  const result = await slashCommand(
    h.url,
    SLACK_SECRET,
    {
      command: typing.command ?? '/ops',
      text,
      userId: typing.userId ?? 'UUSER0001',
      channelId: typing.channelId ?? 'CALERTS01',
      channelName: typing.channelName ?? 'ops-alerts',
      responseUrl: h.slack!.responseUrl(responseId),
    },
    typing.send,
  );
  return { ...result, responseId };
}

export async function slackClick(
  h: Harness,
  actionId: string,
  value: string,
  typing: SlackTyping = {},
): Promise<RecordedCall> {
  const responseId = `act${++seq}`;
  const http = await blockAction(h.url, SLACK_SECRET, {
    actionId,
    value,
    userId: typing.userId ?? 'UUSER0001',
    channelId: typing.channelId ?? 'CALERTS01',
    messageTs: '1700000000.000100',
    responseUrl: h.slack!.responseUrl(responseId),
  });
  if (http.status !== 200) throw new Error(`Slack click answered HTTP ${http.status}`);
  return h.slack!.waitFor('response', { predicate: (c) => c.path.endsWith(`/${responseId}`) });
}

/** The header of the first card in a Slack reply. */
export function cardTitle(reply: Record<string, unknown>): string {
  const attachments = reply.attachments as Array<{ blocks: Array<{ type: string; text?: { text: string } }> }>;
  return attachments?.[0]?.blocks.find((b) => b.type === 'header')?.text?.text ?? '';
}

/** Everything a person would read in a Slack reply, as one string. */
export function replyText(reply: Record<string, unknown>): string {
  return JSON.stringify(reply);
}
