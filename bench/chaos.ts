// `npm run chaos`: the faults of issue 11 in their longer form — an alert storm killed with SIGKILL
// halfway and restarted, and a 20 s database stall. Prints the counts and writes them into their
// own section of bench/RESULTS.md, leaving the other sections as they are.
import { readFile, writeFile } from 'node:fs/promises';
import { cpus, totalmem } from 'node:os';
import { chaosCrash, crashSection } from './chaos-crash.js';
import { chaosStall, stallSection } from './chaos-stall.js';
import { CHAOS_HEADING, withSection } from './results-file.js';

async function main(): Promise<void> {
  const machine = `${cpus().length} cores (${cpus()[0]?.model ?? 'unknown'}), ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
  process.stderr.write('chaos: alert storm, SIGKILL of the process group, restart…\n');
  const crash = await chaosCrash();
  process.stderr.write('chaos: 20 s database stall…\n');
  const stall = await chaosStall();
  const section = `${CHAOS_HEADING}

Measured by \`npm run chaos\` on ${new Date().toISOString().slice(0, 10)}: ${machine}; the embedded engine
(mongo-java-server, file storage, each write committed to the file before it is acknowledged).

${crashSection(crash)}
${stallSection(stall)}`;
  process.stdout.write(section);
  const file = new URL('./RESULTS.md', import.meta.url);
  const before = await readFile(file, 'utf8').catch(() => '# Benchmark results\n');
  await writeFile(file, withSection(before, CHAOS_HEADING, section));
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`chaos failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
