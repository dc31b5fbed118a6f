// `npm run chaos`, the database faults: the database stops answering for 20 s (a stall: its process
// SIGSTOPped, then SIGCONT), or is gone for 30 s (issue 18's scenario 3, an outage: its process
// SIGKILLed, so its port refuses, then started again on the same data and port), under a steady
// trickle of webhooks, readiness checks and Slack commands; the time until each surface is back is
// measured, and whether the Zhiban process lived through it without an unhandled rejection.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { MongoClient } from 'mongodb';
import { startEmbeddedEngine, type EngineHandle } from '../src/db/embedded-engine.js';
import { countChat, type ChatCount } from '../test/support/chat-count.js';
import { stormAlert } from '../test/support/crash-storm.js';
import { FakeSlack } from '../test/support/fake-slack.js';
import { WEBHOOK_TOKEN } from '../test/support/harness.js';
import { slashCommand } from '../test/support/slack-signer.js';
import { waitUntil } from '../test/support/wait-until.js';
import { ZhibanProcess } from '../test/support/zhiban-child.js';
import type { ChaosRow } from './chaos-table.js';

export type DatabaseFault = 'stall' | 'outage';
export const STALL_MS = 20_000;
export const OUTAGE_MS = 30_000;
const FAULT_MS: Record<DatabaseFault, number> = { stall: STALL_MS, outage: OUTAGE_MS };
const EVERY_MS = 500;
const BATCH = 10;
const SECRET = 'chaos-signing-secret';
const ADMIN = 'UCHAOSADMIN';
const CHANNEL = 'CCHAOSALERTS';
const UNAVAILABLE = '暂时无法处理';

interface Probe {
  status: number;
  ms: number;
  /** For a command: whether it said "temporarily unavailable". */
  saidUnavailable?: boolean;
  retryAfter?: string | null;
}

export interface StallResult {
  fault: DatabaseFault;
  /** From the fault until the database answered again (an outage: the engine's start-up included). */
  downMs: number;
  webhooks: Probe[];
  readyz: Probe[];
  healthz: Probe[];
  commands: Probe[];
  /** From the SIGCONT until each surface is back. */
  recovery: { readyMs: number; webhookMs: number; commandMs: number; cardMs: number };
  refusedAlerts: number;
  storedAfterResend: number;
  /** Alerts sent in all (during the fault, and each refused batch again after it); answered 202 in the end. */
  sentAlerts: number;
  acceptedAlerts: number;
  /** Of every alert sent, those stored. */
  storedAlerts: number;
  chat: ChatCount;
  /** Whether the Zhiban process was still running at the end, and what of its log names an unhandled rejection or exception. */
  exited: boolean;
  unhandled: string[];
}

async function timed<T>(call: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const started = performance.now();
  const value = await call();
  return { value, ms: performance.now() - started };
}

/** The person's `/alert list`, answered in the acknowledgement or (if slow) through response_url. */
async function alertList(url: string, slack: FakeSlack, id: string): Promise<{ status: number; text: string }> {
  const http = await slashCommand(url, SECRET, {
    command: '/alert',
    text: 'list',
    userId: 'UCHAOSUSER',
    channelId: CHANNEL,
    responseUrl: slack.responseUrl(id),
  });
  if (http.json && typeof http.json === 'object' && Object.keys(http.json).length > 0) {
    return { status: http.status, text: JSON.stringify(http.json) };
  }
  const reply = await slack.waitFor('response', { predicate: (c) => c.path.endsWith(`/${id}`), timeoutMs: 60_000 });
  return { status: http.status, text: JSON.stringify(reply.body) };
}

function postBatch(url: string, alerts: unknown[]) {
  return fetch(`${url}/webhooks/alerts`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${WEBHOOK_TOKEN}` },
    body: JSON.stringify(alerts),
  });
}

/** Polls `check` every 100 ms until it holds; answers the milliseconds since `from`. */
async function until(from: number, check: () => Promise<boolean>): Promise<number> {
  while (!(await check().catch(() => false))) await new Promise((resolve) => setTimeout(resolve, 100));
  return performance.now() - from;
}

async function answersPing(uri: string): Promise<void> {
  const client = new MongoClient(uri, { serverSelectionTimeoutMS: 30_000 });
  try {
    await client.db().admin().ping();
  } finally {
    await client.close();
  }
}

export async function chaosStall(fault: DatabaseFault = 'stall'): Promise<StallResult> {
  const FAULT = FAULT_MS[fault];
  const dataDir = await mkdtemp(join(tmpdir(), `zhiban-chaos-${fault}-`));
  const engineOn = (port = 0) =>
    startEmbeddedEngine({ dataDir, storage: 'file', port, startTimeoutMs: 120_000, log: () => undefined });
  let engine: EngineHandle = await engineOn();
  const port = Number(new URL(engine.uri).port);
  const slack = await FakeSlack.start();
  let zhiban: ZhibanProcess | undefined;
  let stalled = false;
  try {
    zhiban = await ZhibanProcess.start({
      dataDir,
      startTimeoutMs: 60_000,
      env: {
        MONGODB_URI: engine.uri,
        SLACK_BOT_TOKEN: 'xoxb-chaos',
        SLACK_SIGNING_SECRET: SECRET,
        SLACK_API_URL: slack.apiUrl,
        ADMIN_USERS: `slack:${ADMIN}`,
        ALERT_GROUP_WAIT: '1s',
        ALERT_GROUP_INTERVAL: '2s',
      },
    });
    const url = zhiban.url;
    await zhiban.ready(60_000);
    await slashCommand(url, SECRET, {
      command: '/ops',
      text: 'channel set alerts',
      userId: ADMIN,
      channelId: CHANNEL,
      responseUrl: slack.responseUrl(),
    });

    const plan = { prefix: 'stall', groups: 5 };
    const pending: Array<Promise<void>> = [];
    const result: StallResult = {
      fault,
      downMs: 0,
      sentAlerts: 0,
      acceptedAlerts: 0,
      storedAlerts: 0,
      chat: { wished: 0, sent: 0, edited: 0, duplicates: 0, lost: 0, unsettled: 0, lostOnes: [] },
      exited: false,
      unhandled: [],
      webhooks: [],
      readyz: [],
      healthz: [],
      commands: [],
      recovery: { readyMs: 0, webhookMs: 0, commandMs: 0, cardMs: 0 },
      refusedAlerts: 0,
      storedAfterResend: 0,
    };
    const refused: unknown[][] = [];
    const sentIds: string[] = [];
    const acceptedIds = new Set<string>();
    const idsOf = (batch: unknown[]) => batch.map((a) => (a as { fingerprint: string }).fingerprint);
    let tick = 0;
    const fire = () => {
      const i = tick++;
      const batch = Array.from({ length: BATCH }, (_, k) => stormAlert(plan, i * BATCH + k));
      sentIds.push(...batch.map((a) => a.fingerprint));
      pending.push(
        timed(() => postBatch(url, batch)).then(({ value, ms }) => {
          result.webhooks.push({ status: value.status, ms, retryAfter: value.headers.get('retry-after') });
          if (value.status !== 202) refused.push(batch);
          else for (const id of idsOf(batch)) acceptedIds.add(id);
        }),
        timed(() => fetch(`${url}/readyz`)).then(
          ({ value, ms }) => void result.readyz.push({ status: value.status, ms }),
        ),
        timed(() => fetch(`${url}/healthz`)).then(
          ({ value, ms }) => void result.healthz.push({ status: value.status, ms }),
        ),
        timed(() => alertList(url, slack, `stall-${i}`)).then(({ value, ms }) => {
          result.commands.push({ status: value.status, ms, saidUnavailable: value.text.includes(UNAVAILABLE) });
        }),
      );
    };

    if (fault === 'stall') {
      process.kill(engine.pid, 'SIGSTOP');
      stalled = true;
    } else process.kill(engine.pid, 'SIGKILL');
    const stalledAt = performance.now();
    fire();
    const ticker = setInterval(fire, EVERY_MS);
    // The last requests go out a second before the end, so that every answer counted is one given during the fault.
    await new Promise((resolve) => setTimeout(resolve, FAULT - 1000 - (performance.now() - stalledAt)));
    clearInterval(ticker);
    await new Promise((resolve) => setTimeout(resolve, FAULT - (performance.now() - stalledAt)));
    if (fault === 'stall') {
      process.kill(engine.pid, 'SIGCONT');
      stalled = false;
    } else {
      // The same data and port, as a restarted database server would be; "back" once it answers.
      engine = await engineOn(port);
      await answersPing(engine.uri);
    }
    const resumedAt = performance.now();
    result.downMs = resumedAt - stalledAt;

    const postsBefore = slack.callsTo('chat.postMessage').length;
    // The sender sends again what was refused, until each batch is taken; timed to the first 202.
    const resend = async () => {
      let first = 0;
      for (const batch of refused) {
        const ms = await until(resumedAt, async () => (await postBatch(url, batch)).status === 202);
        for (const id of idsOf(batch)) acceptedIds.add(id);
        first ||= ms;
      }
      return first;
    };
    await Promise.all(pending);
    const [readyMs, commandMs, webhookMs, cardMs] = await Promise.all([
      until(resumedAt, async () => (await fetch(`${url}/readyz`)).status === 200),
      until(
        resumedAt,
        async () => !(await alertList(url, slack, `after-${performance.now()}`)).text.includes(UNAVAILABLE),
      ),
      resend(),
      until(resumedAt, async () =>
        slack
          .callsTo('chat.postMessage')
          .slice(postsBefore)
          .some((c) => c.body.channel === CHANNEL),
      ),
    ]);
    result.recovery = { readyMs, webhookMs, commandMs, cardMs };
    result.refusedAlerts = refused.length * BATCH;
    result.sentAlerts = sentIds.length + result.refusedAlerts;
    result.acceptedAlerts = acceptedIds.size;

    const client = await MongoClient.connect(engine.uri);
    try {
      const alerts = client.db().collection<{ _id: string }>('alerts');
      result.storedAfterResend = await alerts.countDocuments({ _id: { $in: idsOf(refused.flat()) } });
      result.storedAlerts = await alerts.countDocuments({ _id: { $in: [...acceptedIds] } });
    } finally {
      await client.close();
    }
    // Everything the outbox had to say, said once it could: the cards of every group.
    result.chat = await waitUntil(
      async () => {
        const c = await countChat(engine.uri, slack, [CHANNEL]);
        return c.unsettled === 0 && c;
      },
      'the outbox to say everything',
      { timeoutMs: 300_000, everyMs: 500 },
    );
    result.exited = zhiban.exited;
    result.unhandled = zhiban.stderr
      .split('\n')
      .filter((line) => /unhandled|uncaught/i.test(line))
      .slice(0, 5);
    return result;
  } finally {
    if (stalled) process.kill(engine.pid, 'SIGCONT');
    await zhiban?.stop().catch(() => zhiban?.killGroup());
    await slack.stop();
    await engine.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

function row(surface: string, probes: Probe[], answer: string, limit: string): string {
  const slowest = Math.max(...probes.map((p) => p.ms));
  return `| ${surface} | ${probes.length} | ${answer} | ${(slowest / 1000).toFixed(2)} s | ${limit} |`;
}

function statuses(probes: Probe[]): string {
  const counts = new Map<number, number>();
  for (const p of probes) counts.set(p.status, (counts.get(p.status) ?? 0) + 1);
  return [...counts].map(([status, n]) => `${status} ×${n}`).join(', ');
}

/** The fault's row of the chaos table; its recovery time is the slowest surface's return. */
export function stallRow(r: StallResult): ChaosRow {
  const { readyMs, webhookMs, commandMs, cardMs } = r.recovery;
  return {
    scenario:
      r.fault === 'outage' ? `3. database outage of ${OUTAGE_MS / 1000} s` : `database stall of ${STALL_MS / 1000} s`,
    sent: r.sentAlerts,
    accepted: r.acceptedAlerts,
    stored: r.storedAlerts,
    sentToChat: r.chat.sent + r.chat.edited,
    duplicates: r.chat.duplicates,
    lost: r.acceptedAlerts - r.storedAlerts + r.chat.lost,
    broken: [...(r.exited ? ['the Zhiban process exited'] : []), ...r.unhandled],
    recoveryMs: Math.max(readyMs, webhookMs, commandMs, cardMs),
    recoveryWhat: `from the database answering again until every surface works (${r.fault})`,
  };
}

export function stallSection(r: StallResult): string {
  const withRetry = r.webhooks.filter((p) => p.status === 503 && p.retryAfter === '5').length;
  const unavailable = r.commands.filter((p) => p.saidUnavailable).length;
  const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  const outage = r.fault === 'outage';
  const faultS = (outage ? OUTAGE_MS : STALL_MS) / 1000;
  const how = outage
    ? `killed with SIGKILL (its port refusing), and after ${faultS} s started again on the same data and port; it answered again ${s(r.downMs)} after the kill (the engine's start-up included)`
    : `stopped with SIGSTOP for ${faultS} s, then resumed with SIGCONT`;
  const back = outage ? 'After the database answered again' : 'After the SIGCONT';
  return `### ${outage ? `3. A ${faultS} s database outage` : `A ${faultS} s database stall`}

Zhiban in its own process against an engine of its own (file storage); the engine's process
${how}. During the fault (up to 1 s before its end), every ${EVERY_MS} ms: a batch of
${BATCH} alerts to \`POST /webhooks/alerts\`, \`GET /readyz\`, \`GET /healthz\`, and a signed Slack \`/alert list\`
(its answer taken from the acknowledgement, or from response_url if it came there). Times are
from sending to the answer.

| surface | requests | answers | slowest | must be |
|---|---|---|---|---|
${row('webhook', r.webhooks, `${statuses(r.webhooks)} (${withRetry} with \`Retry-After: 5\`)`, '503 + Retry-After within 5 s')}
${row('`/readyz`', r.readyz, statuses(r.readyz), '503 within 1 s')}
${row('`/healthz`', r.healthz, statuses(r.healthz), '200')}
${row('Slack `/alert list`', r.commands, `"temporarily unavailable" ×${unavailable}`, 'that, within 3 s')}

${back}: \`/readyz\` 200 after **${s(r.recovery.readyMs)}**; \`/alert list\` answering normally after
**${s(r.recovery.commandMs)}**; the first refused batch sent again taken (202) after **${s(r.recovery.webhookMs)}**;
the first group card posted to the alerts channel (the flush job and the outbox at work) after
**${s(r.recovery.cardMs)}**. Of the ${r.refusedAlerts} alerts refused during the fault and sent again after it,
**${r.storedAfterResend}** are stored (each once: an alert is keyed by its fingerprint). Of the outbox's
${r.chat.wished} posts for Slack, ${r.chat.sent} reached the fake, ${r.chat.duplicates} twice. The Zhiban
process ${r.exited ? '**exited**' : 'kept running'}; lines of its log naming an unhandled rejection or
exception: **${r.unhandled.length}**${r.unhandled.length > 0 ? ` (${r.unhandled.join(' / ').slice(0, 300)})` : ''}.
`;
}
