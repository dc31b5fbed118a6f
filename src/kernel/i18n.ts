// The translator: every word a person reads comes from locales/<locale>/<namespace>.json through
// here. Each domain keeps its words in its own namespace (`incidents.json`); the kernel's are in
// `common.json`. A key is looked up in every namespace, so callers write `incident.state.reported`
// without naming the file; a key path defined in two namespaces is a mistake (a unit test checks).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import i18next, { type i18n } from 'i18next';
import { projectRoot } from './paths.js';

export const LOCALES = ['zh-CN', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export type Translate = (key: string, params?: Record<string, unknown>) => string;

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/** Maps a platform's locale tag (Discord `zh-CN`, `en-US`; Slack `en-GB`) onto ours, if we have it. */
export function matchLocale(tag: string | undefined | null): Locale | undefined {
  if (!tag) return undefined;
  const lower = tag.toLowerCase();
  if (lower.startsWith('zh')) return 'zh-CN';
  if (lower.startsWith('en')) return 'en';
  return undefined;
}

/** The kernel's namespace; every other file under locales/<locale>/ is a domain's (or the web page's). */
export const COMMON_NS = 'common';

export class Translator {
  private readonly engine: i18n;
  /** The namespace files of the default locale, `common` first. */
  readonly namespaces: string[];
  /**
   * Which namespace holds each top-level key (`incident` → `incidents`): a key is then looked up in
   * its own file at once, rather than in every file in turn (the fallback, for keys of no known file).
   */
  private readonly homes = new Map<string, string>();

  constructor(readonly defaultLocale: Locale) {
    const resources = Object.fromEntries(LOCALES.map((locale) => [locale, loadLocale(locale)]));
    this.namespaces = Object.keys(resources[defaultLocale] ?? {});
    for (const words of Object.values(resources)) {
      for (const [ns, tree] of Object.entries(words)) {
        for (const top of Object.keys(tree)) if (!this.homes.has(top)) this.homes.set(top, ns);
      }
    }
    this.engine = i18next.createInstance();
    void this.engine.init({
      resources,
      lng: defaultLocale,
      fallbackLng: defaultLocale,
      ns: this.namespaces,
      defaultNS: COMMON_NS,
      fallbackNS: this.namespaces.filter((ns) => ns !== COMMON_NS),
      initAsync: false,
      returnNull: false,
      interpolation: { escapeValue: false },
    });
  }

  t(locale: Locale, key: string, params?: Record<string, unknown>): string {
    // `params.lng` may ask for another language on purpose ("answered in the language just chosen").
    const dot = key.indexOf('.');
    const ns = this.homes.get(dot < 0 ? key : key.slice(0, dot));
    return this.engine.t(key, { lng: locale, ...(ns ? { ns } : {}), ...params }) as string;
  }

  forLocale(locale: Locale): Translate {
    return (key, params) => this.t(locale, key, params);
  }

  /** A whole subtree of a locale file (the web page's own words), for a reader that looks words up itself. */
  section(locale: Locale, key: string): Record<string, unknown> {
    const parts = this.namespaces.map((ns) => this.engine.getResource(locale, ns, key) as unknown);
    const found = parts.filter((part): part is Record<string, unknown> => part !== null && typeof part === 'object');
    return Object.assign({}, ...found) as Record<string, unknown>;
  }

  has(locale: Locale, key: string): boolean {
    return this.engine.exists(key, { lng: locale, fallbackLng: [] });
  }
}

/** `locales/<locale>/*.json` → namespace name → its words, `common` first. */
export function loadLocale(locale: Locale): Record<string, Record<string, unknown>> {
  const dir = join(projectRoot(), 'locales', locale);
  const files = readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .sort((a, b) => Number(b === `${COMMON_NS}.json`) - Number(a === `${COMMON_NS}.json`) || a.localeCompare(b));
  return Object.fromEntries(
    files.map((name) => [
      name.slice(0, -'.json'.length),
      JSON.parse(readFileSync(join(dir, name), 'utf8')) as Record<string, unknown>,
    ]),
  );
}
