// A finding in words, in the team's language: its name (the alert's name, on the group's card)
// and its summary (the alert's line). Only facts that stay put while the condition lasts go into
// the text (a deadline, not "late by 3 h"), so a finding is said again only when it changes.
import { truncate } from '../../../chat/text.js';
import type { Translate } from '../../../kernel/i18n.js';
import type { Scope } from '../../../../models/backups/backup-run.js';
import type { CheckName, Finding } from '../rules/finding.js';
import { factText } from './format.js';

/** What a finding is about: a system × scope, or a storage. */
export interface About {
  system?: string;
  scope?: Scope;
  storage?: string;
}

/** The tool's own message is quoted, not trusted to be short. */
const MESSAGE_SHOWN = 200;
export const SUMMARY_MAX = 1000;

export function findingName(t: Translate, check: CheckName): string {
  return t(`backup.check.${check}.name`);
}

export function findingSummary(t: Translate, about: About, finding: Finding, zone: string): string {
  const facts = factText(t, finding.facts, zone);
  if (facts.message) facts.message = truncate(facts.message.replace(/\s+/g, ' '), MESSAGE_SHOWN);
  // Late and off-site findings of something never backed up say since when it is known instead.
  const variant = finding.facts.lastAt === undefined && finding.facts.sinceAt !== undefined ? '_never' : '';
  const withMessage = finding.check === 'failed' && facts.message ? '_message' : '';
  const text = t(`backup.check.${finding.check}.text${variant}${withMessage}`, {
    ...facts,
    system: about.system ?? '',
    scope: about.scope ? t(`backup.scope.${about.scope}`) : '',
    kind: finding.kind ? t(`backup.kind.${finding.kind}`) : '',
    name: about.storage ?? facts.name ?? '',
  });
  return truncate(text, SUMMARY_MAX);
}
