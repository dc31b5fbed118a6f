// The week view's stylesheet: the web console's own look (web/styles/base.css, read from the file
// so the two never drift apart), then a grid of teams × days. Served as a file of its own: the
// page's Content-Security-Policy allows no inline style.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../../../kernel/paths.js';

const CONSOLE_BASE_CSS = readFileSync(join(projectRoot(), 'web', 'styles', 'base.css'), 'utf8');

/** GET /duty/style.css */
export const WEEK_PAGE_CSS = `${CONSOLE_BASE_CSS}
.duty-week { max-width: 1100px; margin: 0 auto; padding: 16px; }
.brand { margin: 0 0 4px; color: var(--muted); font-size: 0.9em; }
h1 { margin: 0 0 12px; font-size: 1.4em; }
nav.weeks { display: flex; gap: 16px; margin: 0 0 12px; }
.grid { width: 100%; border-collapse: collapse; background: var(--panel); }
.grid th, .grid td { border: 1px solid var(--line); padding: 8px; vertical-align: top; text-align: left; }
.grid thead th { font-weight: 600; }
.grid .today { outline: 2px solid var(--accent); outline-offset: -2px; }
.primary { display: block; font-weight: 600; word-break: break-all; }
.secondary { display: block; color: var(--muted); font-size: 0.9em; word-break: break-all; }
.override { display: inline-block; margin-top: 4px; font-size: 0.8em; color: var(--accent); }
.empty { color: var(--muted); }
@media (max-width: 700px) { .grid { font-size: 0.85em; } }
`;
