// A restore executor in tests: an HTTP server that records every call Zhiban makes to
// RESTORE_EXECUTOR_URL (headers, the raw body, whether its signature holds) and answers as told —
// a queue of statuses (500 then 200), or holding a call open until released (a call whose answer
// Zhiban never hears). It can report progress back as a real executor would.
import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ExecutorPayload } from '../../src/domains/restores/rules/executor-client.js';
import { signatureHolds } from '../../src/http/signature.js';
import { WEBHOOK_TOKEN } from './harness.js';
import { waitUntil } from './wait-until.js';

export const EXECUTOR_SECRET = 'test-executor-secret-0123456789';

export interface ExecutorCall {
  headers: IncomingHttpHeaders;
  raw: string;
  body: ExecutorPayload;
  /** The signature is the HMAC of "<timestamp>.<raw body>" and the timestamp within 5 minutes of now. */
  signed: boolean;
  /** What it was answered (0: held, then dropped). */
  status: number;
}

/** An answer: an HTTP status, or `hold` (the call stays open until release() or stop()). */
export type ExecutorAnswer = number | 'hold';

export class FakeExecutor {
  readonly calls: ExecutorCall[] = [];
  private readonly answers: ExecutorAnswer[] = [];
  private readonly held = new Set<ServerResponse>();

  private constructor(
    private readonly server: Server,
    readonly url: string,
    /** The status given once the queue of answers is empty. */
    public otherwise: number,
  ) {}

  static async start(otherwise = 202): Promise<FakeExecutor> {
    const holder: { executor?: FakeExecutor } = {};
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => holder.executor!.answer(req.headers, Buffer.concat(chunks).toString('utf8'), res));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    holder.executor = new FakeExecutor(server, `http://127.0.0.1:${port}/restore`, otherwise);
    return holder.executor;
  }

  /** The next calls get these answers, in order. */
  answerNext(...answers: ExecutorAnswer[]): void {
    this.answers.push(...answers);
  }

  /** Resolves once `count` calls have arrived. */
  async waitForCalls(count: number, timeoutMs = 10_000): Promise<ExecutorCall[]> {
    await waitUntil(async () => this.calls.length >= count, `${count} call(s) to the executor`, {
      timeoutMs,
      everyMs: 20,
    });
    return this.calls;
  }

  /** Answers every held call with `status`. */
  release(status = 200): void {
    for (const res of this.held) res.writeHead(status).end();
    this.held.clear();
  }

  /** Reports progress on a restore to Zhiban, as an executor does (POST /webhooks/restores/:id). */
  static report(zhibanUrl: string, id: string, body: unknown, token = WEBHOOK_TOKEN) {
    return fetch(`${zhibanUrl}/webhooks/restores/${id}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    }).then(async (res) => ({ status: res.status, json: (await res.json()) as Record<string, unknown> }));
  }

  async stop(): Promise<void> {
    for (const res of this.held) res.destroy();
    this.held.clear();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private answer(headers: IncomingHttpHeaders, raw: string, res: ServerResponse): void {
    const answer = this.answers.shift() ?? this.otherwise;
    const signed = signatureHolds(
      EXECUTOR_SECRET,
      { timestamp: header(headers, 'x-zhiban-timestamp'), signature: header(headers, 'x-zhiban-signature') },
      raw,
      Math.floor(Date.now() / 1000),
    );
    let body: ExecutorPayload;
    try {
      body = JSON.parse(raw) as ExecutorPayload;
    } catch {
      body = {} as ExecutorPayload;
    }
    this.calls.push({ headers, raw, body, signed, status: answer === 'hold' ? 0 : answer });
    if (answer === 'hold') {
      this.held.add(res);
      return;
    }
    res.writeHead(answer, { 'content-type': 'application/json' }).end(JSON.stringify({ ok: answer < 300 }));
  }
}

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}
