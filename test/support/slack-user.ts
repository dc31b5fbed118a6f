// A person typing into Slack: signed requests to Zhiban, answers read from the fake Slack.
import type { RecordedCall } from './fake-slack.js';
import type { Harness } from './harness.js';
import { SLACK_SECRET } from './harness.js';
import { blockAction, slashCommand, viewSubmission, type SendOptions, type SendResult } from './slack-signer.js';

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
  return { http, reply: await answerOf(h, http) };
}

/** A quick answer rides in the acknowledgement's body; a slow one comes to response_url. */
export async function answerOf(
  h: Harness,
  http: SendResult & { responseId: string },
): Promise<Record<string, unknown>> {
  if (http.json && typeof http.json === 'object' && Object.keys(http.json).length > 0) {
    return http.json as Record<string, unknown>;
  }
  const reply = await h.slack!.waitFor('response', { predicate: (c) => c.path.endsWith(`/${http.responseId}`) });
  return reply.body;
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

/** A click whose answer is a form (views.open), not a message: returns once Slack has its 200. */
export async function slackClickOpeningForm(h: Harness, actionId: string, value: string, userId = 'UUSER0001') {
  const opened = h.slack!.callsTo('views.open').length;
  const http = await blockAction(h.url, SLACK_SECRET, {
    actionId,
    value,
    userId,
    channelId: 'CALERTS01',
    messageTs: '1700000000.000100',
    responseUrl: h.slack!.responseUrl(),
  });
  if (http.status !== 200) throw new Error(`Slack click answered HTTP ${http.status}`);
  return h.slack!.waitFor('views.open', { count: opened + 1 });
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

/** Submits the modal Zhiban last opened with views.open, filled with `values`. */
export async function submitLastModal(h: Harness, values: Record<string, string>, userId = 'UUSER0001') {
  const opened = h.slack!.callsTo('views.open').at(-1);
  if (!opened) throw new Error('no modal was opened');
  const view = opened.body.view as { callback_id: string; private_metadata: string };
  const state = Object.fromEntries(
    Object.entries(values).map(([block, value]) => [block, { value: { type: 'plain_text_input', value } }]),
  );
  const http = await viewSubmission(h.url, SLACK_SECRET, {
    callbackId: view.callback_id,
    privateMetadata: view.private_metadata,
    userId,
    values: state,
  });
  if (http.status !== 200) throw new Error(`view submission answered HTTP ${http.status}`);
  return view;
}
