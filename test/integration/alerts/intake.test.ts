// The alert webhooks end to end on a real database: the documentation samples of Alertmanager and
// Grafana, the generic format, de-duplication, resolving, partial batches, bad input, 10,000 at once.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import type { Alert } from '../../../models/alerts/alert.js';
import { silentLogger } from '../../../src/kernel/logger.js';
import { AlertIntake, type NormalizedAlert } from '../../../src/domains/alerts/rules/intake.js';
import { Harness, WEBHOOK_TOKEN } from '../../support/harness.js';

interface Answer {
  status: number;
  json: { accepted?: number; error?: string; details?: unknown[] };
}

type Payload = { alerts: Array<Record<string, unknown>> } & Record<string, unknown>;

function fixture<T = Payload>(name: string): T {
  return JSON.parse(readFileSync(new URL(`../../fixtures/alerts/${name}.json`, import.meta.url), 'utf8')) as T;
}

/** The same payload with its fingerprints made unique to one test. */
function renamed(payload: Payload, suffix: string): Payload {
  return {
    ...payload,
    alerts: payload.alerts.map((a) => ({ ...a, fingerprint: `${String(a.fingerprint)}-${suffix}` })),
  };
}

describe('Alert intake webhooks', function () {
  let h: Harness;

  async function post(path: string, body: unknown, headers: Record<string, string> = {}): Promise<Answer> {
    const res = await fetch(`${h.url}/webhooks/${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${WEBHOOK_TOKEN}`, ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
    return { status: res.status, json: (await res.json()) as Answer['json'] };
  }

  const stored = (id: string) => h.zhiban.models.Alert.findById(id).lean<Alert>();

  before(async function () {
    h = await Harness.start({ label: 'alert-intake' });
  });

  after(async function () {
    await h?.stop();
  });

  describe('formats', function () {
    it('stores the Alertmanager documentation sample, one document per alert, and answers 202', async function () {
      const res = await post('alertmanager', fixture('alertmanager-firing'));
      assert.deepStrictEqual(res, { status: 202, json: { accepted: 2 } });
      const pay = await stored('1a30ba71cca2921f');
      assert.ok(pay);
      assert.equal(pay.source, 'alertmanager');
      assert.equal(pay.name, 'ProbeFailure');
      assert.equal(pay.status, 'firing');
      assert.equal(pay.severity, 'critical');
      assert.equal(pay.layer, 'infrastructure');
      assert.equal(pay.summary, 'Probe failed: https://pay.example.gov/health');
      assert.equal(pay.labels.system, 'e-pay');
      assert.equal(pay.startsAt.toISOString(), '2026-11-20T13:08:45.828Z');
      assert.equal(pay.endsAt, undefined);
      assert.equal(pay.count, 1);
      assert.match(pay.groupKey, /^[0-9a-f]{24}$/);
      const permits = await stored('5b2f0c41d9e87a10');
      assert.equal(permits?.summary, 'The health page of e-permits has not answered for 5 minutes.');
      assert.equal(permits?.startsAt.toISOString(), '2026-11-20T05:09:15.128Z');
    });

    it('computes a fingerprint from the labels when an older Alertmanager sends none', async function () {
      const res = await post('alertmanager', fixture('alertmanager-no-fingerprint'));
      assert.equal(res.status, 202);
      const alert = await h.zhiban.models.Alert.findOne({ name: 'NodeFilesystemAlmostFull' }).lean<Alert>();
      assert.match(alert!._id, /^[0-9a-f]{24}$/);
      assert.equal(alert!.layer, 'infrastructure');
      assert.equal(alert!.severity, 'minor');
    });

    it('stores the Grafana documentation sample, with values and valueString alike', async function () {
      const res = await post('grafana', fixture('grafana-firing'));
      assert.deepStrictEqual(res, { status: 202, json: { accepted: 2 } });
      const memory = await stored('c6eadffa33fcdf37');
      assert.equal(memory?.source, 'grafana');
      assert.equal(memory?.name, 'High memory usage');
      assert.equal(memory?.severity, 'minor');
      assert.equal(memory?.layer, 'application');
      assert.equal(memory?.summary, 'Memory alert for zone cn-east-1');
      const cpu = await stored('bc97ff14869b13e3');
      assert.equal(cpu?.severity, 'minor');
      assert.equal(cpu?.layer, 'platform');
      assert.equal(cpu?.summary, 'The database uses over 85% CPU');
    });

    it('stores a generic alert sent alone, and a generic array', async function () {
      assert.deepStrictEqual(await post('alerts', fixture('generic-one')), { status: 202, json: { accepted: 1 } });
      const disk = await h.zhiban.models.Alert.findOne({ source: 'zabbix' }).lean<Alert>();
      assert.equal(disk?.name, 'Disk almost full');
      assert.equal(disk?.severity, 'major');
      assert.equal(disk?.layer, 'infrastructure');
      assert.deepStrictEqual(disk?.labels, { host: 'storage-07', system: 'e-archive', alertname: 'Disk almost full' });

      assert.deepStrictEqual(await post('alerts', fixture('generic-batch')), { status: 202, json: { accepted: 2 } });
      assert.equal((await stored('kuma-portal-1'))?.severity, 'critical');
      const cert = await h.zhiban.models.Alert.findOne({ source: 'custom-script' }).lean<Alert>();
      assert.equal(cert?.labels.days_left, '14');
      assert.equal(cert?.layer, 'platform');
    });
  });

  describe('repeats and resolution', function () {
    it('updates a repeated firing alert instead of storing a second one', async function () {
      const payload = renamed(fixture('alertmanager-firing'), 'dedup');
      await post('alertmanager', payload);
      const first = await stored('1a30ba71cca2921f-dedup');
      payload.alerts[0]!.annotations = { summary: 'Still failing' };
      assert.equal((await post('alertmanager', payload)).status, 202);
      const docs = await h.zhiban.models.Alert.find({ _id: /-dedup$/ }).lean<Alert[]>();
      assert.equal(docs.length, 2);
      const again = docs.find((d) => d._id === '1a30ba71cca2921f-dedup')!;
      assert.equal(again.count, 2);
      assert.equal(again.summary, 'Still failing');
      assert.equal(again.firstSeenAt.getTime(), first!.firstSeenAt.getTime());
      assert.ok(again.lastSeenAt.getTime() >= first!.lastSeenAt.getTime());
    });

    it('resolves an alert when its resolved notice comes, keeping when it started', async function () {
      await post('alertmanager', renamed(fixture('alertmanager-firing'), 'resolve'));
      assert.equal((await post('alertmanager', renamed(fixture('alertmanager-resolved'), 'resolve'))).status, 202);
      const alert = await stored('1a30ba71cca2921f-resolve');
      assert.equal(alert?.status, 'resolved');
      assert.equal(alert?.endsAt?.toISOString(), '2026-11-20T13:31:45.828Z');
      assert.equal(alert?.startsAt.toISOString(), '2026-11-20T13:08:45.828Z');
      assert.equal(alert?.count, 2);
      assert.equal((await stored('5b2f0c41d9e87a10-resolve'))?.status, 'firing');
    });

    it('fires a resolved alert again when it comes back, with no end', async function () {
      const one = { source: 'probe', name: 'Flapping', status: 'firing', fingerprint: 'flap-1' };
      await post('alerts', one);
      await post('alerts', { ...one, status: 'resolved' });
      await post('alerts', one);
      const alert = await stored('flap-1');
      assert.equal(alert?.status, 'firing');
      assert.equal(alert?.endsAt, undefined);
      assert.equal(alert?.count, 3);
    });

    it('stores one document for a fingerprint repeated inside one batch, in its last state', async function () {
      const one = { source: 'probe', name: 'Twice', fingerprint: 'twice-1' };
      const res = await post('alerts', [
        { ...one, status: 'firing' },
        { ...one, status: 'resolved' },
      ]);
      assert.deepStrictEqual(res, { status: 202, json: { accepted: 2 } });
      const alert = await stored('twice-1');
      assert.equal(alert?.status, 'resolved');
      assert.equal(alert?.count, 2);
    });

    it('does not double anything when a batch is sent again after a lost answer', async function () {
      const batch = Array.from({ length: 50 }, (_, i) => ({
        source: 'retry',
        name: 'Retried',
        status: 'firing',
        labels: { i },
      }));
      assert.equal((await post('alerts', batch)).status, 202);
      const before = await h.zhiban.models.Alert.find({ source: 'retry' }).sort({ _id: 1 }).lean<Alert[]>();
      assert.equal((await post('alerts', batch)).status, 202);
      const after = await h.zhiban.models.Alert.find({ source: 'retry' }).sort({ _id: 1 }).lean<Alert[]>();
      assert.equal(after.length, 50);
      assert.deepStrictEqual(
        after.map((a) => [a._id, a.firstSeenAt.getTime(), a.startsAt.getTime(), a.count]),
        before.map((a) => [a._id, a.firstSeenAt.getTime(), a.startsAt.getTime(), 2]),
      );
    });
  });

  describe('bad input', function () {
    it('refuses a call without a token, or with a wrong one, with 401', async function () {
      for (const authorization of ['', 'Bearer wrong-token']) {
        const res = await post('alertmanager', fixture('alertmanager-firing'), { authorization });
        assert.equal(res.status, 401);
        assert.equal(res.json.error, 'unauthorized');
      }
    });

    it('answers a 2 MiB body with 413 and broken JSON with 400', async function () {
      const big = JSON.stringify([{ source: 's', name: 'n', status: 'firing', summary: 'x'.repeat(2 * 1024 * 1024) }]);
      assert.equal((await post('alerts', big)).status, 413);
      const broken = await post('grafana', '{"status": "firing", "alerts": [');
      assert.equal(broken.status, 400);
      assert.equal(broken.json.error, 'malformed_json');
    });

    it('refuses an unknown status with 400 naming the field', async function () {
      const res = await post('alerts', { source: 's', name: 'Unknown status', status: 'pending' });
      assert.deepStrictEqual(res, {
        status: 400,
        json: {
          error: 'invalid_alerts',
          details: [{ index: 0, reason: 'status: must be firing or resolved' }],
          accepted: 0,
        },
      });
    });

    it('refuses a payload that is not the endpoint’s format with the fields zod found wrong', async function () {
      const res = await post('alertmanager', { version: '3', status: 'firing' });
      assert.equal(res.status, 400);
      assert.equal(res.json.error, 'invalid_payload');
      const details = (res.json.details ?? []).join('\n');
      assert.match(details, /^version: /m);
      assert.match(details, /^alerts: /m);
      assert.equal((await post('alerts', '"just text"')).json.error, 'invalid_payload');
    });

    it('refuses an alert with a 10 KB label value with its reason, and stores the rest of the batch', async function () {
      const res = await post('alerts', [
        { source: 'partial', name: 'Fine one', status: 'firing', fingerprint: 'partial-1' },
        { source: 'partial', name: 'Huge', status: 'firing', labels: { note: 'x'.repeat(10 * 1024) } },
        { source: 'partial', name: 'Fine two', status: 'resolved', fingerprint: 'partial-2' },
      ]);
      assert.deepStrictEqual(res, {
        status: 400,
        json: {
          error: 'invalid_alerts',
          details: [{ index: 1, reason: 'labels.note: longer than 1024 characters' }],
          accepted: 2,
        },
      });
      assert.deepStrictEqual(
        (await h.zhiban.models.Alert.find({ source: 'partial' }).sort({ _id: 1 }).lean<Alert[]>()).map((a) => a._id),
        ['partial-1', 'partial-2'],
      );
    });

    it('stores 10,000 alerts sent in one request', async function () {
      this.timeout(60_000);
      const body = JSON.stringify(
        Array.from({ length: 10_000 }, (_, i) => ({ source: 'bulk', name: 'Bulk', status: 'firing', labels: { i } })),
      );
      assert.ok(body.length < 1024 * 1024, `${body.length} bytes`);
      assert.deepStrictEqual(await post('alerts', body), { status: 202, json: { accepted: 10_000 } });
      assert.equal(await h.zhiban.models.Alert.countDocuments({ source: 'bulk' }), 10_000);
    });

    it('counts received and rejected alerts on /metrics', async function () {
      const text = await (await fetch(`${h.url}/metrics`)).text();
      assert.match(text, /^zhiban_alerts_received_total\{source="alertmanager",status="firing"\} [1-9]\d*$/m);
      assert.match(text, /^zhiban_alerts_received_total\{source="generic",status="resolved"\} [1-9]\d*$/m);
      assert.match(text, /^zhiban_alerts_rejected_total\{source="generic"\} [1-9]\d*$/m);
    });
  });

  describe('listeners', function () {
    it('tells listeners what was stored, after storing, and a failing listener refuses nothing', async function () {
      const intake = new AlertIntake(h.zhiban.models.Alert, { now: () => new Date() }, silentLogger());
      const told: NormalizedAlert[][] = [];
      intake.listen({
        stored: async () => {
          throw new Error('listener down');
        },
      });
      intake.listen({
        stored: async (alerts) => {
          assert.ok(await stored(alerts[0]!._id), 'stored before the listener hears of it');
          told.push(alerts);
        },
      });
      const alert: NormalizedAlert = {
        _id: 'listened-1',
        source: 'probe',
        name: 'Listened',
        status: 'firing',
        severity: 'info',
        layer: 'application',
        summary: '',
        labels: { alertname: 'Listened' },
        startsAt: new Date(),
        groupKey: 'k',
      };
      assert.deepStrictEqual(await intake.accept([alert]), { accepted: 1 });
      assert.deepStrictEqual(told, [[alert]]);
    });
  });
});
