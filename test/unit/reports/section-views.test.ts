// A report's sections in words: with nothing in the period each says so in one line and draws no
// chart (never an empty axis); with data, the weekly review draws incidents per day by severity.
import { strict as assert } from 'node:assert';
import { alertReportSection } from '../../../src/domains/alerts/report.js';
import { incidentReportSection, type IncidentNumbers } from '../../../src/domains/incidents/report.js';
import type { ReportSpan } from '../../../src/domains/report-section.js';
import { spanOf } from '../../../src/domains/reports/rules/report-span.js';
import { Translator } from '../../../src/kernel/i18n.js';
import type { AlertModel } from '../../../models/alerts/alert.js';
import type { IncidentModel } from '../../../models/incidents/incident.js';

const zh = new Translator('zh-CN').forLocale('zh-CN');
const en = new Translator('zh-CN').forLocale('en');
const week = (): ReportSpan => {
  const found = spanOf('weekly', '2026-W48', new Date('2026-12-01T02:30:00Z'), 'Asia/Shanghai');
  assert.ok(found.ok);
  return found.span;
};
// Views are pure: the models are never touched.
const incidents = incidentReportSection({} as IncidentModel);
const alerts = alertReportSection({} as AlertModel);
const none = {
  P1: [0, 0, 0, 0, 0, 0, 0],
  P2: [0, 0, 0, 0, 0, 0, 0],
  P3: [0, 0, 0, 0, 0, 0, 0],
  P4: [0, 0, 0, 0, 0, 0, 0],
};
const quiet: IncidentNumbers = {
  openNow: [],
  opened: 0,
  resolved: 0,
  times: { count: 0 },
  bySeverity: [],
  previous: { opened: 2, resolved: 1, times: { count: 2 } },
  perBucket: none,
};

describe('Reports: a section in words', function () {
  it('says a quiet week has no incident and draws no chart', function () {
    const view = incidents.view(quiet, week(), zh);
    assert.equal(view.title, '事件');
    assert.ok(view.lines.includes('当前没有未关闭的事件。'));
    assert.ok(view.lines.includes('本期没有申报事件。'));
    assert.deepEqual(view.charts, []);
    const alertView = alerts.view(
      { byLayer: { infrastructure: 0, platform: 0, application: 0 }, noisiest: [] },
      week(),
      en,
    );
    assert.deepEqual(alertView.lines, ['No alert came in this period.']);
    assert.deepEqual(alertView.charts, []);
  });

  it('draws incidents per day by severity over the week, in the reader’s words', function () {
    const busy: IncidentNumbers = {
      ...quiet,
      opened: 3,
      bySeverity: [{ severity: 'P1', count: 3, mttaMs: 600_000, mttrMs: 7_200_000 }],
      times: { count: 3, mttaMs: 600_000, mttrMs: 7_200_000 },
      perBucket: { ...none, P1: [1, 0, 2, 0, 0, 0, 0] },
    };
    const view = incidents.view(busy, week(), en);
    assert.ok(view.lines.includes('P1: 3 incidents, MTTA 10m, MTTR 2h 0m'), view.lines.join('\n'));
    assert.ok(
      view.lines.some((l) => l.startsWith('Opened 3 (+1), resolved 0 (−1)')),
      view.lines.join('\n'),
    );
    assert.equal(view.charts.length, 1);
    const [chart] = view.charts;
    assert.equal(chart!.title, 'Incidents per day by severity');
    assert.deepEqual(chart!.categories, ['11-23', '11-24', '11-25', '11-26', '11-27', '11-28', '11-29']);
    assert.deepEqual(chart!.series[0], { name: 'P1', values: [1, 0, 2, 0, 0, 0, 0] });
  });

  it('draws a week made so far with its days to come empty, not as quiet days', function () {
    // Wednesday 2026-12-02 10:30 in Shanghai: Monday, Tuesday and Wednesday have begun.
    const found = spanOf('weekly', undefined, new Date('2026-12-02T02:30:00Z'), 'Asia/Shanghai');
    assert.ok(found.ok && found.span.soFar);
    const busy: IncidentNumbers = { ...quiet, opened: 2, perBucket: { ...none, P2: [1, 0, 1, 0, 0, 0, 0] } };
    const [chart] = incidents.view(busy, found.span, en).charts;
    assert.equal(chart!.categories.length, 7, 'the axis is the whole week');
    assert.deepEqual(chart!.series[1], { name: 'P2', values: [1, 0, 1, null, null, null, null] });
  });
});
