// Durations as people type them in configuration and commands: 30s, 5m, 2h, 1d, 1w.
const UNIT_MS: Record<string, number> = {
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 604_800_000,
};

const PATTERN = /^(\d{1,6})\s*([smhdw])$/i;

/** Milliseconds for a duration like `30m`, or null when it is not one. */
export function parseDuration(text: string): number | null {
  const match = PATTERN.exec(text.trim());
  if (!match) return null;
  const amount = Number(match[1]);
  const unit = match[2]!.toLowerCase();
  return amount * UNIT_MS[unit]!;
}
