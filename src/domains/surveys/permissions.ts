// Who may do what with surveys (issue 15): customer service, technical support and project
// management send them by hand and read the reports; only project management skips the cooldown
// (`force`) and sees who wrote each comment. Answering is not a role: only the person a survey was
// sent to may answer it (src/domains/surveys/rules/survey-answers.ts).
import type { PermissionRows, Rows } from '../../access/permissions.js';

export const SURVEY_PERMISSIONS = {
  'survey.send': { roles: ['admin', 'pm', 'support', 'service'] },
  'survey.force': { roles: ['admin', 'pm'] },
  'survey.report': { roles: ['admin', 'pm', 'support', 'service'] },
  'survey.names': { roles: ['admin', 'pm'] },
} as const satisfies PermissionRows;

declare module '../../access/permissions.js' {
  interface PermissionRegistry extends Rows<typeof SURVEY_PERMISSIONS> {}
}
