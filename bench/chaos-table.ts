// The one table `npm run chaos` prints first (issue 18, "In CI, and the numbers"): per scenario what
// was sent, accepted, stored, sent to chat, sent twice and lost, and how long it took to recover.

/** One scenario's counts. A count that does not apply to the scenario is undefined (shown as "—"). */
export interface ChaosRow {
  scenario: string;
  /** Alerts (or requests) sent to Zhiban. */
  sent?: number;
  /** Of them, answered as taken (202, or the command's own answer). */
  accepted?: number;
  /** Of the accepted, found in the database afterwards. */
  stored?: number;
  /** Posts and thread lines the outbox had to say that reached the chat platform. */
  sentToChat?: number;
  /** Posts (or effects) that happened more than once. */
  duplicates: number;
  /** Accepted but not stored, plus wished but never said: must be 0. */
  lost: number;
  /** What the recovery time measures is said in the scenario's own section; milliseconds. */
  recoveryMs?: number;
  recoveryWhat?: string;
  /** Promises broken other than by a count (the process exited, an unhandled rejection): must be none. */
  broken?: string[];
}

const n = (x: number | undefined) => (x === undefined ? '—' : x.toLocaleString('en'));

/** The table as Markdown, with a line under it naming what each recovery time measures. */
export function chaosTable(rows: ChaosRow[]): string {
  const lines = [
    '| scenario | sent | accepted | stored | sent to chat | duplicates | lost | recovery time |',
    '|---|---|---|---|---|---|---|---|',
    ...rows.map(
      (r) =>
        `| ${r.scenario} | ${n(r.sent)} | ${n(r.accepted)} | ${n(r.stored)} | ${n(r.sentToChat)} | ` +
        `**${n(r.duplicates)}** | **${n(r.lost)}** | ${r.recoveryMs === undefined ? '—' : `${(r.recoveryMs / 1000).toFixed(1)} s`} |`,
    ),
  ];
  const notes = rows.filter((r) => r.recoveryWhat).map((r) => `${r.scenario}: ${r.recoveryWhat}`);
  const broken = rows.flatMap((r) => (r.broken ?? []).map((b) => `- ${r.scenario}: ${b}`));
  return `${lines.join('\n')}\n\nRecovery time — ${notes.join('; ')}.\n${broken.length > 0 ? `\nBroken:\n${broken.join('\n')}\n` : ''}`;
}
