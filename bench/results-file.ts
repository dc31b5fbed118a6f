// bench/RESULTS.md is written by more than one script: each owns its sections (a `## ` heading and
// what follows up to the next one) and leaves the others as they are.

/** The sections `npm run bench` does not write, which it keeps when it rewrites the file. */
export const CHAOS_HEADING = '## Faults (`npm run chaos`)';
export const DURABILITY_HEADING = '## What committing each write costs (`npm run bench:durability`)';
/** Written by hand from runs of the benchmarks' own functions at two commits, taking turns (see the section). */
export const RESHAPE_HEADING = '## Before and after the reshape into domains (issue 8)';
/** Written by hand from `test/integration/kernel/round-trips.test.ts`, whose counts do not depend on the machine. */
export const ROUND_TRIPS_HEADING = '## Database round trips per operation (issue 18)';
/** Written by hand from runs of `npx tsx bench/peer-intake.ts` (it builds Alertmanager from its Go module). */
export const PEER_HEADING = '## Alert intake beside Prometheus Alertmanager (issue 18)';

/** The section under `heading`, from its line up to the next `## ` line, or undefined. */
export function sectionOf(text: string, heading: string): string | undefined {
  const start = text.indexOf(`\n${heading}\n`);
  if (start < 0) return undefined;
  const next = text.indexOf('\n## ', start + 1);
  return text.slice(start + 1, next < 0 ? undefined : next + 1);
}

/** `text` with the section under `heading` replaced by `section` (which starts with that heading), or added at the end. */
export function withSection(text: string, heading: string, section: string): string {
  const body = `${section.trimEnd()}\n`;
  const old = sectionOf(text, heading);
  if (old === undefined) return `${text.trimEnd()}\n\n${body}`;
  const start = text.indexOf(`\n${heading}\n`) + 1;
  const rest = text.slice(start + old.length).replace(/^\n+/, '');
  return `${text.slice(0, start)}${body}${rest ? `\n${rest}` : ''}`;
}
