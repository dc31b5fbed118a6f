// Found by issue 18's outage scenario: a webhook handler still storing when the deadline answered
// 503 for it, which then failed (its own 503 could not set a header on the sent answer), became an
// unhandled rejection, because the round-trip counter around it dropped its promise. It must reach
// the app's error handler instead, as Express 5 sends a failing async handler's error there.
import { strict as assert } from 'node:assert';
import type { AddressInfo } from 'node:net';
import express, { type ErrorRequestHandler } from 'express';
import { Secret } from '../../../src/config/secret.js';
import type { DatabaseAvailability } from '../../../src/db/health.js';
import { webhookRouter } from '../../../src/http/webhooks.js';
import { createMetrics } from '../../../src/observability/metrics.js';
import { waitUntil } from '../../support/wait-until.js';

describe('A webhook handler that fails after the deadline answered for it', function () {
  this.timeout(15_000);

  it('reaches the error handler, not the process as an unhandled rejection', async function () {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => void unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    const errors: unknown[] = [];
    let finishHandler: (() => void) | undefined;
    // The database: answering when the request comes, then not answering the deadline's probe.
    const database: DatabaseAvailability = { available: true, probe: () => Promise.resolve(false) };
    const router = webhookRouter(
      new Secret('t0ken-for-the-test'),
      createMetrics(),
      {
        '/alerts': async (_req, res) => {
          await new Promise<void>((resolve) => (finishHandler = resolve));
          // What the alert handler's catch does once the database refused: a header on a sent answer throws.
          res.set('Retry-After', '5');
        },
      },
      database,
    );
    const app = express();
    app.use('/webhooks', router);
    const onError: ErrorRequestHandler = (error, _req, _res, _next) => void errors.push(error);
    app.use(onError);
    const server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const res = await fetch(`http://127.0.0.1:${port}/webhooks/alerts`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: 'Bearer t0ken-for-the-test' },
        body: '[]',
      });
      assert.equal(res.status, 503, 'the deadline answered for the handler');
      assert.equal(res.headers.get('retry-after'), '5');
      finishHandler!();
      await waitUntil(async () => errors.length > 0, 'the handler’s failure at the error handler');
      assert.equal((errors[0] as { code?: string }).code, 'ERR_HTTP_HEADERS_SENT');
      // A turn of the event loop for an unhandled rejection to be reported, had there been one.
      await new Promise((resolve) => setImmediate(resolve));
      assert.deepEqual(unhandled, []);
    } finally {
      process.off('unhandledRejection', onUnhandled);
      server.close();
    }
  });

  it('answers 503 with Retry-After when the database goes away under the handler before the deadline', async function () {
    // Found by the outage test in CI: the driver's network error came first, and the answer was a 500.
    const database: DatabaseAvailability = { available: true, probe: () => Promise.resolve(true) };
    const router = webhookRouter(
      new Secret('t0ken-for-the-test'),
      createMetrics(),
      {
        '/alerts': async () => {
          const gone = new Error('connection 3 to 127.0.0.1:27017 closed');
          gone.name = 'MongoNetworkError';
          throw gone;
        },
      },
      database,
    );
    const app = express();
    app.use('/webhooks', router);
    const errors: unknown[] = [];
    const onError: ErrorRequestHandler = (error, _req, res, _next) => {
      errors.push(error);
      res.status(500).json({ error: 'internal_error' });
    };
    app.use(onError);
    const server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const res = await fetch(`http://127.0.0.1:${port}/webhooks/alerts`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: 'Bearer t0ken-for-the-test' },
        body: '[]',
      });
      assert.equal(res.status, 503);
      assert.equal(res.headers.get('retry-after'), '5');
      assert.equal(((await res.json()) as { error: string }).error, 'not_stored');
      assert.deepEqual(errors, [], 'not an internal error');
    } finally {
      server.close();
    }
  });
});
