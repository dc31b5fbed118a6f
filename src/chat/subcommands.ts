// Picks the subcommand a person typed (`/ops channel set alerts` → `channel`) and runs it.
import { truncate } from './text.js';
import type { CommandContext } from './context.js';
import { UserError } from './user-error.js';

export type Subcommand = (ctx: CommandContext, rest: string[]) => Promise<void>;

export interface DispatchOptions {
  /** What the person typed to get here, for the error: `ops`, `ops channel`. */
  name: string;
  /** The locales/ key under `usage.` showing the correct form. */
  usage: string;
  whenEmpty?: Subcommand;
}

export async function dispatchSubcommand(
  ctx: CommandContext,
  args: readonly string[],
  table: Record<string, Subcommand>,
  options: DispatchOptions,
): Promise<void> {
  const [first, ...rest] = args;
  if (first === undefined) {
    if (options.whenEmpty) return options.whenEmpty(ctx, []);
    throw new UserError('errors.missing_subcommand', { command: options.name }, options.usage);
  }
  const run = Object.hasOwn(table, first.toLowerCase()) ? table[first.toLowerCase()] : undefined;
  if (!run) {
    throw new UserError(
      'errors.unknown_subcommand',
      { command: options.name, sub: truncate(first, 40) },
      options.usage,
    );
  }
  await run(ctx, rest);
}
