// How the Slack driver's requests reach Zhiban: signed HTTP to /slack/events (the Request URL), or
// envelopes down the fake's Socket Mode websocket, acknowledged back up it. Everything after the
// acknowledgement (response_url, views.open, chat.postMessage) is the same Web API either way.
import { SLACK_SECRET, type Harness } from '../../support/harness.js';
import {
  blockAction,
  blockActionPayload,
  slashCommand,
  slashCommandFields,
  viewSubmission,
  viewSubmissionPayload,
  type BlockActionArgs,
  type SlashCommandArgs,
  type ViewSubmissionArgs,
} from '../../support/slack-signer.js';

export interface SlackTransport {
  /** Sends a slash command; resolves with what its acknowledgement carried (`{}` when nothing). */
  command(h: Harness, args: SlashCommandArgs): Promise<Record<string, unknown>>;
  /** Sends a button click; resolves once Slack has its acknowledgement. */
  action(h: Harness, args: BlockActionArgs): Promise<void>;
  /** Sends a form's submission; resolves once Slack has its acknowledgement. */
  submission(h: Harness, args: ViewSubmissionArgs): Promise<void>;
}

/** Slack's Request URL: each request signed with the signing secret, acknowledged in the HTTP answer. */
export const overHttp: SlackTransport = {
  async command(h, args) {
    const http = await slashCommand(h.url, SLACK_SECRET, args);
    if (http.status !== 200) throw new Error(`Slack command answered HTTP ${http.status}: ${http.body}`);
    const inAck = http.json;
    return inAck && typeof inAck === 'object' ? (inAck as Record<string, unknown>) : {};
  },
  async action(h, args) {
    const http = await blockAction(h.url, SLACK_SECRET, args);
    if (http.status !== 200) throw new Error(`Slack click answered HTTP ${http.status}`);
  },
  async submission(h, args) {
    const http = await viewSubmission(h.url, SLACK_SECRET, args);
    if (http.status !== 200) throw new Error(`view submission answered HTTP ${http.status}`);
  },
};

/**
 * Socket Mode: `slash_commands` and `interactive` envelopes (accepts_response_payload true, as Slack
 * sends them), acknowledged with `{envelope_id, payload?}`. A socket being re-opened (after Slack
 * dropped it, or after the test moved the clock, which @slack/socket-mode's pong check reads as a
 * dead socket) is waited for first: the person would try again once Zhiban is back.
 */
export const overSocket: SlackTransport = {
  async command(h, args) {
    const socket = h.slack!.socketMode;
    await socket.waitForConnected();
    const ack = await socket.send('slash_commands', slashCommandFields(args));
    return ack.payload ?? {};
  },
  async action(h, args) {
    const socket = h.slack!.socketMode;
    await socket.waitForConnected();
    await socket.send('interactive', blockActionPayload(args));
  },
  async submission(h, args) {
    const socket = h.slack!.socketMode;
    await socket.waitForConnected();
    await socket.send('interactive', viewSubmissionPayload(args));
  },
};
