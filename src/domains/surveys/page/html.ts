// The HTML every survey page shares: Zhiban's page document (src/http/html-page.ts), of class `survey`.
import type { Locale } from '../../../kernel/i18n.js';
import { escapeHtml, htmlDocument } from '../../../http/html-page.js';

export { escapeHtml };

/** A whole page: `title` and `body` (already HTML) in the page's language, styled by the survey stylesheet. */
export function document(locale: Locale, title: string, body: string): string {
  return htmlDocument(locale, title, body, 'survey');
}
