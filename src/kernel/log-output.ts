// Where `npm start`'s log lines go: on a terminal, pino-pretty's readable lines (when the package is
// installed); anywhere else, pino's JSON, one object a line, for a log collector. Lines are held
// until release(), so the start-up banner with the console's address is the first thing printed.

/** What pino writes each log line to. */
export interface LineSink {
  write(line: string): unknown;
}

/** pino-pretty's `prettyFactory`: one JSON line in, readable text out (empty to drop the line). */
export type Prettifier = (line: string) => string;

export interface PrettyOptions {
  colorize: boolean;
  translateTime: string;
  ignore: string;
}

export type PrettyLoader = () => Promise<((options: PrettyOptions) => Prettifier) | undefined>;

export interface LogOutput {
  destination: LineSink;
  /** `pretty` on a terminal with pino-pretty installed, else `json`. */
  format: 'pretty' | 'json';
  /** Writes what was held, in order, and lets later lines through at once. */
  release(): void;
}

/** pino-pretty if it is installed; it is loaded only for a terminal, never needed elsewhere. */
export const loadPinoPretty: PrettyLoader = async () => {
  // A name in a variable: the type checker does not require the package, which is optional.
  const name = 'pino-pretty';
  try {
    const loaded = (await import(name)) as { prettyFactory?: (options: PrettyOptions) => Prettifier };
    return loaded.prettyFactory;
  } catch {
    return undefined;
  }
};

/** The output for `stream` (process.stderr for `npm start`): pretty if it is a terminal, held until released. */
export async function logOutput(
  stream: LineSink & { isTTY?: boolean },
  loadPretty: PrettyLoader = loadPinoPretty,
): Promise<LogOutput> {
  const factory = stream.isTTY ? await loadPretty() : undefined;
  const prettify = factory?.({ colorize: true, translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname,app' });
  let held: string[] | undefined = [];
  const emit = (line: string) => {
    const text = prettify ? prettify(line) : line;
    if (text) stream.write(text);
  };
  return {
    destination: {
      write(line: string) {
        if (held) held.push(line);
        else emit(line);
      },
    },
    format: prettify ? 'pretty' : 'json',
    release() {
      const lines = held ?? [];
      held = undefined;
      lines.forEach(emit);
    },
  };
}
