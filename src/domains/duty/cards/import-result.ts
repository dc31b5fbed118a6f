// What a refused import answers: every bad row with its reason, in the reader's words.
import type { Translate } from '../../../kernel/i18n.js';
import type { RowProblem } from '../rules/roster-check.js';

/** Each bad row on a line of its own: `第 3 行：…`. */
export function problemLines(t: Translate, problems: readonly RowProblem[]): string[] {
  return problems.map((p) =>
    t('duty.import.row', { row: p.row, reason: t(`duty.import.problems.${p.code}`, p.params) }),
  );
}
