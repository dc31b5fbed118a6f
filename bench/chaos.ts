// `npm run chaos`: the faults of issue 18 in their long form, each a scenario: (1) an alert storm of
// 5,000 killed with SIGKILL halfway and restarted, (3) a 30 s database outage, (4) Slack and Discord
// failing during a storm, and the 20 s stall of issue 11. Prints one table (scenario, sent, accepted, stored, sent to chat, duplicates, lost,
// recovery time) and each scenario's own detail, and writes them into their own section of
// bench/RESULTS.md, leaving the other sections as they are. `npm run chaos -- crash outage` runs only
// those scenarios (and then writes nothing to RESULTS.md).
import { readFile, writeFile } from 'node:fs/promises';
import { cpus, totalmem } from 'node:os';
import { chaosChat, chatRow, chatSection } from './chaos-chat.js';
import { chaosCrash, crashRow, crashSection } from './chaos-crash.js';
import { chaosStall, stallRow, stallSection } from './chaos-stall.js';
import { chaosTable, type ChaosRow } from './chaos-table.js';
import { CHAOS_HEADING, withSection } from './results-file.js';

interface Scenario {
  name: string;
  /** Runs it; answers its row of the table (if it has one) and its section. */
  run: () => Promise<{ row?: ChaosRow; section: string }>;
}

const SCENARIOS: Scenario[] = [
  {
    name: 'crash',
    run: async () => {
      const r = await chaosCrash();
      return { row: crashRow(r), section: crashSection(r) };
    },
  },
  {
    name: 'outage',
    run: async () => {
      const r = await chaosStall('outage');
      return { row: stallRow(r), section: stallSection(r) };
    },
  },
  {
    name: 'chat',
    run: async () => {
      const r = await chaosChat();
      return { row: chatRow(r), section: chatSection(r) };
    },
  },
  {
    name: 'stall',
    run: async () => {
      const r = await chaosStall('stall');
      return { row: stallRow(r), section: stallSection(r) };
    },
  },
];

async function main(): Promise<void> {
  const asked = process.argv.slice(2);
  const unknown = asked.filter((a) => !SCENARIOS.some((s) => s.name === a));
  if (unknown.length > 0)
    throw new Error(`no such scenario: ${unknown.join(', ')} (${SCENARIOS.map((s) => s.name).join(', ')})`);
  const chosen = asked.length > 0 ? SCENARIOS.filter((s) => asked.includes(s.name)) : SCENARIOS;
  const machine = `${cpus().length} cores (${cpus()[0]?.model ?? 'unknown'}), ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
  const rows: ChaosRow[] = [];
  const sections: string[] = [];
  for (const scenario of chosen) {
    process.stderr.write(`chaos: ${scenario.name}…\n`);
    const { row, section } = await scenario.run();
    if (row) rows.push(row);
    sections.push(section);
    process.stderr.write(section);
  }
  const section = `${CHAOS_HEADING}

Measured by \`npm run chaos\` on ${new Date().toISOString().slice(0, 10)}: ${machine}; the embedded engine
(mongo-java-server, file storage, each write committed to the file before it is acknowledged).

${chaosTable(rows)}
${sections.join('\n')}`;
  process.stdout.write(section);
  const failed = rows.filter((r) => r.lost > 0 || r.duplicates > 0 || (r.broken ?? []).length > 0);
  if (asked.length === 0) {
    const file = new URL('./RESULTS.md', import.meta.url);
    const before = await readFile(file, 'utf8').catch(() => '# Benchmark results\n');
    await writeFile(file, withSection(before, CHAOS_HEADING, section));
  }
  if (failed.length > 0) throw new Error(`lost, duplicated or broken in: ${failed.map((r) => r.scenario).join(', ')}`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`chaos failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
