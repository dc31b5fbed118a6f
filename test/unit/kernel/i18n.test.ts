// The two languages: platform tags mapped onto ours, locale files that match key for key, and the translator.
import { strict as assert } from 'node:assert';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { DOMAINS } from '../../../src/domains/index.js';
import { COMMON_NS, loadLocale, LOCALES, matchLocale, Translator, type Locale } from '../../../src/kernel/i18n.js';
import { projectRoot } from '../../../src/kernel/paths.js';

type Strings = Map<string, unknown>;

/** `{errors: {title: "…"}}` → `errors.title` → "…", so the files can be compared key by key. */
function flatten(tree: Record<string, unknown>, prefix = '', into: Strings = new Map()): Strings {
  for (const [key, value] of Object.entries(tree)) {
    const path = `${prefix}${key}`;
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      flatten(value as Record<string, unknown>, `${path}.`, into);
    } else {
      into.set(path, value);
    }
  }
  return into;
}

/** Every key of a locale, whichever namespace file holds it. */
function localeFile(locale: Locale): Strings {
  const all: Strings = new Map();
  for (const tree of Object.values(loadLocale(locale))) flatten(tree, '', all);
  return all;
}

function placeholders(text: unknown): string[] {
  return [...String(text).matchAll(/\{\{\s*([^}\s,]+)[^}]*\}\}/g)].map((m) => m[1]!).sort();
}

describe('matchLocale', () => {
  const table: Array<[string | undefined | null, Locale | undefined]> = [
    ['zh-CN', 'zh-CN'],
    ['zh-TW', 'zh-CN'],
    ['zh', 'zh-CN'],
    ['ZH-cn', 'zh-CN'],
    ['en', 'en'],
    ['en-US', 'en'],
    ['en-GB', 'en'],
    ['EN-us', 'en'],
    ['fr', undefined],
    ['ja', undefined],
    ['es-ES', undefined],
    ['', undefined],
    [undefined, undefined],
    [null, undefined],
  ];
  for (const [tag, locale] of table) {
    it(`maps ${JSON.stringify(tag)} to ${locale ?? 'nothing'}`, () => {
      assert.equal(matchLocale(tag), locale);
    });
  }
});

describe('locale files', () => {
  const zh = localeFile('zh-CN');
  const en = localeFile('en');

  it('has one folder per locale Zhiban offers', () => {
    assert.deepStrictEqual([...LOCALES].sort(), ['en', 'zh-CN']);
    for (const locale of LOCALES) assert.ok(readdirSync(join(projectRoot(), 'locales', locale)).length > 0, locale);
  });

  it('gives both locales the same namespace files: common, web and one per domain', () => {
    const expected = [COMMON_NS, 'web', ...DOMAINS.map((domain) => domain.name)].sort();
    for (const locale of LOCALES) assert.deepStrictEqual(Object.keys(loadLocale(locale)).sort(), expected, locale);
  });

  it('defines each key in one namespace only, so no file silently hides another’s word', () => {
    for (const locale of LOCALES) {
      const seen = new Map<string, string>();
      const twice: string[] = [];
      for (const [ns, tree] of Object.entries(loadLocale(locale))) {
        for (const key of flatten(tree).keys()) {
          if (seen.has(key)) twice.push(`${locale}: ${key} in ${seen.get(key)} and ${ns}`);
          seen.set(key, ns);
        }
      }
      assert.deepStrictEqual(twice, []);
    }
  });

  it('finds a domain’s word through the one translator, without naming its file', () => {
    const t = new Translator('zh-CN');
    assert.equal(t.t('en', 'incident.state.resolved'), 'resolved (summary due)');
    assert.notEqual(t.t('zh-CN', 'alert.field.layer'), 'alert.field.layer');
    assert.notEqual(t.t('en', 'errors.title'), 'errors.title');
  });

  it('gives zh-CN every key of en', () => {
    assert.deepStrictEqual(
      [...en.keys()].filter((key) => !zh.has(key)),
      [],
    );
  });

  it('gives en every key of zh-CN', () => {
    assert.deepStrictEqual(
      [...zh.keys()].filter((key) => !en.has(key)),
      [],
    );
  });

  it('holds only non-empty strings', () => {
    const bad = [
      ...[...zh].map(([key, value]) => ['zh-CN', key, value] as const),
      ...[...en].map(([key, value]) => ['en', key, value] as const),
    ]
      .filter(([, , value]) => typeof value !== 'string' || value.trim() === '')
      .map(([locale, key]) => `${locale}: ${key}`);
    assert.deepStrictEqual(bad, []);
  });

  it('uses the same {{placeholders}} for a key in both languages', () => {
    const differing = [...en.keys()]
      .filter((key) => zh.has(key))
      .filter((key) => placeholders(en.get(key)).join() !== placeholders(zh.get(key)).join())
      .map((key) => `${key}: en {${placeholders(en.get(key)).join()}} zh-CN {${placeholders(zh.get(key)).join()}}`);
    assert.deepStrictEqual(differing, []);
  });
});

describe('Translator', () => {
  const translator = new Translator('zh-CN');

  it('interpolates parameters into the reader’s language', () => {
    assert.equal(
      translator.t('en', 'errors.bad_locale', { value: 'xx' }),
      'Unsupported language “xx”. Choices: zh-CN, en.',
    );
  });

  it('interpolates without HTML escaping, leaving escaping to each platform', () => {
    assert.equal(
      translator.t('en', 'errors.unknown_command', { command: '<b>x&y</b>' }),
      'Unknown command /<b>x&y</b>.',
    );
  });

  it('answers in the language params.lng asks for, over the reader’s', () => {
    assert.equal(translator.t('zh-CN', 'help.title', { lng: 'en' }), 'Zhiban help');
    assert.equal(translator.t('en', 'lang.changed', { lng: 'zh-CN' }), localeFile('zh-CN').get('lang.changed'));
  });

  it('gives a translate function bound to one language', () => {
    const t = translator.forLocale('en');
    assert.equal(t('errors.too_long', { max: 200 }), 'Input too long (at most 200 characters).');
  });

  it('knows which keys exist in a language', () => {
    assert.equal(translator.has('en', 'errors.title'), true);
    assert.equal(translator.has('zh-CN', 'errors.no_such_key'), false);
  });
});
