// The survey page's stylesheet, in the web console's look (web/styles/base.css: its colours, type
// and buttons), made for a phone first. Served as a file of its own: the page's Content-Security-Policy
// allows no inline style.
export const SURVEY_PAGE_CSS = `
:root {
  --bg: #f6f7f9;
  --panel: #ffffff;
  --text: #1d2330;
  --muted: #5b6475;
  --line: #d9dde5;
  --accent: #1f5fbf;
  --danger: #b3261e;
  --focus: #ffbf47;
  font-family: system-ui, -apple-system, 'Segoe UI', 'Noto Sans CJK SC', 'Noto Sans SC', 'PingFang SC',
    'Microsoft YaHei', sans-serif;
  font-size: 16px;
  line-height: 1.5;
  color: var(--text);
  background: var(--bg);
}
* { box-sizing: border-box; }
body { margin: 0; }
:focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; }
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
