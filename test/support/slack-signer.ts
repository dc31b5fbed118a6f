// Builds and sends the signed HTTP requests Slack itself would send, so tests
// exercise Bolt's real signature check and body parsing rather than bypassing them.
import { createHmac } from 'node:crypto';

const FORM = 'application/x-www-form-urlencoded';
const JSON_TYPE = 'application/json';

export interface SignedHeaders {
  'x-slack-signature': string;
  'x-slack-request-timestamp': string;
  'content-type': string;
}

export interface SendOptions {
  /** Unix seconds; pass e.g. now - 360 to exercise Bolt's 5-minute replay window. */
  timestamp?: number;
  /** Sign with the wrong secret, so the signature is well-formed but does not match. */
  badSignature?: boolean;
  retryNum?: number;
  /** Defaults to 'http_timeout' whenever retryNum is set. */
  retryReason?: string;
  /** Default '/slack/events'. */
  path?: string;
  headers?: Record<string, string>;
}

export interface SendResult {
  status: number;
  body: string;
  /** Parsed body when it is JSON, otherwise undefined. */
  json: unknown;
  headers: Headers;
  elapsedMs: number;
}

export interface Actor {
  userId: string;
  userName?: string;
  teamId?: string;
}

export interface SlashCommandArgs extends Actor {
  command: string;
  text: string;
  channelId: string;
  channelName?: string;
  responseUrl: string;
  triggerId?: string;
}

export interface BlockActionArgs extends Actor {
  actionId: string;
  value: string;
  channelId: string;
  messageTs: string;
  responseUrl: string;
  triggerId?: string;
  blockId?: string;
  messageText?: string;
  messageBlocks?: unknown[];
}

export type ViewStateValues = Record<
  string,
  Record<string, { type: string; value?: string | null; [k: string]: unknown }>
>;

export interface ViewSubmissionArgs extends Actor {
  callbackId: string;
  privateMetadata?: string;
  values: ViewStateValues;
  viewId?: string;
  triggerId?: string;
}

export interface EventCallbackOptions extends SendOptions {
  teamId?: string;
  eventId?: string;
  /** The bot user the event is delivered to; Bolt uses it for ignoreSelf. */
  botUserId?: string;
}

const DEFAULT_TEAM = 'T0TEAM001';
const APP_ID = 'A0ZHIBAN1';
// Matches FakeSlack's default auth.test identity.
const BOT_USER = 'U0BOT0001';
// Slack still sends the deprecated verification token; Bolt ignores it.
const VERIFICATION_TOKEN = 'verification-token';

const nowSeconds = (): number => Math.floor(Date.now() / 1000);
let counter = 0;
const uniq = (): string => `${Date.now()}${String(++counter).padStart(4, '0')}`;
const triggerId = (): string => `${uniq()}.1234567890.abcdef0123456789`;

export function signSlackRequest(
  signingSecret: string,
  rawBody: string,
  timestampSeconds: number = nowSeconds(),
  contentType: string = FORM,
): SignedHeaders {
  const hmac = createHmac('sha256', signingSecret).update(`v0:${timestampSeconds}:${rawBody}`).digest('hex');
  return {
    'x-slack-signature': `v0=${hmac}`,
    'x-slack-request-timestamp': String(timestampSeconds),
    'content-type': contentType,
  };
}

/**
 * POSTs `rawBody` byte-for-byte. It must stay a string: a URLSearchParams body makes fetch send
 * `...;charset=UTF-8`, and Bolt only parses the exact `application/x-www-form-urlencoded` as a form.
 */
export async function sendSigned(
  baseUrl: string,
  signingSecret: string,
  rawBody: string,
  contentType: string,
  opts: SendOptions = {},
): Promise<SendResult> {
  const secret = opts.badSignature ? `${signingSecret}-wrong` : signingSecret;
  const headers: Record<string, string> = {
    ...signSlackRequest(secret, rawBody, opts.timestamp, contentType),
    ...opts.headers,
  };
  if (opts.retryNum !== undefined) {
    headers['x-slack-retry-num'] = String(opts.retryNum);
    headers['x-slack-retry-reason'] = opts.retryReason ?? 'http_timeout';
  } else if (opts.retryReason !== undefined) {
    headers['x-slack-retry-reason'] = opts.retryReason;
  }
  const started = performance.now();
  const res = await fetch(new URL(opts.path ?? '/slack/events', baseUrl), { method: 'POST', headers, body: rawBody });
  const body = await res.text();
  const elapsedMs = performance.now() - started;
  let json: unknown;
  if (res.headers.get('content-type')?.includes('json')) {
    try {
      json = JSON.parse(body);
    } catch {
      json = undefined;
    }
  }
  return { status: res.status, body, json, headers: res.headers, elapsedMs };
}

function user(a: Actor): Record<string, unknown> {
  const name = a.userName ?? a.userId.toLowerCase();
  return { id: a.userId, username: name, name, team_id: a.teamId ?? DEFAULT_TEAM };
}

function team(a: Actor): Record<string, unknown> {
  const id = a.teamId ?? DEFAULT_TEAM;
  return { id, domain: id.toLowerCase() };
}

function sendPayload(baseUrl: string, secret: string, payload: unknown, opts?: SendOptions): Promise<SendResult> {
  return sendSigned(baseUrl, secret, `payload=${encodeURIComponent(JSON.stringify(payload))}`, FORM, opts);
}

/** The shape shared by the senders below: Bolt's origin (e.g. http://127.0.0.1:PORT), its signing secret, the content. */
export type Sender<A, O = SendOptions> = (baseUrl: string, secret: string, args: A, opts?: O) => Promise<SendResult>;

/**
 * The fields Slack sends for a slash command: as a form over HTTP, as a JSON object (the same
 * strings) in a Socket Mode `slash_commands` envelope.
 */
export function slashCommandFields(args: SlashCommandArgs): Record<string, string> {
  const teamId = args.teamId ?? DEFAULT_TEAM;
  return {
    token: VERIFICATION_TOKEN,
    team_id: teamId,
    team_domain: teamId.toLowerCase(),
    channel_id: args.channelId,
    channel_name: args.channelName ?? args.channelId.toLowerCase(),
    user_id: args.userId,
    user_name: args.userName ?? args.userId.toLowerCase(),
    command: args.command,
    text: args.text,
    api_app_id: APP_ID,
    is_enterprise_install: 'false',
    response_url: args.responseUrl,
    trigger_id: args.triggerId ?? triggerId(),
  };
}

export const slashCommand: Sender<SlashCommandArgs> = (baseUrl, secret, args, opts) =>
  sendSigned(baseUrl, secret, new URLSearchParams(slashCommandFields(args)).toString(), FORM, opts);

/** A `block_actions` payload: the form's `payload` over HTTP, an `interactive` envelope's over Socket Mode. */
export function blockActionPayload(args: BlockActionArgs): Record<string, unknown> {
  const blockId = args.blockId ?? 'zhiban_actions';
  const text = { type: 'plain_text', text: args.actionId };
  const button = { type: 'button', action_id: args.actionId, value: args.value, text };
  const blocks = args.messageBlocks ?? [{ type: 'actions', block_id: blockId, elements: [button] }];
  const actionTs = `${nowSeconds()}.${String(++counter % 1e6).padStart(6, '0')}`;
  return {
    type: 'block_actions',
    user: user(args),
    api_app_id: APP_ID,
    token: VERIFICATION_TOKEN,
    container: { type: 'message', message_ts: args.messageTs, channel_id: args.channelId, is_ephemeral: false },
    trigger_id: args.triggerId ?? triggerId(),
    team: team(args),
    enterprise: null,
    is_enterprise_install: false,
    channel: { id: args.channelId, name: args.channelId.toLowerCase() },
    message: { type: 'message', user: BOT_USER, ts: args.messageTs, text: args.messageText ?? '', blocks },
    state: { values: {} },
    response_url: args.responseUrl,
    actions: [{ ...button, block_id: blockId, action_ts: actionTs }],
  };
}

export const blockAction: Sender<BlockActionArgs> = (baseUrl, secret, args, opts) =>
  sendPayload(baseUrl, secret, blockActionPayload(args), opts);

/** A `view_submission` payload: the form's `payload` over HTTP, an `interactive` envelope's over Socket Mode. */
export function viewSubmissionPayload(args: ViewSubmissionArgs): Record<string, unknown> {
  const viewId = args.viewId ?? `V${uniq().slice(-8)}`;
  const teamId = args.teamId ?? DEFAULT_TEAM;
  const view = {
    id: viewId,
    team_id: teamId,
    type: 'modal',
    blocks: [],
    private_metadata: args.privateMetadata ?? '',
    callback_id: args.callbackId,
    state: { values: args.values },
    hash: `${nowSeconds()}.abcdef`,
    title: { type: 'plain_text', text: 'Zhiban' },
    submit: { type: 'plain_text', text: 'Submit' },
    close: null,
    clear_on_close: false,
    notify_on_close: false,
    previous_view_id: null,
    root_view_id: viewId,
    app_id: APP_ID,
    external_id: '',
    app_installed_team_id: teamId,
    bot_id: 'B0BOT0001',
  };
  return {
    type: 'view_submission',
    team: team(args),
    user: user(args),
    api_app_id: APP_ID,
    token: VERIFICATION_TOKEN,
    trigger_id: args.triggerId ?? triggerId(),
    view,
    response_urls: [],
    is_enterprise_install: false,
    enterprise: null,
  };
}

export const viewSubmission: Sender<ViewSubmissionArgs> = (baseUrl, secret, args, opts) =>
  sendPayload(baseUrl, secret, viewSubmissionPayload(args), opts);

/** Wraps `event` in an Events API `event_callback` envelope and sends it as JSON. */
export const eventCallback: Sender<Record<string, unknown>, EventCallbackOptions> = (baseUrl, secret, event, opts) => {
  const team_id = opts?.teamId ?? DEFAULT_TEAM;
  const user_id = opts?.botUserId ?? BOT_USER;
  const envelope = {
    token: VERIFICATION_TOKEN,
    team_id,
    api_app_id: APP_ID,
    event: { event_ts: `${nowSeconds()}.000100`, ...event },
    type: 'event_callback',
    event_id: opts?.eventId ?? `Ev${uniq()}`,
    event_time: nowSeconds(),
    authorizations: [{ enterprise_id: null, team_id, user_id, is_bot: true, is_enterprise_install: false }],
    is_ext_shared_channel: false,
  };
  return sendSigned(baseUrl, secret, JSON.stringify(envelope), JSON_TYPE, opts);
};

export const urlVerification: Sender<string> = (baseUrl, secret, challenge, opts) => {
  const body = JSON.stringify({ token: VERIFICATION_TOKEN, challenge, type: 'url_verification' });
  return sendSigned(baseUrl, secret, body, JSON_TYPE, opts);
};
