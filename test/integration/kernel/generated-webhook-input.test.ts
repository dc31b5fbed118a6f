// Generated bad input for every webhook (issue 18, "Bad input, generated"), against a real Zhiban
// over HTTP: arbitrary JSON, wrong types, deep nesting, huge arrays and unicode edge cases (RTL
// marks, zero-width joiners, emoji, lone surrogates, NUL). The properties: never a 5xx and never a
// crash; a 4xx is JSON whose details name the field (or the body) at fault; valid input is never
// refused. fast-check shrinks any counterexample to the smallest body that breaks a property.
import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { Harness, WEBHOOK_TOKEN } from '../../support/harness.js';

const PATHS = ['/webhooks/alertmanager', '/webhooks/grafana', '/webhooks/alerts', '/webhooks/backups'] as const;

/** Characters that break naive text handling, mixed into generated strings. */
const AWKWARD = [
  '\u200f',
  '\u202e',
  '\u200d',
  '\u200b',
  '👩‍👩‍👧',
  '\ud800',
  '\udfff',
  '\u0000',
  '|',
  '\n',
  '值班',
  '"',
  '\\',
];

/** Strings of any code point, with the awkward ones far more often than chance would give them. */
const awkwardString = (maxLength: number) =>
  fc
    .array(fc.oneof(fc.constantFrom(...AWKWARD), fc.string({ unit: 'binary', maxLength: 8 })), { maxLength })
    .map((parts) => parts.join(''));

/** Any JSON value, its strings awkward. */
const anyJson = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constant(null),
    fc.boolean(),
    fc.double(),
    fc.integer(),
    awkwardString(20),
    fc.array(tie('value'), { maxLength: 6 }),
    fc.dictionary(
      fc.oneof(awkwardString(6), fc.constantFrom('status', 'alerts', 'labels', 'system', 'scope')),
      tie('value'),
      {
        maxKeys: 6,
      },
    ),
  ),
})).value;

/** Objects shaped like the real payloads, with fields of the wrong type or awkward content. */
const nearlyValid = fc.record(
  {
    status: fc.oneof(fc.constantFrom('firing', 'resolved', 'running', 'succeeded', 'failed'), anyJson),
    alerts: fc.oneof(fc.array(anyJson, { maxLength: 4 }), anyJson),
    source: fc.oneof(awkwardString(30), anyJson),
    name: fc.oneof(awkwardString(30), anyJson),
    labels: fc.oneof(fc.dictionary(awkwardString(8), awkwardString(20), { maxKeys: 4 }), anyJson),
    system: fc.oneof(awkwardString(20), anyJson),
    scope: fc.oneof(fc.constantFrom('business', 'database', 'config', 'os-image', 'other'), anyJson),
    kind: fc.oneof(fc.constantFrom('full', 'incremental'), anyJson),
    backupId: fc.oneof(awkwardString(20), anyJson),
    startedAt: fc.oneof(
      fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
      anyJson,
    ),
    sizeBytes: fc.oneof(fc.double(), fc.integer(), anyJson),
    location: fc.oneof(fc.constantFrom('local', 'remote', 'tape', 'cloud'), anyJson),
  },
  { requiredKeys: [] },
);

interface Answer {
  status: number;
  json: unknown;
}

describe('generated webhook input (fast-check, real HTTP)', function () {
  this.timeout(120_000);
  let h: Harness;

  before(async () => {
    h = await Harness.start({ label: 'generated-webhooks' });
  });
  after(async () => {
    await h?.stop();
  });

  async function post(path: string, body: string): Promise<Answer> {
    const res = await fetch(`${h.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${WEBHOOK_TOKEN}` },
      body,
    });
    const text = await res.text();
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    return { status: res.status, json };
  }

  /** A refusal names what is wrong: a field (`labels.x: …`), the body (`(body): …`), or an item by index. */
  function assertNamedRefusal(answer: Answer, context: string): void {
    assert.ok(answer.status < 500, `${context}: HTTP ${answer.status} ${JSON.stringify(answer.json)}`);
    if (answer.status < 400) return;
    const body = answer.json as { error?: unknown; details?: unknown } | undefined;
    assert.equal(typeof body?.error, 'string', `${context}: no error code in ${JSON.stringify(answer.json)}`);
    assert.ok(Array.isArray(body?.details) && body.details.length > 0, `${context}: no details`);
    for (const detail of body.details as unknown[]) {
      const reason = typeof detail === 'string' ? detail : (detail as { index?: unknown; reason?: unknown }).reason;
      if (typeof detail !== 'string') {
        assert.equal(typeof (detail as { index?: unknown }).index, 'number', `${context}: ${JSON.stringify(detail)}`);
      }
      assert.equal(typeof reason, 'string', `${context}: ${JSON.stringify(detail)}`);
      // "field: why", "(body): why", or "a.b[0]: why": something before the colon names the place.
      assert.match(reason as string, /^[^:\s][^:]*: \S/, `${context}: ${JSON.stringify(detail)}`);
    }
  }

  for (const path of PATHS) {
    it(`${path}: arbitrary JSON never gets a 5xx, and every refusal names the field`, async () => {
      await fc.assert(
        fc.asyncProperty(fc.oneof(anyJson, nearlyValid, fc.array(nearlyValid, { maxLength: 5 })), async (body) => {
          assertNamedRefusal(await post(path, JSON.stringify(body)), `${path} ${JSON.stringify(body).slice(0, 300)}`);
        }),
        { numRuns: 120 },
      );
    });
  }

  it('/webhooks/restores/:id: arbitrary bodies and ids never get a 5xx, and every refusal names what is wrong', async () => {
    await fc.assert(
      fc.asyncProperty(awkwardString(50), fc.oneof(anyJson, nearlyValid), async (id, body) => {
        // Percent-encoded as UTF-8 bytes (a lone surrogate becomes U+FFFD, as any HTTP client would send it).
        const encoded = [...Buffer.from(id)].map((byte) => `%${byte.toString(16).padStart(2, '0')}`).join('');
        const path = `/webhooks/restores/${encoded || 'RST-1'}`;
        assertNamedRefusal(await post(path, JSON.stringify(body)), `${path} ${JSON.stringify(body).slice(0, 300)}`);
      }),
      { numRuns: 120 },
    );
  });

  it('deep nesting, a huge array, broken JSON and an empty body are refused with 4xx, never 5xx', async () => {
    const deep = `${'['.repeat(20_000)}${']'.repeat(20_000)}`;
    const deepObject = `${'{"a":'.repeat(5_000)}1${'}'.repeat(5_000)}`;
    const huge = JSON.stringify(Array.from({ length: 150_000 }, () => ({})));
    for (const path of [...PATHS, '/webhooks/restores/RST-1']) {
      for (const [what, body] of [
        ['deep array', deep],
        ['deep object', deepObject],
        ['150,000 empty objects', huge],
        ['broken JSON', '{"status": "firing",'],
        ['empty body', ''],
        ['NUL bytes', '\u0000\u0000'],
      ] as const) {
        const answer = await post(path, body);
        assert.ok(answer.status >= 400 && answer.status < 500, `${path} ${what}: HTTP ${answer.status}`);
        assertNamedRefusal(answer, `${path} ${what}`);
      }
    }
    // Still answering, and still storing valid input, after all of it.
    const ok = await post(
      '/webhooks/alerts',
      JSON.stringify({ source: 'probe', name: 'after-garbage', status: 'firing' }),
    );
    assert.equal(ok.status, 202);
  });

  it('valid generic alerts with awkward names and labels are never refused', async () => {
    // Text that says something once control characters are removed (a name of only NULs is rightly refused).
    // eslint-disable-next-line no-control-regex
    const controls = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;
    const text = (max: number) =>
      awkwardString(max).filter((s) => s.replace(controls, '').trim().length > 0 && s.length <= max);
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({
            source: text(100),
            name: text(200),
            status: fc.constantFrom('firing', 'resolved'),
            severity: fc.constantFrom('critical', 'major', 'minor', 'info'),
            summary: awkwardString(200),
            labels: fc.dictionary(text(30), awkwardString(60), { maxKeys: 5 }),
          }),
          { minLength: 1, maxLength: 5 },
        ),
        async (alerts) => {
          const answer = await post('/webhooks/alerts', JSON.stringify(alerts));
          assert.equal(answer.status, 202, `${JSON.stringify(alerts).slice(0, 400)} → ${JSON.stringify(answer.json)}`);
          assert.deepEqual(answer.json, { accepted: alerts.length });
        },
      ),
      { numRuns: 60 },
    );
  });
});
