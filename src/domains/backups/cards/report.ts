// The daily backup report as a message: the report card (compliance, what is wrong, size and
// growth, the last day's runs, storages) and, when something passed its retention, the clean-up
// card. Draws BackupReportData; reads nothing itself.
import type { Card, Message } from '../../../chat/card.js';
import { formatTime } from '../../../chat/time.js';
import { localDay } from '../../../kernel/calendar.js';
import type { Translate } from '../../../kernel/i18n.js';
import type { BackupReportData, StorageLine } from '../rules/report.js';
import { formatBytes } from './format.js';
import { statusLine } from './status.js';

export const PROBLEMS_SHOWN = 15;
export const CLEANUP_SHOWN = 20;

export function reportMessage(t: Translate, report: BackupReportData, zone: string): Message {
  const day = localDay(report.at, zone);
  const title = t('backup.report.title', { day });
  const { ok, all } = report.rows;
  const problems = report.problems.slice(0, PROBLEMS_SHOWN).map((row) => statusLine(t, row, report.at));
  if (report.problems.length > PROBLEMS_SHOWN) {
    problems.push(t('backup.report.more', { count: report.problems.length - PROBLEMS_SHOWN }));
  }
  const text =
    report.problems.length > 0
      ? [t('backup.report.problems', { count: report.problems.length }), ...problems].join('\n')
      : t('backup.report.problems_none');
  const card: Card = {
    title,
    text,
    tone: report.problems.length > 0 ? 'major' : 'success',
    fields: [
      {
        label: t('backup.report.compliance'),
        value: t('backup.report.compliance_value', { ok, all, percent: all > 0 ? Math.floor((100 * ok) / all) : 100 }),
        short: true,
      },
      { label: t('backup.report.runs'), value: t('backup.report.runs_value', report.runs), short: true },
      { label: t('backup.report.size'), value: sizeText(t, report.size) },
      { label: t('backup.report.storages'), value: storagesText(t, report.storages, zone) },
    ],
  };
  const cards = [card, ...cleanupCards(t, report, zone)];
  return { text: [title, ...cards.map((c) => c.text ?? '')].join('\n'), cards };
}

function sizeText(t: Translate, size: BackupReportData['size']): string {
  const change = size.totalBytes - size.dayBeforeBytes;
  const percent =
    size.dayBeforeBytes > 0 ? ` (${sign(change)}${((100 * Math.abs(change)) / size.dayBeforeBytes).toFixed(1)}%)` : '';
  return t('backup.report.size_value', {
    total: formatBytes(size.totalBytes),
    before: formatBytes(size.dayBeforeBytes),
    growth: `${sign(change)}${formatBytes(Math.abs(change))}${percent}`,
  });
}

function sign(n: number): string {
  return n < 0 ? '−' : '+';
}

function storagesText(t: Translate, storages: readonly StorageLine[], zone: string): string {
  if (storages.length === 0) return t('backup.report.storage_none');
  return storages
    .map((s) => {
      const params = { name: s.name, free: formatBytes(s.freeBytes), percent: s.percent };
      return s.fullAt
        ? t('backup.report.storage_full', { ...params, day: localDay(s.fullAt, zone) })
        : t('backup.report.storage_line', params);
    })
    .join('\n');
}

function cleanupCards(t: Translate, report: BackupReportData, zone: string): Card[] {
  const { groups, ids } = report.cleanup;
  if (ids.length === 0) return [];
  const lines = groups.slice(0, CLEANUP_SHOWN).map((g) =>
    t('backup.report.cleanup_line', {
      system: g.system,
      scope: t(`backup.scope.${g.scope}`),
      count: g.count,
      oldest: formatTime(g.oldest, zone),
    }),
  );
  if (groups.length > CLEANUP_SHOWN) lines.push(t('backup.report.more', { count: groups.length - CLEANUP_SHOWN }));
  return [
    {
      title: t('backup.report.cleanup_title', { count: ids.length }),
      text: lines.join('\n'),
      tone: 'info',
      footer: t('backup.report.cleanup_footer'),
    },
  ];
}
