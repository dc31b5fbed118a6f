// The restores domain's variables (CONTRACT.md, README "Configuration"): how many distinct people
// approve a restore, how long a request waits for them, and who may approve. The executor's URL
// and secret stay with the kernel's variables, which keep secrets and URLs out of every message.
import { z } from 'zod';
import { isRole, type Role } from '../../access/roles.js';
import { duration, wholeNumber } from '../../config/schema.js';
import type { ConfigFragment } from '../module.js';

export interface RestoreConfig {
  /** Distinct approvers needed, never the requester (RESTORE_APPROVALS_REQUIRED). */
  approvalsRequired: number;
  /** Milliseconds a request waits for its approvals before it expires (RESTORE_APPROVAL_TTL). */
  approvalTtlMs: number;
  /** Who may approve (RESTORE_APPROVER_ROLES); admins may always. */
  approverRoles: Role[];
}

/** `approver, pm` → the roles; null when one is not a role of CONTRACT.md or none is given. */
export function parseRoles(text: string): Role[] | null {
  const roles = text
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);
  if (roles.length === 0 || !roles.every(isRole)) return null;
  return [...new Set(roles)];
}

export const RESTORE_CONFIG: ConfigFragment<'restores'> = {
  section: 'restores',
  env: {
    RESTORE_APPROVALS_REQUIRED: wholeNumber(1, 10, 1),
    RESTORE_APPROVAL_TTL: duration('24h'),
    RESTORE_APPROVER_ROLES: z
      .string()
      .default('approver,pm')
      .refine((v) => parseRoles(v) !== null, 'must be a comma list of roles, like approver,pm')
      .transform((v) => parseRoles(v)!),
  },
  read: (parsed): RestoreConfig => ({
    approvalsRequired: parsed.RESTORE_APPROVALS_REQUIRED as number,
    approvalTtlMs: parsed.RESTORE_APPROVAL_TTL as number,
    approverRoles: parsed.RESTORE_APPROVER_ROLES as Role[],
  }),
};

declare module '../../config/index.js' {
  interface DomainConfig {
    restores: RestoreConfig;
  }
}
