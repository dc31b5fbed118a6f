// The survey page's stylesheet: the web console's own look (web/styles/base.css — its colours,
// type, focus ring, buttons and notices, read from that file so the two never drift apart) and,
// after it, the page's rules, made for a phone first. Served as a file of its own: the page's
// Content-Security-Policy allows no inline style.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../../../kernel/paths.js';

const CONSOLE_BASE_CSS = readFileSync(join(projectRoot(), 'web', 'styles', 'base.css'), 'utf8');

/** The whole stylesheet served at GET /s/style.css: the console's base, then the page's own rules. */
export const SURVEY_PAGE_CSS = `${CONSOLE_BASE_CSS}
.survey { max-width: 640px; margin: 0 auto; padding: 16px; }
.brand { margin: 0 0 4px; color: var(--muted); font-size: 0.9em; }
h1 { margin: 0 0 8px; font-size: 1.4em; line-height: 1.3; }
.about { margin: 0 0 16px; }
.panel { background: var(--panel); border: 1px solid var(--line); border-radius: 8px; padding: 16px; }
.question { border: 1px solid var(--line); border-radius: 8px; background: var(--panel); margin: 0 0 12px; padding: 12px 14px 14px; min-width: 0; }
.question legend { padding: 0 4px; font-weight: 600; }
.question .ask { margin: 0 0 4px; }
.hint { color: var(--muted); font-size: 0.9em; margin: 4px 0 8px; }
.choices { display: flex; flex-wrap: wrap; gap: 8px; }
.choice { position: relative; }
.choice input { position: absolute; opacity: 0; width: 1px; height: 1px; }
.choice span {
  display: inline-flex; align-items: center; justify-content: center;
  min-width: 44px; min-height: 44px; padding: 0 10px;
  border: 1px solid var(--line); border-radius: 6px; background: var(--panel); cursor: pointer;
}
.choice input:checked + span { background: var(--accent); border-color: var(--accent); color: #fff; }
.choice input:focus-visible + span { outline: 3px solid var(--focus); outline-offset: 2px; }
.comment { display: block; margin: 0 0 12px; }
.comment span { display: block; font-weight: 600; margin-bottom: 4px; }
textarea { width: 100%; font: inherit; border: 1px solid var(--line); border-radius: 6px; padding: 8px; }
.btn {
  font: inherit; border-radius: 6px; border: 1px solid var(--accent); padding: 10px 18px;
  background: var(--accent); color: #fff; cursor: pointer; min-height: 44px; width: 100%;
}
.notice { color: #1e6b3a; background: #e8f5ec; border: 1px solid #b7dfc4; border-radius: 6px; padding: 8px 12px; }
.error { color: var(--danger); background: #fbeaea; border: 1px solid #efc2bf; border-radius: 6px; padding: 8px 12px; }
.answers { margin: 12px 0 0; padding: 0; list-style: none; }
.answers li { padding: 4px 0; border-bottom: 1px solid var(--line); }
@media (min-width: 700px) {
  .survey { padding: 32px 16px; }
  .btn { width: auto; }
}
`;
