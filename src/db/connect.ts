// Opens Zhiban's own mongoose connection, riding out a database that is still starting or briefly gone.
import mongoose from 'mongoose';

export interface ConnectLog {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export interface ConnectOptions {
  /** How long the first connection may keep being retried; about 30 s by default. */
  retryBudgetMs?: number;
  /** Defaults to DATABASE_DEADLINES.serverSelectionTimeoutMS. */
  serverSelectionTimeoutMS?: number;
}

/**
 * The driver's deadlines, so that no database call waits for ever on a database that stopped
 * answering (the driver 7.8 in use ignores `timeoutMS`; these are what it honours). Milliseconds.
 * The socket deadline is long on purpose: a write cut off on our side may still be applied when a
 * stalled server resumes, so calls in flight are let finish through a stall of up to half a
 * minute; people and senders get their fast answer from the surfaces' own deadlines
 * (src/db/health.ts), not from cutting calls short.
 */
export const DATABASE_DEADLINES = {
  /** Finding a server that answers, for each call (and each retry of one). */
  serverSelectionTimeoutMS: 5_000,
  /** Opening a connection, its handshake included; also each heartbeat of the driver's monitor. */
  connectTimeoutMS: 5_000,
  /** Waiting for the answer to a call already sent. */
  socketTimeoutMS: 30_000,
  /** Waiting for a free connection of the pool. */
  waitQueueTimeoutMS: 10_000,
} as const;

/**
 * The write concern Zhiban asks for unless the URI says otherwise: acknowledged by a majority of
 * a replica set's members and written to their journals, so an acknowledged write survives the
 * loss of the primary and a power cut (a standalone mongod: its own journal). A `w` or `journal`
 * in the URI's options wins over the default, field by field (the driver would otherwise let an
 * option given in code override the URI).
 */
export function durableWriteConcern(uri: string): { w?: 'majority'; journal?: boolean } {
  const query = uri.split('?')[1] ?? '';
  const given = new Set(query.split('&').map((pair) => decodeURIComponent(pair.split('=')[0] ?? '').toLowerCase()));
  return {
    ...(given.has('w') ? {} : { w: 'majority' as const }),
    ...(given.has('journal') ? {} : { journal: true }),
  };
}

const FIRST_DELAY_MS = 500;
const MAX_DELAY_MS = 8000;

// Only these mean "not reachable yet"; a bad URI or bad credentials will not improve by waiting.
const TRANSIENT = new Set(['MongooseServerSelectionError', 'MongoServerSelectionError', 'MongoNetworkError']);

/**
 * A connection of its own (not mongoose's global default), so tests and tools can hold several.
 * After the first connect the driver reconnects by itself; we only say when it drops and returns.
 */
export async function connectDatabase(
  uri: string,
  log: ConnectLog,
  opts: ConnectOptions = {},
): Promise<mongoose.Connection> {
  const budget = opts.retryBudgetMs ?? 30_000;
  const where = maskUri(uri);
  const started = Date.now();
  let delay = FIRST_DELAY_MS;
  for (let attempt = 1; ; attempt++) {
    // No serverApi: the embedded engine rejects it, and real MongoDB does not need it.
    const conn = mongoose.createConnection(uri, {
      ...DATABASE_DEADLINES,
      serverSelectionTimeoutMS: opts.serverSelectionTimeoutMS ?? DATABASE_DEADLINES.serverSelectionTimeoutMS,
      writeConcern: durableWriteConcern(uri),
      // Mongoose would hold calls made while it thinks the connection is down for 10 s of its own;
      // the driver's server selection deadline is the one wait, and it is shorter.
      bufferCommands: false,
      appName: 'zhiban',
      // Command events, so each operation's database round trips can be counted (src/observability/round-trips.ts).
      monitorCommands: true,
    });
    try {
      await conn.asPromise();
      watchConnection(conn, where, log);
      log.info({ db: where, attempt }, 'database connected');
      return conn;
    } catch (err) {
      await conn.destroy(true).catch(() => undefined); // also drops it from mongoose.connections
      const reason = maskUri(err instanceof Error ? err.message : String(err));
      const name = err instanceof Error ? err.name : '';
      const elapsed = Date.now() - started;
      if (!TRANSIENT.has(name) || elapsed + delay > budget) {
        // No `cause`: the driver's error can quote the URI with its password.
        // eslint-disable-next-line preserve-caught-error
        throw new Error(
          `Cannot connect to the database at ${where} (${attempt} attempt${attempt > 1 ? 's' : ''} ` +
            `over ${Math.round(elapsed / 1000)} s): ${reason}`,
        );
      }
      log.warn({ db: where, attempt, retryInMs: delay, reason }, 'database not reachable yet; retrying');
      await new Promise((resolve) => setTimeout(resolve, delay));
      delay = Math.min(delay * 2, MAX_DELAY_MS);
    }
  }
}

// mongoose can emit 'disconnected' more than once per outage; one line per drop and return is enough.
function watchConnection(conn: mongoose.Connection, where: string, log: ConnectLog): void {
  let down = false;
  let closing = false;
  // close() passes through 'disconnecting' first; what follows is on purpose, not an outage.
  conn.on('disconnecting', () => {
    closing = true;
  });
  conn.on('disconnected', () => {
    if (down || closing) return;
    down = true;
    log.warn({ db: where }, 'database disconnected; the driver keeps retrying');
  });
  const back = () => {
    if (!down) return;
    down = false;
    log.info({ db: where }, 'database reconnected');
  };
  conn.on('reconnected', back);
  conn.on('connected', back);
}

/**
 * The URI with credentials hidden, fit for logs and error messages. Works on any text that
 * contains such URIs, since driver errors sometimes quote them.
 */
export function maskUri(text: string): string {
  return (
    text
      // user:password@ (or just user@), up to the last '@': passwords are not always
      // percent-encoded as they should be, and hiding a host too is better than showing a password.
      .replace(/([a-z][a-z0-9+.-]*:\/\/)\S*@/gi, '$1***@')
      // Secrets passed as options, e.g. ?tlsCertificateKeyFilePassword=... or AWS session tokens.
      .replace(/([?&][^=&\s]*(?:password|secret|token|authMechanismProperties)[^=&\s]*=)[^&\s]*/gi, '$1***')
  );
}
