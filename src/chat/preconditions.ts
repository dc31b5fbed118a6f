// Checks that run before a handler changes anything; each fails with a coded UserError.
// Role checks are not here: they go through handlers/authorize.ts and the permission table.
import { truncate } from './text.js';
import type { BaseContext } from './context.js';
import { parseUserRef } from './mentions.js';
import { UserError } from './user-error.js';

export function requireMaxLength(value: string, max: number): void {
  if (value.length > max) throw new UserError('errors.too_long', { max });
}

/** The `platform:id` of the person named in `typed`; `usage` is the form shown when it is missing or malformed. */
export function requireUserRef(ctx: Pick<BaseContext, 'actor'>, typed: string | undefined, usage?: string): string {
  if (typed === undefined || typed.trim() === '') throw new UserError('errors.missing_user', {}, usage);
  const key = parseUserRef(typed, ctx.actor.platform);
  if (!key) throw new UserError('errors.bad_user', { value: truncate(typed, 40) }, usage);
  return key;
}
