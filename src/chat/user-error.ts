// A mistake the person can fix: a code that is also the locales/ key, plus its arguments.
export class UserError extends Error {
  constructor(
    readonly code: string,
    readonly params: Record<string, unknown> = {},
    /** A command whose correct form should be shown with the error. */
    readonly usageOf?: string,
  ) {
    super(code);
    this.name = 'UserError';
  }
}
