// What an import answers: how many shifts from when to when, or every bad row with its reason.
import type { RosterShift } from '../../../../models/duty/roster.js';
import type { Translate } from '../../../kernel/i18n.js';
import { formatTime } from '../../../chat/time.js';
import type { RowProblem } from '../rules/roster-check.js';
import { teamName } from './words.js';

/** Each bad row on a line of its own: `第 3 行：…`. */
export function problemLines(t: Translate, problems: readonly RowProblem[]): string[] {
  return problems.map((p) =>
    t('duty.import.row', { row: p.row, reason: t(`duty.import.problems.${p.code}`, p.params) }),
  );
}

export function importedText(t: Translate, team: string, shifts: readonly RosterShift[], zone: string): string {
  return t('duty.import.done', {
    team: teamName(t, team),
    count: shifts.length,
    from: formatTime(shifts[0]!.start, zone),
    to: formatTime(shifts[shifts.length - 1]!.end, zone),
  });
}
