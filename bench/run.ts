// `npm run bench`: Zhiban's benchmarks, on the embedded engine (or BENCH_MONGODB_URI).
// Prints the numbers and rewrites bench/RESULTS.md.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { startEmbeddedEngine } from '../src/db/embedded-engine.js';
import { alertIntakeSection, benchAlertIntake } from './alert-intake.js';
import { alertStormSection, benchAlertStorm } from './alert-storm.js';
import { backupIntakeSection, benchBackupIntake } from './backup-intake.js';
import {
  CHAOS_HEADING,
  DURABILITY_HEADING,
  PEER_HEADING,
  RESHAPE_HEADING,
  ROUND_TRIPS_HEADING,
  sectionOf,
  withSection,
} from './results-file.js';
import { benchQuarterlyReport, quarterlyReportSection } from './quarterly-report.js';
import { benchSlackAck, IN_FLIGHT, TOTAL, WARM_UP } from './slack-ack.js';

async function main(): Promise<void> {
  const dataDir = await mkdtemp(join(tmpdir(), 'zhiban-bench-'));
  const given = process.env.BENCH_MONGODB_URI;
  const engine = given ? undefined : await startEmbeddedEngine({ dataDir, storage: 'memory', log: () => undefined });
  const uri = given ?? engine!.uri;
  try {
    const database = (name: string) => uri.replace(/\/[^/?]*(\?|$)/, `/${name}$1`);
    // Issue 18: at 50 in flight (p99 of declare and a click ≤ 3 × the bare app) and at 200 (< 1.5 s).
    const rows = [
      ...(await benchSlackAck(database('zhiban_bench_50'), 50)).map((row) => ({ ...row, inFlight: 50 })),
      ...(await benchSlackAck(database('zhiban_bench'), IN_FLIGHT)).map((row) => ({ ...row, inFlight: IN_FLIGHT })),
    ];
    // Each section below is one benchmark's own; add yours to the list rather than editing others'.
    const sections = [
      alertIntakeSection(await benchAlertIntake(database('zhiban_bench_alerts'))),
      alertStormSection(await benchAlertStorm(database('zhiban_bench_storm'))),
      backupIntakeSection(await benchBackupIntake(database)),
      quarterlyReportSection(
        await benchQuarterlyReport(database('zhiban_bench_report')),
        given ? 'BENCH_MONGODB_URI' : `${engine!.engine} (memory)`,
      ),
    ];
    const machine = `${cpus().length} cores (${cpus()[0]?.model ?? 'unknown'}), ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
    const engineName = given ? 'BENCH_MONGODB_URI' : `${engine!.engine} (memory)`;
    const table = rows.flatMap((r) => [
      `| ${r.inFlight} | ${r.workload} | bare Bolt (ack only) | ${r.bare.p50} | ${r.bare.p99} | ${r.bare.max} | ${r.bare.perSecond} | |`,
      `| ${r.inFlight} | ${r.workload} | Zhiban | ${r.zhiban.p50} | ${r.zhiban.p99} | ${r.zhiban.max} | ${r.zhiban.perSecond} | **${(r.zhiban.p99 / r.bare.p99).toFixed(2)}** |`,
    ]);
    const report = `# Benchmark results

Measured by \`npm run bench\` on ${new Date().toISOString().slice(0, 10)}: ${machine}; database: ${engineName}.

## Slack acknowledgement (what Slack's 3-second limit sees)

Signed requests over HTTP to \`/slack/events\`, 50 and ${IN_FLIGHT} in flight, ${TOTAL} per row after ${WARM_UP} warm-up;
each server in its own process; the load generator and the fake Slack share a third. Times in ms,
from sending the request to the HTTP answer. The bare app is a Bolt app that only acknowledges.
Zhiban answers a quick command inside its acknowledgement (so its row includes the work and the
database), and acknowledges a click first and answers through response_url. The incidents channel
is bound, so every declaration and click also stores outbox messages.

| in flight | workload | server | p50 | p99 | max | per second | p99 ratio |
|---|---|---|---|---|---|---|---|
${table.join('\n')}

Goals: p99 ≤ 1.5 × the bare app, and well under 3000 ms; issue 18's: at 50 in flight the p99 of
declare and of a click ≤ 3 × the bare app, at 200 under 1500 ms.
${sections.map((section) => `\n${section}`).join('')}`;
    process.stdout.write(report);
    // Other scripts' sections are theirs: kept as they were.
    const file = new URL('./RESULTS.md', import.meta.url);
    const before = await readFile(file, 'utf8').catch(() => '');
    let after = report;
    for (const heading of [ROUND_TRIPS_HEADING, PEER_HEADING, RESHAPE_HEADING, DURABILITY_HEADING, CHAOS_HEADING]) {
      const kept = sectionOf(before, heading);
      if (kept) after = withSection(after, heading, kept);
    }
    await writeFile(file, after);
  } finally {
    await engine?.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
