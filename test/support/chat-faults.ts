// Issue 18's scenario 4: the fake Slack and the fake Discord failing during an alert storm — 429
// with Retry-After on every other post, a few 500s, and one post that hangs 10 s — and what it is
// checked by: the intake's latency while they fail, the calls' spacing against each platform's
// rate and Retry-After, and every outbox message said once. Shared by the fast test and
// `npm run chaos`.
import { performance } from 'node:perf_hooks';
import { stormAlert } from './crash-storm.js';
import type { FakeDiscord } from './fake-discord.js';
import type { FakeSlack } from './fake-slack.js';
import { WEBHOOK_TOKEN } from './harness.js';

/** Discord's Create Message, in a channel or a thread. */
export const DISCORD_POST = /\/channels\/\d+\/messages$/;

export interface ChatFaults {
  /** Every other post answered 429 with this Retry-After. */
  retryAfterS: number;
  /** Posts answered 500 (before the every-other rule applies). */
  fiveHundreds: number;
  /** The first post is answered only after this long. */
  hangMs: number;
}

/** Turns the faults on for both fakes; clearFaults() on each ends them. */
export function failChat(slack: FakeSlack, discord: FakeDiscord, faults: ChatFaults): void {
  slack.hangNext('chat.postMessage', faults.hangMs);
  slack.failTimes('chat.postMessage', faults.fiveHundreds, { status: 500 });
  slack.failEvery('chat.postMessage', 2, { status: 429, retryAfterSeconds: faults.retryAfterS });
  discord.hangNext('POST', DISCORD_POST, faults.hangMs);
  for (let i = 0; i < faults.fiveHundreds; i++) discord.failNext('POST', DISCORD_POST, { status: 500 });
  discord.failEvery('POST', DISCORD_POST, 2, { status: 429, retryAfterSeconds: faults.retryAfterS });
}

/** A call as both fakes record it: where it went, when it arrived, what it was answered. */
export interface Arrival {
  channel: string;
  at: number;
  status: number;
}

export interface Spacing {
  /** Most calls answered 2xx to one channel within any `windowMs`. */
  maxServedInWindow: number;
  /** Calls to a channel that came sooner after a 429 to it than its Retry-After said. */
  earlyAfter429: number;
}

/** How `arrivals` kept to `limit` per `windowMs` per channel, and to each 429's `retryAfterS`. */
export function spacing(arrivals: Arrival[], limit: { windowMs: number }, retryAfterS: number): Spacing {
  const byChannel = new Map<string, Arrival[]>();
  for (const a of arrivals) byChannel.set(a.channel, [...(byChannel.get(a.channel) ?? []), a]);
  let maxServedInWindow = 0;
  let earlyAfter429 = 0;
  for (const calls of byChannel.values()) {
    calls.sort((x, y) => x.at - y.at);
    const served = calls.filter((c) => c.status < 300).map((c) => c.at);
    for (let lo = 0, hi = 0; hi < served.length; hi++) {
      while (served[hi]! - served[lo]! >= limit.windowMs) lo++;
      maxServedInWindow = Math.max(maxServedInWindow, hi - lo + 1);
    }
    calls.forEach((call, i) => {
      const next = calls[i + 1];
      // A few ms of slack: the fake stamps a call when it arrives, and answers a moment later.
      if (call.status === 429 && next && next.at < call.at + retryAfterS * 1000 - 50) earlyAfter429++;
    });
  }
  return { maxServedInWindow, earlyAfter429 };
}

export function slackArrivals(slack: FakeSlack): Arrival[] {
  return slack
    .callsTo('chat.postMessage')
    .map((c) => ({ channel: String(c.body.channel), at: c.at, status: c.status }));
}

export function discordArrivals(discord: FakeDiscord): Arrival[] {
  return discord.callsTo('POST', DISCORD_POST).map((c) => ({
    channel: /\/channels\/(\d+)\/messages$/.exec(c.path)![1]!,
    at: c.at,
    status: c.status,
  }));
}

export interface TimedStorm {
  sent: number;
  accepted: number;
  /** Each request's milliseconds, sorted. */
  latencies: number[];
}

/** `total` alerts over `groups` groups to /webhooks/alerts, `batch` a request, `inFlight` at a time, each request timed. */
export async function timedStorm(
  url: string,
  plan: { total: number; batch: number; inFlight: number; groups: number; prefix: string },
): Promise<TimedStorm> {
  const result: TimedStorm = { sent: 0, accepted: 0, latencies: [] };
  let next = 0;
  const worker = async () => {
    while (next < plan.total) {
      const first = next;
      next = Math.min(plan.total, next + plan.batch);
      const alerts = Array.from({ length: next - first }, (_, k) => stormAlert(plan, first + k));
      result.sent += alerts.length;
      const started = performance.now();
      const res = await fetch(`${url}/webhooks/alerts`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${WEBHOOK_TOKEN}` },
        body: JSON.stringify(alerts),
      });
      await res.arrayBuffer();
      result.latencies.push(performance.now() - started);
      if (res.status === 202) result.accepted += alerts.length;
    }
  };
  await Promise.all(Array.from({ length: plan.inFlight }, worker));
  result.latencies.sort((a, b) => a - b);
  return result;
}

/** The `q` quantile (0–1) of sorted `values`. */
export function quantile(values: number[], q: number): number {
  if (values.length === 0) return 0;
  return values[Math.min(values.length - 1, Math.ceil(q * values.length) - 1)]!;
}
