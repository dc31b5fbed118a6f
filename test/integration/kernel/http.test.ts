// The HTTP surface of CONTRACT.md: webhook guard (token, size, JSON), health, readiness, metrics.
import { strict as assert } from 'node:assert';
import { Harness, WEBHOOK_TOKEN } from '../../support/harness.js';

async function post(url: string, body: string, headers: Record<string, string> = {}) {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${WEBHOOK_TOKEN}`, ...headers },
    body,
  });
  const text = await res.text();
  return { status: res.status, json: JSON.parse(text) as { error: string; details: unknown } };
}

describe('HTTP: webhooks, health and metrics', function () {
  let h: Harness;

  before(async function () {
    h = await Harness.start({ label: 'http' });
  });

  after(async function () {
    await h?.stop();
  });

  for (const path of ['alertmanager', 'grafana', 'alerts', 'backups', 'restores/RST-1']) {
    it(`refuses /webhooks/${path} without a token with 401 and a JSON error`, async function () {
      const res = await post(`${h.url}/webhooks/${path}`, '{}', { authorization: '' });
      assert.equal(res.status, 401);
      assert.equal(res.json.error, 'unauthorized');
    });
  }

  it('refuses a wrong token, and a token with the right prefix, with 401', async function () {
    const wrong = await post(`${h.url}/webhooks/alerts`, '{}', { authorization: 'Bearer nope' });
    assert.equal(wrong.status, 401);
    const prefix = await post(`${h.url}/webhooks/alerts`, '{}', {
      authorization: `Bearer ${WEBHOOK_TOKEN.slice(0, -1)}`,
    });
    assert.equal(prefix.status, 401);
    const basic = await post(`${h.url}/webhooks/alerts`, '{}', { authorization: `Basic ${WEBHOOK_TOKEN}` });
    assert.equal(basic.status, 401);
  });

  it('answers a body over 1 MiB with 413 and a JSON error', async function () {
    const big = JSON.stringify({ summary: 'x'.repeat(2 * 1024 * 1024) });
    const res = await post(`${h.url}/webhooks/alerts`, big);
    assert.equal(res.status, 413);
    assert.equal(res.json.error, 'payload_too_large');
  });

  it('answers broken JSON with 400 naming the problem', async function () {
    const res = await post(`${h.url}/webhooks/alerts`, '{"status": "firing",');
    assert.equal(res.status, 400);
    assert.equal(res.json.error, 'malformed_json');
    assert.ok(Array.isArray(res.json.details));
  });

  it('answers a body that is not JSON with 415', async function () {
    const res = await post(`${h.url}/webhooks/alerts`, 'status=firing', { 'content-type': 'text/plain' });
    assert.equal(res.status, 415);
  });

  it('refuses every webhook call when WEBHOOK_TOKEN is unset', async function () {
    const closed = await Harness.start({ label: 'http-closed', env: { WEBHOOK_TOKEN: '' } });
    try {
      const res = await post(`${closed.url}/webhooks/alerts`, '{}');
      assert.equal(res.status, 401);
      assert.match(JSON.stringify(res.json.details), /WEBHOOK_TOKEN/);
    } finally {
      await closed.stop();
    }
  });

  it('answers an unknown webhook path with 404 JSON', async function () {
    const res = await post(`${h.url}/webhooks/nothing`, '{}');
    assert.equal(res.status, 404);
    assert.equal(res.json.error, 'not_found');
  });

  it('says /healthz ok and /readyz ready with the database and jobs', async function () {
    const health = await fetch(`${h.url}/healthz`);
    assert.equal(health.status, 200);
    const ready = await fetch(`${h.url}/readyz`);
    assert.equal(ready.status, 200);
    assert.deepEqual(await ready.json(), { status: 'ready', database: true, jobs: true });
  });

  it('serves Prometheus metrics with process metrics and Zhiban’s own counters', async function () {
    await post(`${h.url}/webhooks/alerts`, '{}', { authorization: 'Bearer nope' });
    const res = await fetch(`${h.url}/metrics`);
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /text\/plain/);
    const text = await res.text();
    assert.match(text, /^zhiban_process_cpu_seconds_total /m);
    assert.match(text, /^zhiban_webhook_requests_total\{endpoint="alerts",status="401"\} \d+/m);
    assert.match(text, /^zhiban_http_request_duration_seconds_bucket\{/m);
  });

  it('never writes the webhook token into the metrics or an error body', async function () {
    const res = await post(`${h.url}/webhooks/alerts`, '{bad');
    assert.doesNotMatch(JSON.stringify(res.json), new RegExp(WEBHOOK_TOKEN));
    const metrics = await (await fetch(`${h.url}/metrics`)).text();
    assert.doesNotMatch(metrics, new RegExp(WEBHOOK_TOKEN));
  });
});
