// One structured logger (pino) for the whole process; secrets are redacted by path and by type.
import { pino, type Logger } from 'pino';

export type { Logger } from 'pino';

const REDACT = [
  'token',
  'password',
  'secret',
  'authorization',
  '*.token',
  '*.password',
  '*.secret',
  '*.authorization',
  'headers.authorization',
  'req.headers.authorization',
  '*.headers.authorization',
  'config.token',
];

/** JSON lines to `destination` (stdout by default), secrets censored; `npm start` passes src/kernel/log-output.ts. */
export function createLogger(level: string, destination?: { write(line: string): unknown }): Logger {
  return pino(
    {
      level,
      base: { app: 'zhiban' },
      redact: { paths: REDACT, censor: '[secret]' },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    destination ?? process.stdout,
  );
}

/** A logger that says nothing, for tests that do not look at logs. */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
