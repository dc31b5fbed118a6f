// `/ops audit export …`: where the CSV of what the filters select is. On the web console, a
// download link; on Slack and Discord, the console's link while it is on (the file is only ever
// served to a signed-in admin or pm), else the file's first rows inline, saying that is all there is.
import type { Message } from '../../../chat/card.js';
import type { Translate } from '../../../kernel/i18n.js';
import { auditCsvRows } from './audit-csv.js';
import type { AuditRecord } from './audit-words.js';
import { auditFilters, type AuditView } from './audit.js';

export interface AuditExportAnswer {
  view: AuditView;
  /** How many records the filters select. */
  total: number;
  zone: string;
  /** The download's URL (relative on the console itself), or undefined when the console is off. */
  link: string | undefined;
  /** The file's first rows, shown when there is no link. */
  firstRows: readonly AuditRecord[];
  /** Asked on the web console: the link downloads there and then. */
  web: boolean;
}

// Slack cuts a section at 3000 characters; Discord an embed's description at 4096.
const INLINE_TEXT = 2600;

/** The answer to `/ops audit export …`: the link, or the first rows and why; "no records" when there are none. */
export function auditExportMessage(t: Translate, answer: AuditExportAnswer): Message {
  const title = t('audit_cmd.export.title');
  const filters = auditFilters(t, answer.view);
  if (answer.total === 0) {
    const empty = t('audit_cmd.empty_filtered', { filters });
    return { text: empty, cards: [{ title, text: empty, tone: 'neutral' }] };
  }
  const ready = t('audit_cmd.export.ready', { count: answer.total, filters });
  if (answer.link !== undefined) {
    const text = answer.web ? ready : `${ready}\n${t('audit_cmd.export.sign_in')}`;
    return {
      text: `${title}\n${text}\n${answer.link}`,
      cards: [
        {
          title,
          text,
          tone: 'neutral',
          link: { label: t('audit_cmd.export.download'), url: answer.link },
          footer: t('audit_cmd.export.format', { zone: answer.zone }),
        },
      ],
    };
  }
  const rows = wholeRows(auditCsvRows(t, answer.firstRows, answer.zone), INLINE_TEXT);
  const note = t('audit_cmd.export.console_off', { shown: rows.count, count: answer.total });
  return {
    text: `${title}\n${note}`,
    cards: [{ title, text: `${note}\n${rows.text}`, tone: 'neutral', footer: filters }],
  };
}

/** The header and the first rows that fit in `max` whole, and how many rows that is. */
function wholeRows(rows: readonly string[], max: number): { text: string; count: number } {
  let text = '';
  let count = -1;
  for (const row of rows) {
    if (text.length + row.length + 1 > max) break;
    text = text ? `${text}\n${row}` : row;
    count += 1;
  }
  return { text, count: Math.max(0, count) };
}
