// Lists of ids for `$in`, kept short: the embedded engine finds each id by index but then matches
// every document found against the whole list again, so one query of n ids costs n², and a few
// thousand ids cost seconds. Zhiban's larger sets are read or written in slices of this size.
export const IN_CHUNK = 200;

/** `items` in consecutive slices of at most `size`. */
export function inChunks<T>(items: readonly T[], size = IN_CHUNK): T[][] {
  const slices: T[][] = [];
  for (let at = 0; at < items.length; at += size) slices.push(items.slice(at, at + size));
  return slices;
}
