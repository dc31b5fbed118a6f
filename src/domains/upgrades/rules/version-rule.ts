// A system's version naming rule and the order of versions (issue 14, "the version follows the
// system's naming rule ... and is newer than the system's current version"). The default rule is
// Semantic Versioning 2.0.0 (semver.org) with an optional leading `v`; a system may set a pattern
// of its own (a regular expression the whole version must match). Pure: no database, no clock.

/** A parsed semantic version: `v2.4.0-rc.1+build.5` → core [2, 4, 0], pre ['rc', 1]; build metadata is ignored. */
export interface SemVer {
  core: [number, number, number];
  pre: Array<string | number>;
}

// semver.org's own regular expression, with an optional `v` in front (people and tags write `v2.4.0`).
const SEMVER =
  /^v?(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$/;

/** The longest version anyone types; longer is refused before any pattern runs. */
export const VERSION_MAX = 100;
/** The longest pattern a system may set. */
export const PATTERN_MAX = 200;

/** `2.4.0` or `v2.4.0-rc.1` → its parts; undefined when it is not a semantic version. */
export function parseSemVer(text: string): SemVer | undefined {
  const match = SEMVER.exec(text);
  if (!match) return undefined;
  const core = [Number(match[1]), Number(match[2]), Number(match[3])] as [number, number, number];
  if (!core.every(Number.isSafeInteger)) return undefined;
  const pre = match[4] ? match[4].split('.').map((id) => (/^\d+$/.test(id) ? Number(id) : id)) : [];
  return { core, pre };
}

/**
 * Precedence as semver.org §11: core numerically; a pre-release sorts before its release; pre-release
 * identifiers compared one by one (numbers numerically and below words, words in ASCII order), the
 * shorter list first when all else is equal. Negative, zero or positive, as Array.sort wants.
 */
export function compareSemVer(a: SemVer, b: SemVer): number {
  for (let i = 0; i < 3; i++) if (a.core[i] !== b.core[i]) return a.core[i]! - b.core[i]!;
  if (a.pre.length === 0 || b.pre.length === 0) return (a.pre.length === 0 ? 1 : 0) - (b.pre.length === 0 ? 1 : 0);
  for (let i = 0; i < Math.min(a.pre.length, b.pre.length); i++) {
    const x = a.pre[i]!;
    const y = b.pre[i]!;
    if (x === y) continue;
    if (typeof x === 'number' && typeof y === 'number') return x - y;
    if (typeof x === 'number') return -1;
    if (typeof y === 'number') return 1;
    return x < y ? -1 : 1;
  }
  return a.pre.length - b.pre.length;
}

/**
 * A system's own pattern, as typed, made a whole-string RegExp; undefined when it does not compile,
 * is empty or too long. Patterns that can backtrack for ever are a risk the roles that may set one
 * (sysops, pm, admin) take; versions are short (VERSION_MAX), which bounds the damage.
 */
export function compilePattern(pattern: string): RegExp | undefined {
  if (!pattern || pattern.length > PATTERN_MAX) return undefined;
  try {
    return new RegExp(`^(?:${pattern})$`, 'u');
  } catch {
    return undefined;
  }
}

/** Why a version is refused, or undefined when it may be announced. */
export type VersionProblem =
  | { kind: 'not_semver' }
  | { kind: 'not_pattern'; pattern: string }
  | { kind: 'not_newer'; current: string }
  | { kind: 'already_ran'; version: string };

/** What is known of a system when a version is checked. */
export interface VersionContext {
  /** The system's own pattern; undefined: semantic versioning. */
  pattern?: string | undefined;
  /** The version it runs now (the registry's); undefined: none recorded yet. */
  current?: string | undefined;
  /** Every version it ever ran (completed upgrades), for patterns that have no order. */
  ran?: readonly string[];
}

/**
 * Checks `version` against the system's rule and its current version. Newer means: when both parse
 * as semantic versions, greater by semver precedence (whatever the rule); otherwise (a pattern of
 * the system's own, which has no order Zhiban can know) different from the current version and
 * from every version the system ran before, so nobody "upgrades" back to an old one. A version that
 * was rolled back never ran, so it may be tried again.
 */
export function checkVersion(version: string, context: VersionContext): VersionProblem | undefined {
  const pattern = context.pattern ? compilePattern(context.pattern) : undefined;
  if (context.pattern) {
    if (!pattern?.test(version)) return { kind: 'not_pattern', pattern: context.pattern };
  } else if (!parseSemVer(version)) {
    return { kind: 'not_semver' };
  }
  const current = context.current;
  if (current === undefined) return undefined;
  const next = parseSemVer(version);
  const now = parseSemVer(current);
  if (next && now) return compareSemVer(next, now) > 0 ? undefined : { kind: 'not_newer', current };
  if (version === current) return { kind: 'not_newer', current };
  if (context.ran?.includes(version)) return { kind: 'already_ran', version };
  return undefined;
}
