// A configuration value that must never be printed, logged or serialised by accident.
const value = Symbol('secret');

export class Secret {
  private readonly [value]: string;

  constructor(raw: string) {
    this[value] = raw;
  }

  /** The real value, for the one place that needs it (a signature, a login). */
  reveal(): string {
    return this[value];
  }

  toString(): string {
    return '[secret]';
  }

  toJSON(): string {
    return '[secret]';
  }

  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return '[secret]';
  }
}
