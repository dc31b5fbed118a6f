// The alert group card: colour by severity and state, the counts, and the buttons that make sense.
import { strict as assert } from 'node:assert';
import type { AlertGroup } from '../../../models/alerts/alert-group.js';
import { Translator } from '../../../src/kernel/i18n.js';
import { alertGroupCard, alertGroupMessage } from '../../../src/domains/alerts/cards/group.js';
import { alertGroupSubject } from '../../../src/domains/alerts/announcer.js';
import { INCIDENT_SEVERITY } from '../../../src/domains/alerts/rules/group-service.js';

const zh = new Translator('zh-CN').forLocale('zh-CN');
const en = new Translator('zh-CN').forLocale('en');

function aGroup(overrides: Partial<AlertGroup> = {}): AlertGroup & { shortId: string } {
  return {
    _id: 'k1',
    shortId: 'ALG-7',
    labels: { alertname: 'DiskFull', system: 'e-pay', severity: 'critical' },
    name: 'DiskFull',
    severity: 'critical',
    layer: 'infrastructure',
    system: 'e-pay',
    state: 'firing',
    episode: 1,
    firing: 8,
    resolved: 1,
    silenced: 0,
    firstSeenAt: new Date('2026-11-20T02:00:00Z'),
    lastSeenAt: new Date('2026-11-20T02:30:00Z'),
    revision: 1,
    pending: false,
    earliestFlushAt: new Date('2026-11-20T02:05:00Z'),
    samples: ['db-1: disk 95% full', 'db-2: disk 97% full'],
    ...overrides,
  };
}

describe('alert group card', () => {
  it('shows severity, layer, system, counts and times in the team’s zone', () => {
    const card = alertGroupCard(en, aGroup(), 'Asia/Shanghai');
    assert.equal(card.title, '[P1 critical] ALG-7 · DiskFull · e-pay');
    assert.equal(card.tone, 'critical');
    assert.equal(card.text, 'db-1: disk 95% full\ndb-2: disk 97% full\n…and 6 more');
    const fields = Object.fromEntries(card.fields!.map((f) => [f.label, f.value]));
    assert.deepEqual(fields, {
      State: 'Firing',
      Layer: 'Infrastructure',
      System: 'e-pay',
      'Firing / resolved / silenced': '8 / 1 / 0',
      'First seen': '2026-11-20 10:00',
      'Last seen': '2026-11-20 10:30',
      'Acknowledged by': 'Nobody yet',
      Incident: '—',
    });
    assert.deepEqual(
      card.buttons!.map((b) => [b.actionId, b.value]),
      [
        ['alert.ack', 'ALG-7~1'],
        ['alert.silence', 'ALG-7~1'],
        ['alert.incident', 'ALG-7~1'],
      ],
    );
    assert.equal(card.footer, 'ALG-7 · grouped by alertname=DiskFull, system=e-pay, severity=critical');
  });

  it('drops the acknowledge button once someone has it', () => {
    const card = alertGroupCard(zh, aGroup({ ackedBy: 'slack:U1', incidentId: 'INC-3' }), 'Asia/Shanghai');
    assert.deepEqual(
      card.buttons!.map((b) => b.actionId),
      ['alert.silence', 'alert.incident'],
    );
    assert.ok(card.fields!.some((f) => f.value === 'INC-3'));
  });

  it('offers Unsilence instead of Silence while every firing alert is silenced', () => {
    const card = alertGroupCard(zh, aGroup({ silenced: 8 }), 'UTC');
    assert.deepEqual(
      card.buttons!.map((b) => [b.actionId, b.value]),
      [
        ['alert.ack', 'ALG-7~1'],
        ['alert.unsilence', 'ALG-7~1'],
        ['alert.incident', 'ALG-7~1'],
      ],
    );
  });

  it('is grey while every firing alert is silenced, and green with no buttons once resolved', () => {
    assert.equal(alertGroupCard(zh, aGroup({ silenced: 8 }), 'UTC').tone, 'neutral');
    assert.match(alertGroupMessage(zh, aGroup({ silenced: 8 }), 'UTC').text, /已静默$/);
    const resolved = alertGroupCard(zh, aGroup({ state: 'resolved', firing: 0, resolved: 9 }), 'UTC');
    assert.equal(resolved.tone, 'success');
    assert.deepEqual(resolved.buttons, []);
    assert.equal(resolved.text, undefined);
  });

  it('says a group is expected during a maintenance window, in grey, and says nothing of it once resolved', () => {
    const during = alertGroupCard(zh, aGroup({ maintenance: 'UPG-3' }), 'Asia/Shanghai');
    assert.deepEqual(during.fields?.at(-1), { label: '维护', value: '维护窗口 UPG-3 期间 — 预期告警，不重复通知' });
    assert.equal(during.tone, 'neutral');
    assert.equal(
      alertGroupCard(en, aGroup({ maintenance: 'UPG-3' }), 'UTC').fields?.at(-1)?.value,
      'during maintenance UPG-3 — expected, not repeated',
    );
    const after = alertGroupCard(zh, aGroup({ maintenance: 'UPG-3', state: 'resolved', firing: 0 }), 'Asia/Shanghai');
    assert.ok(!after.fields?.some((f) => f.label === '维护'));
    assert.ok(!alertGroupCard(zh, aGroup({ maintenance: null }), 'UTC').fields?.some((f) => f.label === '维护'));
  });

  it('gives each episode of a group its own card', () => {
    assert.equal(alertGroupSubject({ shortId: 'ALG-7', episode: 1 }), 'alert-group:ALG-7');
    assert.equal(alertGroupSubject({ shortId: 'ALG-7', episode: 3 }), 'alert-group:ALG-7:3');
  });
});

describe('one severity ladder for alerts and incidents', () => {
  it('names an alert’s severity with the words of the incident it would open, in both languages', () => {
    for (const locale of ['zh-CN', 'en'] as const) {
      const t = new Translator('zh-CN').forLocale(locale);
      for (const [alert, incident] of Object.entries(INCIDENT_SEVERITY)) {
        assert.equal(t(`alert.severity.${alert}`), t(`incident.severity.${incident}`), `${locale} ${alert}`);
      }
    }
  });
});
