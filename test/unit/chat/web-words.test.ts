// Every word the console's page shows comes from locales/<lang>/web.json, in both languages: each
// key the page's code names (`'attention.card'`) is there in zh-CN and in en.
import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../../../src/kernel/paths.js';
import { LOCALES, Translator } from '../../../src/kernel/i18n.js';

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return /\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

describe('web page: its words', () => {
  const translator = new Translator('zh-CN');
  const sections = Object.keys(translator.section('en', 'web'));
  const named = new Set<string>();
  for (const file of sources(join(projectRoot(), 'web'))) {
    for (const [, key] of readFileSync(file, 'utf8').matchAll(/'([a-z_]+(?:\.[a-z_]+)+)'/g)) {
      if (sections.includes(key!.split('.')[0]!)) named.add(key!);
    }
  }

  it('names keys of the web section (the check sees the page’s code)', () => {
    assert.ok(named.has('attention.card') && named.has('pending.alert_groups') && named.has('command.send'));
  });

  for (const locale of LOCALES) {
    it(`finds every key the page names in ${locale}`, () => {
      const missing = [...named].filter((key) => !translator.has(locale, `web.${key}`));
      assert.deepEqual(missing, []);
    });
  }
});
