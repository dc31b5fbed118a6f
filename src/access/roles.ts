// The roles of CONTRACT.md, after the six groups of the operations plan (seed 2.1, 2.2).
export const ROLES = [
  'admin',
  'pm',
  'sysops',
  'secops',
  'dataops',
  'support',
  'service',
  'approver',
  'viewer',
] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}
