// Checks that run before a handler changes anything; each fails with a coded UserError.
import type { BaseContext } from './context.js';
import { UserError } from './user-error.js';

/** Passes when the person holds one of `roles` (admins always pass). */
export function requireRole(ctx: BaseContext, roles: readonly string[]): void {
  if (ctx.roles.has('admin') || roles.some((role) => ctx.roles.has(role))) return;
  const names = [...new Set(['admin', ...roles])].map((role) => ctx.t(`roles.${role}`)).join(', ');
  throw new UserError('errors.role_required', { roles: names });
}

export function requireMaxLength(value: string, max: number): void {
  if (value.length > max) throw new UserError('errors.too_long', { max });
}
