// The bits of HTML every survey page shares: escaping, and the document around a page's body.
import type { Locale } from '../../../kernel/i18n.js';

/** Text made safe to put in HTML, as element content or in a quoted attribute. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** A whole page: `title` and `body` (already HTML) in the page's language, styled by the survey stylesheet. */
export function document(locale: Locale, title: string, body: string): string {
  return [
    '<!doctype html>',
    `<html lang="${locale}">`,
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="referrer" content="no-referrer">',
    `<title>${escapeHtml(title)}</title>`,
    '<link rel="icon" href="data:,">',
    // Relative, so the page works behind a proxy that serves Zhiban under a path of its own.
    '<link rel="stylesheet" href="style.css">',
    '</head>',
    '<body>',
    `<main class="survey">${body}</main>`,
    '</body>',
    '</html>',
  ].join('\n');
}
