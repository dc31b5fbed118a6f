// Neutral text: what people typed, decoded once at their platform's edge (DESIGN.md, "Text from a
// platform is decoded once at its edge"). It is plain Unicode, `&`, `<` and `>` meaning themselves,
// except for entities — a person, a channel or a link someone wrote — which are kept as what they
// are between private-use marks, so each adapter can say them its own way on the way out: a Slack
// mention stays a mention on Slack and reads as a name on Discord and the web console. The marks
// are removed from everything a person types, so no one can forge an entity.

/** Opens an entity; then kind, target and label separated by FIELD; CLOSE ends it. Unicode private use. */
const OPEN = '\uE000';
const FIELD = '\uE001';
const CLOSE = '\uE002';
const MARKS = /[\uE000-\uE002]/g;
const ENTITY = /\uE000(user|channel|link)\uE001([^\uE000-\uE002]*)\uE001([^\uE000-\uE002]*)\uE002/g;

export type EntityKind = 'user' | 'channel' | 'link';

/**
 * A person (`target` is `slack:U123`), a channel (`slack:C123`) or a link (`target` is the URL).
 * `label` is what the platform showed for it (a name, the link's text); it may be empty.
 */
export interface TextEntity {
  kind: EntityKind;
  target: string;
  label: string;
}

export type TextPart = string | TextEntity;

/** The neutral form of an entity, to put inside neutral text. */
export function entity(kind: EntityKind, target: string, label = ''): string {
  return `${OPEN}${kind}${FIELD}${clean(target)}${FIELD}${clean(label)}${CLOSE}`;
}

/** Removes the entity marks from text a person typed, so nothing they wrote can become an entity. */
export function clean(text: string): string {
  return text.replace(MARKS, '');
}

/** Splits neutral text into plain strings and entities, in order. */
export function parts(text: string): TextPart[] {
  const out: TextPart[] = [];
  let last = 0;
  for (const match of text.matchAll(ENTITY)) {
    if (match.index > last) out.push(text.slice(last, match.index));
    out.push({ kind: match[1] as EntityKind, target: match[2]!, label: match[3]! });
    last = match.index + match[0].length;
  }
  if (last < text.length) out.push(text.slice(last));
  return out.map((part) => (typeof part === 'string' ? clean(part) : part));
}

/** How an entity reads where it cannot be live: `@alice`, `#general`, `label (url)`. */
export function readable(part: TextEntity): string {
  switch (part.kind) {
    case 'user':
      return `@${part.label || idOf(part.target)}`;
    case 'channel':
      return `#${part.label || idOf(part.target)}`;
    case 'link':
      return part.label && part.label !== part.target ? `${part.label} (${part.target})` : part.target;
  }
}

/** Neutral text as plain words: every entity readable, nothing live (web console, plain-text fields). */
export function plainText(text: string): string {
  if (!text.includes(OPEN)) return text;
  return parts(text)
    .map((part) => (typeof part === 'string' ? part : readable(part)))
    .join('');
}

/** Neutral text with each entity written by `write` (an adapter's mention or link syntax) and plain parts by `escape`. */
export function render(text: string, escape: (plain: string) => string, write: (part: TextEntity) => string): string {
  if (!text.includes(OPEN)) return escape(text);
  return parts(text)
    .map((part) => (typeof part === 'string' ? escape(part) : write(part)))
    .join('');
}

/** The user keys (`slack:U123`) of the people named in neutral text. */
export function mentionedUsers(text: string): string[] {
  return parts(text).flatMap((part) => (typeof part !== 'string' && part.kind === 'user' ? [part.target] : []));
}

function idOf(target: string): string {
  const at = target.indexOf(':');
  return at < 0 ? target : target.slice(at + 1);
}
