// Fitting text into a platform's length limits without cutting silently, and never through a
// character: cuts fall on grapheme boundaries (a Chinese character, an emoji with its skin tone,
// a flag, a letter with its combining marks stay whole) and are marked with `…`.

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
const ELLIPSIS = '…';

/**
 * `text` if it fits in `max` UTF-16 code units (the unit Slack's and Discord's limits are counted
 * in, and the strictest), else its longest whole-grapheme prefix that fits with `…` after it.
 */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  return `${graphemePrefix(text, max - ELLIPSIS.length)}${ELLIPSIS}`;
}

/**
 * Like truncate, for text in a markup where `<…>` is a token and `&…;` an escape (Slack's mrkdwn):
 * a cut that would fall inside one drops the whole token or escape instead.
 */
export function truncateMarkup(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = graphemePrefix(text, max - ELLIPSIS.length);
  return `${cut.replace(/<[^>]*$|&[a-z#0-9]{0,8}$/i, '')}${ELLIPSIS}`;
}

/** The longest prefix of whole graphemes that is at most `units` UTF-16 code units long. */
export function graphemePrefix(text: string, units: number): string {
  if (units <= 0) return '';
  let end = 0;
  for (const { segment, index } of graphemes.segment(text)) {
    if (index + segment.length > units) break;
    end = index + segment.length;
  }
  return text.slice(0, end);
}
