// Reading what people typed or submitted for an incident, with a coded error for each mistake.
import { UserError } from '../../src/chat/user-error.js';
import { CATEGORIES, SEVERITIES, type Category, type Severity } from '../../models/incidents/incident.js';
import type { DeclareInput } from '../../src/domains/incidents/rules/incident-service.js';
import { TEXT_MAX, TITLE_MAX } from './forms.js';

/**
 * The categories as Chinese teams type them: the plan's own names (seed 5.1: 常规问题, 技术问题,
 * 安全问题, 特殊问题) and their short forms.
 */
const CHINESE_CATEGORIES: Readonly<Record<string, Category>> = {
  常规: 'routine',
  常规问题: 'routine',
  技术: 'technical',
  技术问题: 'technical',
  安全: 'security',
  安全问题: 'security',
  特殊: 'special',
  特殊问题: 'special',
};

/** `[P1|P2|P3|P4] [routine|technical|security|special|常规|技术|安全|特殊] <title…>` */
export function parseDeclare(words: readonly string[]): DeclareInput {
  let rest = [...words];
  let severity: Severity = 'P3';
  let category: Category = 'technical';
  const first = rest[0]?.toUpperCase();
  if (first && (SEVERITIES as readonly string[]).includes(first)) {
    severity = first as Severity;
    rest = rest.slice(1);
  } else if (first && /^P\d$/.test(first)) {
    throw new UserError('incident.errors.bad_severity', { value: rest[0] }, 'incident');
  }
  const second = rest[0]?.toLowerCase();
  if (second && (CATEGORIES as readonly string[]).includes(second)) {
    category = second as Category;
    rest = rest.slice(1);
  } else if (second && CHINESE_CATEGORIES[second]) {
    category = CHINESE_CATEGORIES[second];
    rest = rest.slice(1);
  }
  return { severity, category, title: requireTitle(rest.join(' ')) };
}

export function parseDeclareForm(values: Record<string, string>): DeclareInput {
  const severity = (values.severity ?? 'P3').trim().toUpperCase();
  if (!(SEVERITIES as readonly string[]).includes(severity)) {
    throw new UserError('incident.errors.bad_severity', { value: severity.slice(0, 20) });
  }
  const category = (values.category ?? 'technical').trim().toLowerCase();
  if (!(CATEGORIES as readonly string[]).includes(category)) {
    throw new UserError('incident.errors.bad_category', { value: category.slice(0, 20) });
  }
  return {
    title: requireTitle(values.title ?? ''),
    severity: severity as Severity,
    category: category as Category,
    system: optionalText(values.system, 100),
    description: optionalText(values.description, TEXT_MAX),
  };
}

export function requireText(text: string | undefined, max = TEXT_MAX): string {
  const value = (text ?? '').trim();
  if (!value) throw new UserError('incident.errors.missing_text', {}, 'incident');
  if (value.length > max) throw new UserError('errors.too_long', { max });
  return value;
}

export function requireId(id: string | undefined): string {
  if (!id) throw new UserError('incident.errors.missing_id', {}, 'incident');
  return id;
}

function requireTitle(raw: string): string {
  const title = raw.trim();
  if (!title) throw new UserError('incident.errors.missing_title', {}, 'incident');
  if (title.length > TITLE_MAX) throw new UserError('errors.too_long', { max: TITLE_MAX });
  return title;
}

function optionalText(raw: string | undefined, max: number): string | undefined {
  const value = (raw ?? '').trim();
  if (!value) return undefined;
  if (value.length > max) throw new UserError('errors.too_long', { max });
  return value;
}
