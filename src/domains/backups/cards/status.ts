// `/backup status`: one table-like card, a line per system × scope (its verdict, then its latest
// full and incremental: age, size, where, verified), worst first; the worst 20, and a count of the rest.
import type { Message, Tone } from '../../../chat/card.js';
import type { Translate } from '../../../kernel/i18n.js';
import type { Kind } from '../../../../models/backups/backup-run.js';
import type { RecentRun } from '../../../../models/backups/backup-summary.js';
import type { StatusRow, Verdict } from '../rules/status.js';
import { formatAge, formatBytes } from './format.js';

export const ROWS_SHOWN = 20;

const TONES: Record<Verdict, Tone> = {
  failed: 'major',
  late: 'major',
  small: 'major',
  stuck: 'minor',
  unverified: 'minor',
  offsite: 'minor',
  ok: 'success',
};

/** `system`: the one asked about, if any. */
export function statusMessage(t: Translate, rows: readonly StatusRow[], now: Date, system?: string): Message {
  const ok = rows.filter((row) => row.verdict === 'ok').length;
  const counts = { ok, all: rows.length };
  const title = system ? t('backup.status.title_system', { system, ...counts }) : t('backup.status.title', counts);
  if (rows.length === 0) {
    const text = t('backup.status.empty');
    return { text: `${title}\n${text}`, cards: [{ title, text, tone: 'neutral' }] };
  }
  const shown = rows.slice(0, ROWS_SHOWN);
  const lines = shown.map((row) => statusLine(t, row, now));
  const rest = rows.slice(ROWS_SHOWN);
  if (rest.length > 0) {
    lines.push(t('backup.status.more', { count: rest.length, ok: rest.filter((row) => row.verdict === 'ok').length }));
  }
  return {
    text: [title, ...lines].join('\n'),
    cards: [{ title, text: lines.join('\n'), tone: TONES[rows[0]!.verdict], footer: t('backup.status.footer') }],
  };
}

export function statusLine(t: Translate, row: StatusRow, now: Date): string {
  const runs = [runText(t, 'full', row.full, now), runText(t, 'incremental', row.incremental, now)];
  return t('backup.status.row', {
    verdict: t(`backup.verdict.${row.verdict}`),
    system: row.system,
    scope: t(`backup.scope.${row.scope}`),
    runs: runs.join(t('backup.status.joiner')),
  });
}

function runText(t: Translate, kind: Kind, run: RecentRun | undefined, now: Date): string {
  const kindWord = t(`backup.kind.${kind}`);
  if (!run) return t('backup.status.no_run', { kind: kindWord });
  const key =
    kind === 'full'
      ? run.verified
        ? 'backup.status.run_verified'
        : 'backup.status.run_unverified'
      : 'backup.status.run';
  return t(key, {
    kind: kindWord,
    age: formatAge(t, run.finishedAt, now),
    size: run.sizeBytes !== undefined ? formatBytes(run.sizeBytes) : t('backup.status.no_size'),
    location: t(`backup.location.${run.location}`),
  });
}
