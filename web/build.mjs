// Builds the web console's page into dist/web/ (app.js, app.css): Preact bundled by esbuild, no CDN.
// Run by `npm run build`; `node web/build.mjs --watch` rebuilds on change.
import { build, context } from 'esbuild';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const options = {
  entryPoints: { app: join(root, 'web', 'main.tsx') },
  outdir: join(root, 'dist', 'web'),
  bundle: true,
  format: 'esm',
  target: ['es2022', 'chrome110', 'firefox110', 'safari16'],
  jsx: 'automatic',
  jsxImportSource: 'preact',
  minify: true,
  sourcemap: 'linked',
  legalComments: 'none',
  logLevel: 'warning',
};

if (process.argv.includes('--watch')) {
  await (await context(options)).watch();
} else {
  await build(options);
}
