// What a button carries (issue 10, "A click acts on what the person saw"): the id of what it acts on
// and the version of the card that showed it, `INC-12~7`. The click is a conditional update from that
// version, so a stale card, a double click or two people at once give one effect, on any process.

const SEPARATOR = '~';

/** `INC-12` shown at card version 7 → `INC-12~7`. */
export function cardValue(id: string, version: number): string {
  return `${id}${SEPARATOR}${version}`;
}

/**
 * `INC-12~7` → `{ id: 'INC-12', version: 7 }`; a value without a version (a card posted before
 * buttons carried one, or a typed id) → `{ id }`, and the click acts on what is there now.
 */
export function readCardValue(value: string): { id: string; version?: number } {
  const at = value.lastIndexOf(SEPARATOR);
  if (at < 0) return { id: value };
  const version = Number(value.slice(at + 1));
  return Number.isSafeInteger(version) && version >= 0 ? { id: value.slice(0, at), version } : { id: value };
}

/** The id part of a button's value, for comparing a click with the buttons a card has (whatever its version). */
export function cardValueId(value: string): string {
  return readCardValue(value).id;
}
