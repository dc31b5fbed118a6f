// The bits of HTML every page of Zhiban's own shares (the survey page, the duty week view):
// escaping, and the document around a page's body. The console is a separate app (web/).
import type { Locale } from '../kernel/i18n.js';

/** Text made safe to put in HTML, as element content or in a quoted attribute. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * A whole page: `title` and `body` (already HTML) in the page's language, in a `<main>` of class
 * `mainClass`, styled by the `style.css` beside it (relative, so the page works behind a proxy
 * that serves Zhiban under a path of its own). No script, no referrer.
 */
export function htmlDocument(locale: Locale, title: string, body: string, mainClass: string): string {
  return [
    '<!doctype html>',
    `<html lang="${locale}">`,
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="referrer" content="no-referrer">',
    `<title>${escapeHtml(title)}</title>`,
    '<link rel="icon" href="data:,">',
    '<link rel="stylesheet" href="style.css">',
    '</head>',
    '<body>',
    `<main class="${mainClass}">${body}</main>`,
    '</body>',
    '</html>',
  ].join('\n');
}
