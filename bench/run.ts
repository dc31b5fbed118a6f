// `npm run bench`: Zhiban's benchmarks, on the embedded engine (or BENCH_MONGODB_URI).
// Prints the numbers and rewrites bench/RESULTS.md.
import { writeFile } from 'node:fs/promises';
import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { startEmbeddedEngine } from '../src/db/embedded-engine.js';
import { benchSlackAck } from './slack-ack.js';

async function main(): Promise<void> {
  const dataDir = await mkdtemp(join(tmpdir(), 'zhiban-bench-'));
  const given = process.env.BENCH_MONGODB_URI;
  const engine = given ? undefined : await startEmbeddedEngine({ dataDir, storage: 'memory', log: () => undefined });
  const uri = given ?? engine!.uri;
  try {
    const ack = await benchSlackAck(uri.replace(/\/[^/?]*(\?|$)/, '/zhiban_bench$1'));
    const ratio = ack.zhiban.p99 / ack.bare.p99;
    const machine = `${cpus().length} cores (${cpus()[0]?.model ?? 'unknown'}), ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
    const engineName = given ? 'BENCH_MONGODB_URI' : `${engine!.engine} (memory)`;
    const rows = [
      `| bare Bolt (ack only) | ${ack.bare.count} | ${ack.bare.p50} | ${ack.bare.p99} | ${ack.bare.max} | ${ack.bare.perSecond} |`,
      `| Zhiban \`/ops help\`·\`whoami\` | ${ack.zhiban.count} | ${ack.zhiban.p50} | ${ack.zhiban.p99} | ${ack.zhiban.max} | ${ack.zhiban.perSecond} |`,
    ];
    const report = `# Benchmark results

Measured by \`npm run bench\` on ${new Date().toISOString().slice(0, 10)}: ${machine}; database: ${engineName}.

## Slack acknowledgement (what Slack's 3-second limit sees)

Signed slash commands over HTTP, 200 in flight, ${ack.zhiban.count} requests after 400 warm-up, each server in its own process, HTTP answer time in ms.
The bare app is a Bolt app on the same machine, in the same run, that only acknowledges.

| app | requests | p50 | p99 | max | per second |
|---|---|---|---|---|---|
${rows.join('\n')}

p99 ratio Zhiban / bare: **${ratio.toFixed(2)}** (goal ≤ 1.5). Answers delivered to response_url: ${ack.repliesDelivered} of ${ack.zhiban.count}.
`;
    process.stdout.write(report);
    await writeFile(new URL('./RESULTS.md', import.meta.url), report);
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
