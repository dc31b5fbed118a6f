// A fixed quarter of surveys (2026-Q4) whose report is worked out by hand in the tests that use it
// (test/unit/surveys/report-numbers.test.ts, test/integration/surveys/report.test.ts).
import type { Category, Severity } from '../../models/incidents/incident.js';
import type { Survey } from '../../models/surveys/survey.js';
import { aSurvey } from './survey-mother.js';

/** October 2026, day `n`, 10:00 in Shanghai. */
const october = (n: number) => new Date(Date.UTC(2026, 9, n, 2));

function answered(
  n: number,
  incident: [string, Category, Severity] | undefined,
  answers: Survey['answers'],
  comment?: string,
): Survey {
  const [id, category, severity] = incident ?? [];
  const sentAt = october(n);
  return aSurvey({
    _id: `SRV-${n}`,
    shortId: `SRV-${n}`,
    person: `slack:UPERSON${n}`,
    sentAt,
    closesAt: new Date(sentAt.getTime() + 7 * 86_400_000),
    remindAt: new Date(sentAt.getTime() + 2 * 86_400_000),
    state: 'closed',
    answers,
    ...(id ? { incident: { id, title: `title of ${id}`, category: category!, severity: severity! } } : {}),
    ...(incident ? {} : { incident: undefined, reason: 'manual' as const }),
    ...(comment ? { comment } : {}),
  });
}

/**
 *  survey  incident  category   sev  timeliness quality overall loyalty  comment
 *  SRV-1   INC-1     technical  P1   5          4       5       10       fast
 *  SRV-2   INC-2     technical  P2   3          3       2       6
 *  SRV-3   INC-3     security   P1   4          5       4       9        thanks
 *  SRV-4   INC-4     routine    P3   2          1       2       3
 *  SRV-5   INC-2     technical  P2   4          —       —       9
 *  SRV-6   —                         —          —       —       —        (not answered)
 *  SRV-7   INC-5     special    P4   —          —       —       —        slow to reply
 *  SRV-8   —                         —          —       3       7
 *  SRV-9   INC-6     routine    P4   3          3       3       5
 *  SRV-10  INC-7     technical  P3   1          2       1       0
 */
export const QUARTER_OF_SURVEYS: readonly Survey[] = [
  answered(1, ['INC-1', 'technical', 'P1'], { timeliness: 5, quality: 4, overall: 5, loyalty: 10 }, 'fast'),
  answered(2, ['INC-2', 'technical', 'P2'], { timeliness: 3, quality: 3, overall: 2, loyalty: 6 }),
  answered(3, ['INC-3', 'security', 'P1'], { timeliness: 4, quality: 5, overall: 4, loyalty: 9 }, 'thanks'),
  answered(4, ['INC-4', 'routine', 'P3'], { timeliness: 2, quality: 1, overall: 2, loyalty: 3 }),
  answered(5, ['INC-2', 'technical', 'P2'], { timeliness: 4, loyalty: 9 }),
  answered(6, undefined, {}),
  answered(7, ['INC-5', 'special', 'P4'], {}, 'slow to reply'),
  answered(8, undefined, { overall: 3, loyalty: 7 }),
  answered(9, ['INC-6', 'routine', 'P4'], { timeliness: 3, quality: 3, overall: 3, loyalty: 5 }),
  answered(10, ['INC-7', 'technical', 'P3'], { timeliness: 1, quality: 2, overall: 1, loyalty: 0 }),
];
