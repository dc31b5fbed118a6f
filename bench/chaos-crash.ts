// `npm run chaos`, first fault: an alert storm into Zhiban started as `npm start` starts it (file
// storage, the embedded engine in a process of its own), Node and the engine killed together with
// SIGKILL halfway, as an OOM killer or a power cut of the process would; started again on the
// same DATA_DIR, and what was answered 202 counted against what is stored.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { countStored, sendStorm, type StoredCount, type StormPlan } from '../test/support/crash-storm.js';
import { ZhibanProcess } from '../test/support/zhiban-child.js';

export const CRASH_PLAN = { total: 3000, batch: 100, inFlight: 4, groups: 30, prefix: 'chaos', killAfter: 1500 };

export interface CrashResult {
  sent: number;
  accepted: number;
  refused: number;
  unanswered: number;
  count: StoredCount;
  /** From the SIGKILL until no process of the group is left. */
  goneMs: number;
  /** From the SIGKILL until the restarted Zhiban answers /readyz 200 (start-up included). */
  readyAgainMs: number;
}

export async function chaosCrash(): Promise<CrashResult> {
  const dataDir = await mkdtemp(join(tmpdir(), 'zhiban-chaos-crash-'));
  let running: ZhibanProcess | undefined;
  try {
    const first = await ZhibanProcess.start({ dataDir, startTimeoutMs: 60_000 });
    running = first;
    await first.ready(60_000);
    let killedAt = 0;
    let gone: Promise<number> | undefined;
    const plan: StormPlan = {
      ...CRASH_PLAN,
      killAt: {
        accepted: CRASH_PLAN.killAfter,
        kill: () => {
          killedAt = performance.now();
          gone = first.killGroup();
        },
      },
    };
    const storm = await sendStorm(first.url, plan);
    if (!gone) throw new Error(`the storm ended before ${CRASH_PLAN.killAfter} alerts were accepted`);
    const goneMs = await gone;
    running = undefined;

    const second = await ZhibanProcess.start({ dataDir, startTimeoutMs: 60_000 });
    running = second;
    await second.ready(60_000);
    const readyAgainMs = performance.now() - killedAt;
    const count = await countStored(second.databaseUri, storm.accepted, CRASH_PLAN.prefix);
    await second.stop();
    running = undefined;
    return {
      sent: storm.sent,
      accepted: storm.accepted.size,
      refused: storm.refused,
      unanswered: storm.unanswered,
      count,
      goneMs,
      readyAgainMs,
    };
  } finally {
    await running?.killGroup();
    await rm(dataDir, { recursive: true, force: true });
  }
}

export function crashSection(r: CrashResult): string {
  const p = CRASH_PLAN;
  const n = (x: number) => x.toLocaleString('en');
  return `### A SIGKILL of the whole process group in an alert storm

${n(p.total)} generic alerts (each its own fingerprint, ${p.groups} groups) to \`POST /webhooks/alerts\` in batches of
${p.batch}, ${p.inFlight} in flight, to Zhiban started as \`npm start\` starts it (file storage under its own
\`DATA_DIR\`, the embedded engine in a process of its own); the process group (Node and the engine)
killed with SIGKILL as soon as ${n(p.killAfter)} alerts were answered 202, and started again on the same
\`DATA_DIR\`. Stored is read from the restarted Zhiban's database.

| measure | result | must be |
|---|---|---|
| alerts sent (requests that went out) | ${n(r.sent)} | |
| answered 202 | ${n(r.accepted)} | |
| answered otherwise | ${n(r.refused)} | |
| no answer (the process died under them) | ${n(r.unanswered)} | |
| answered 202 and stored | **${n(r.count.stored)}** | ${n(r.accepted)} |
| answered 202 and lost | **${n(r.count.lost.length)}** | 0 |
| groups of accepted alerts lost | **${n(r.count.groupsLost.length)}** | 0 |
| stored in all (accepted, and some whose answer was lost) | ${n(r.count.storedInAll)} | ≤ ${n(r.accepted + r.unanswered)} |
| from the SIGKILL until no process of the group is left | ${Math.round(r.goneMs)} ms | |
| from the SIGKILL until the restarted Zhiban answers \`/readyz\` 200 | ${(r.readyAgainMs / 1000).toFixed(1)} s | |

Cards posted twice after such a kill are the outbox's part of issue 11, measured with it.
`;
}
