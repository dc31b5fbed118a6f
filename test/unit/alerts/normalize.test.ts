// How an alert from any tool becomes Zhiban's one model: severity words, layer rules, fingerprints,
// times, cleaning and limits, and the reasons an invalid alert is refused with.
import { strict as assert } from 'node:assert';
import { DEFAULT_LAYER_RULES, parseLayerRules, type LayerRule } from '../../../src/domains/alerts/layer-rules.js';
import { alertmanagerFormat } from '../../../src/domains/alerts/formats/alertmanager.js';
import { genericFormat } from '../../../src/domains/alerts/formats/generic.js';
import { groupKeyOf } from '../../../src/domains/alerts/rules/group-key.js';
import type { NormalizedAlert } from '../../../src/domains/alerts/rules/intake.js';
import { LayerRules } from '../../../src/domains/alerts/rules/layer.js';
import { AlertNormalizer, fingerprintOf, type IncomingAlert } from '../../../src/domains/alerts/rules/normalizer.js';
import { severityOf } from '../../../src/domains/alerts/rules/severity.js';

const NOW = new Date('2026-11-20T08:00:00Z');
const defaultRules = new LayerRules(parseLayerRules(DEFAULT_LAYER_RULES)!);
const normalizer = new AlertNormalizer(defaultRules, { now: () => NOW });

function anIncoming(overrides: Partial<IncomingAlert> = {}): IncomingAlert {
  return {
    source: 'alertmanager',
    name: 'DiskFull',
    status: 'firing',
    severity: undefined,
    layer: undefined,
    summary: undefined,
    labels: { alertname: 'DiskFull', instance: 'db-1:9100' },
    fingerprint: undefined,
    startsAt: undefined,
    endsAt: undefined,
    ...overrides,
  };
}

function normalized(overrides: Partial<IncomingAlert> = {}): NormalizedAlert {
  const result = normalizer.normalize(anIncoming(overrides));
  if (!result.ok) assert.fail(`expected a normalized alert, got: ${result.reason}`);
  return result.alert;
}

function reasonOf(format: typeof genericFormat, raw: unknown): string {
  const result = format.alert(raw);
  if (result.ok) assert.fail(`expected ${JSON.stringify(raw).slice(0, 200)} to be refused`);
  return result.reason;
}

describe('alert normalization', () => {
  describe('severity', () => {
    const cases: Array<[string, string]> = [
      ['critical', 'critical'],
      ['CRITICAL', 'critical'],
      ['error', 'major'],
      ['high', 'major'],
      ['major', 'major'],
      ['page', 'major'],
      ['warning', 'minor'],
      ['warn', 'minor'],
      ['medium', 'minor'],
      ['minor', 'minor'],
      ['info', 'info'],
      ['low', 'info'],
      ['none', 'info'],
      ['unknown', 'info'],
    ];
    for (const [word, severity] of cases) {
      it(`maps "${word}" to ${severity}`, () => {
        assert.equal(severityOf(word), severity);
        assert.equal(normalized({ severity: word }).severity, severity);
      });
    }

    it('makes an Alertmanager or Grafana alert without a severity, or with an unknown word, minor', () => {
      assert.equal(normalized({ severity: undefined }).severity, 'minor');
      assert.equal(normalized({ severity: 'sev-banana' }).severity, 'minor');
    });

    it('refuses a generic alert whose severity is not a known word, naming the field', () => {
      const reason = reasonOf(genericFormat, { source: 's', name: 'n', status: 'firing', severity: 'sev-banana' });
      assert.match(reason, /^severity: /);
    });
  });

  describe('layer', () => {
    const cases: Array<[Record<string, string>, string]> = [
      [{ job: 'node' }, 'infrastructure'],
      [{ job: 'node-exporter' }, 'infrastructure'],
      [{ job: 'snmp' }, 'infrastructure'],
      [{ job: 'blackbox' }, 'infrastructure'],
      [{ job: 'mysqld' }, 'platform'],
      [{ job: 'postgres_exporter' }, 'platform'],
      [{ job: 'redis' }, 'platform'],
      [{ job: 'kafka' }, 'platform'],
      [{ job: 'nginx' }, 'platform'],
      [{ job: 'jvm' }, 'platform'],
      [{ job: 'e-pay-api' }, 'application'],
      [{}, 'application'],
    ];
    for (const [labels, layer] of cases) {
      it(`puts ${JSON.stringify(labels)} in ${layer} by the default rules`, () => {
        assert.equal(defaultRules.layerOf(labels), layer);
      });
    }

    it('takes the layer label first when it names a layer, and ignores it otherwise', () => {
      assert.equal(defaultRules.layerOf({ job: 'node', layer: 'Platform' }), 'platform');
      assert.equal(defaultRules.layerOf({ job: 'node', layer: 'network' }), 'infrastructure');
    });

    it('takes a generic alert’s own layer field over labels and rules', () => {
      assert.equal(normalized({ layer: 'platform', labels: { job: 'node' } }).layer, 'platform');
    });

    it('reads ALERT_LAYER_RULES with = != =~ !~, the first matching rule winning', () => {
      const rules = parseLayerRules('job=node:infrastructure, service=~gate.*:application,team!=dba:platform');
      assert.deepStrictEqual(rules, [
        { label: 'job', op: '=', value: 'node', layer: 'infrastructure' },
        { label: 'service', op: '=~', value: 'gate.*', layer: 'application' },
        { label: 'team', op: '!=', value: 'dba', layer: 'platform' },
      ] satisfies LayerRule[]);
      const layers = new LayerRules(rules!);
      assert.equal(layers.layerOf({ job: 'node', team: 'dba' }), 'infrastructure');
      assert.equal(layers.layerOf({ service: 'gateway', team: 'dba' }), 'application');
      assert.equal(layers.layerOf({ service: 'xgateway', team: 'dba' }), 'application');
      assert.equal(layers.layerOf({ team: 'web' }), 'platform');
      assert.equal(layers.layerOf({ team: 'dba' }), 'application');
    });

    it('anchors regexes and keeps a comma inside one', () => {
      const rules = parseLayerRules('instance=~db-\\d{1,3}:platform,job=x:infrastructure');
      assert.equal(rules?.length, 2);
      const layers = new LayerRules(rules!);
      assert.equal(layers.layerOf({ instance: 'db-12' }), 'platform');
      assert.equal(layers.layerOf({ instance: 'db-1234' }), 'application');
    });

    it('gives no rules for an empty value, and refuses an unknown layer or a broken regex', () => {
      assert.deepStrictEqual(parseLayerRules(''), []);
      assert.equal(parseLayerRules('job=node:network'), null);
      assert.equal(parseLayerRules('job=~(node:infrastructure'), null);
      assert.equal(parseLayerRules('just words'), null);
    });
  });

  describe('identity', () => {
    it('keeps the fingerprint the source gave', () => {
      assert.equal(normalized({ fingerprint: '1a30ba71cca2921f' })._id, '1a30ba71cca2921f');
    });

    it('computes one from the sorted labels otherwise: 24 hex characters, whatever the label order', () => {
      const a = normalized({ labels: { alertname: 'DiskFull', instance: 'db-1', job: 'node' } });
      const b = normalized({ labels: { job: 'node', instance: 'db-1', alertname: 'DiskFull' } });
      assert.match(a._id, /^[0-9a-f]{24}$/);
      assert.equal(a._id, b._id);
      assert.notEqual(a._id, normalized({ labels: { alertname: 'DiskFull', instance: 'db-2', job: 'node' } })._id);
    });

    it('makes a generic alert’s name its alertname label, so it groups and is silenced like the others', () => {
      const alert = normalized({ source: 'zabbix', name: 'Disk almost full', labels: { host: 'h1' } });
      assert.equal(alert.labels.alertname, 'Disk almost full');
      assert.equal(alert._id, fingerprintOf({ host: 'h1', alertname: 'Disk almost full' }));
    });

    it('gives the group key of groupKeyOf(labels, severity)', () => {
      const alert = normalized({ severity: 'critical', labels: { alertname: 'DiskFull', system: 'e-pay' } });
      assert.equal(alert.groupKey, groupKeyOf({ alertname: 'DiskFull', system: 'e-pay' }, 'critical').key);
    });
  });

  describe('summary and times', () => {
    it('takes the summary, else the description, else the message annotation, cut to 2000 characters', () => {
      const read = (annotations: Record<string, string>) => {
        const result = alertmanagerFormat.alert({ status: 'firing', labels: { alertname: 'A' }, annotations });
        assert.ok(result.ok);
        return result.alert.summary;
      };
      assert.equal(read({ summary: 's', description: 'd', message: 'm' }), 's');
      assert.equal(read({ description: 'd', message: 'm' }), 'd');
      assert.equal(read({ message: 'm' }), 'm');
      assert.equal(normalized({ summary: 'x'.repeat(5000) }).summary.length, 2000);
    });

    it('reads Alertmanager’s zero time as unset, and nanosecond times with offsets', () => {
      const result = alertmanagerFormat.alert({
        status: 'firing',
        labels: { alertname: 'A' },
        startsAt: '2018-08-03T09:52:26.739266876+02:00',
        endsAt: '0001-01-01T00:00:00Z',
      });
      assert.ok(result.ok);
      assert.equal(result.alert.startsAt?.toISOString(), '2018-08-03T07:52:26.739Z');
      assert.equal(result.alert.endsAt, undefined);
    });

    it('leaves the start of an alert without startsAt to storage (the time it is first stored), and ends a resolved one without endsAt now', () => {
      assert.equal(normalized().startsAt, undefined);
      assert.equal(normalized({ status: 'resolved' }).endsAt?.getTime(), NOW.getTime());
    });

    it('keeps the sender’s start, but takes a start ahead of our clock as now', () => {
      const earlier = new Date(NOW.getTime() - 3_600_000);
      assert.equal(normalized({ startsAt: earlier }).startsAt?.getTime(), earlier.getTime());
      assert.equal(normalized({ startsAt: new Date(NOW.getTime() + 60_000) }).startsAt?.getTime(), NOW.getTime());
    });

    it('compares a hexadecimal fingerprint without regard to case, and keeps any other as sent', () => {
      assert.equal(normalized({ fingerprint: '3F2A9C0D1B4E5A6F' })._id, '3f2a9c0d1b4e5a6f');
      assert.equal(normalized({ fingerprint: '3f2a9c0d1b4e5a6f' })._id, '3f2a9c0d1b4e5a6f');
      assert.equal(normalized({ fingerprint: 'Host-A/Disk' })._id, 'Host-A/Disk');
    });

    it('keeps no endsAt on a firing alert: it is only the sender’s guess at an expiry', () => {
      assert.equal(normalized({ endsAt: new Date('2026-11-20T09:00:00Z') }).endsAt, undefined);
    });

    it('refuses a time that is not RFC 3339, naming the field', () => {
      const reason = reasonOf(genericFormat, { source: 's', name: 'n', status: 'firing', startsAt: 'yesterday' });
      assert.match(reason, /^startsAt: must be an RFC 3339 time/);
    });
  });

  describe('cleaning and limits', () => {
    it('strips control characters and bidirectional overrides from names, labels and summaries', () => {
      const alert = normalized({
        name: 'Disk\u0000Full\u202e',
        summary: 'line one\nline\u0007 two\t!',
        labels: { alertname: 'Disk\u0000Full', 'inst\u001bance': 'db\u0085-1' },
      });
      assert.equal(alert.name, 'DiskFull');
      assert.equal(alert.summary, 'line one\nline two\t!');
      assert.deepStrictEqual(alert.labels, { alertname: 'DiskFull', instance: 'db-1' });
    });

    it('replaces dots and a leading $ in label names, so every MongoDB can store them', () => {
      assert.deepStrictEqual(normalized({ labels: { alertname: 'A', 'k8s.namespace': 'x', $where: 'y' } }).labels, {
        alertname: 'A',
        k8s_namespace: 'x',
        _where: 'y',
      });
    });

    it('refuses a label value over 1024 characters, naming the label', () => {
      const reason = reasonOf(alertmanagerFormat, {
        status: 'firing',
        labels: { alertname: 'A', description: 'x'.repeat(10 * 1024) },
      });
      assert.equal(reason, 'labels.description: longer than 1024 characters');
    });

    it('refuses more than 64 labels', () => {
      const labels = Object.fromEntries(Array.from({ length: 65 }, (_, i) => [`l${i}`, 'v']));
      assert.match(reasonOf(alertmanagerFormat, { status: 'firing', labels: { ...labels, alertname: 'A' } }), /labels/);
    });

    it('refuses an Alertmanager alert without an alertname label, and an unknown status', () => {
      assert.equal(reasonOf(alertmanagerFormat, { status: 'firing', labels: {} }), 'labels.alertname: required');
      assert.equal(
        reasonOf(alertmanagerFormat, { status: 'pending', labels: { alertname: 'A' } }),
        'status: must be firing or resolved',
      );
    });

    it('takes numbers and true/false as generic label values, as text', () => {
      const result = genericFormat.alert({ source: 's', name: 'n', status: 'firing', labels: { days: 14, ok: true } });
      assert.ok(result.ok);
      assert.deepStrictEqual(result.alert.labels, { days: '14', ok: 'true' });
    });

    it('refuses a generic alert without source, name or status, naming each', () => {
      const reason = reasonOf(genericFormat, { summary: 'nothing else' });
      for (const field of ['source', 'name', 'status']) assert.match(reason, new RegExp(`${field}: `));
    });
  });
});
