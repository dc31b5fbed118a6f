// Every name the audit trail records has words in every language: each done action (the list
// AuditTrail.record is typed against, so code cannot record one that is not listed), each
// permission a refusal names, each field of before/after, each reason code, each source.
import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ACTIONS } from '../../../src/domains/registry.js';
import {
  AUDIT_FIELDS,
  AUDIT_VIA,
  DONE_ACTIONS,
  REASON_CODES,
  VALUE_WORDS,
} from '../../../src/domains/ops/audit-vocabulary.js';
import { INCIDENT_STATES } from '../../../models/incidents/incident.js';
import { RESTORE_STATES } from '../../../models/restores/restore-request.js';
import { RISKS, UPGRADE_STATES } from '../../../models/upgrades/upgrade.js';
import { LOCALES, Translator } from '../../../src/kernel/i18n.js';
import { projectRoot } from '../../../src/kernel/paths.js';

const translator = new Translator('zh-CN');

function missing(keys: readonly string[]): string[] {
  return LOCALES.flatMap((locale) => keys.filter((key) => !translator.has(locale, key)).map((k) => `${locale}: ${k}`));
}

/** The TypeScript files under the folders that record (src, handlers, jobs). */
function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return path.endsWith('.ts') ? [path] : [];
  });
}

describe('audit vocabulary', () => {
  it('has words for every action recorded when something is done', () => {
    assert.deepStrictEqual(missing(DONE_ACTIONS.map((a) => `audit_cmd.actions.${a}`)), []);
  });

  it('has words for every permission a refusal may name', () => {
    assert.ok(ACTIONS.length > 10);
    assert.deepStrictEqual(missing(ACTIONS.map((a) => `audit_cmd.actions.${a}`)), []);
  });

  it('lists a step reached for every state of the incident lifecycle', () => {
    for (const state of INCIDENT_STATES) {
      assert.ok((DONE_ACTIONS as readonly string[]).includes(`incident.${state}`), state);
    }
  });

  it('lists every action the code names as a literal where it records', () => {
    // The type of AuditTrail.record already refuses an unlisted action; this catches one written
    // where the type is widened (a `string` helper), by reading the code for `'x.y'` passed on.
    const root = projectRoot();
    const files = ['src', 'handlers', 'jobs'].flatMap((dir) => sources(join(root, dir)));
    const recorded = new Set<string>();
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      for (const match of text.matchAll(/(?:record\([^)]*?|action: )'([a-z_]+\.[a-z_]+)'/g)) recorded.add(match[1]!);
    }
    assert.ok(recorded.has('role.grant') && recorded.has('alert.ack'), 'the reading finds the record calls');
    const known = new Set<string>([...DONE_ACTIONS, ...ACTIONS]);
    assert.deepStrictEqual(
      [...recorded].filter((a) => !known.has(a)),
      [],
    );
  });

  it('has words for every field, every source, every outcome and every reason code', () => {
    assert.deepStrictEqual(
      missing([
        ...AUDIT_FIELDS.map((f) => `audit_cmd.fields.${f}`),
        ...AUDIT_VIA.map((v) => `audit_cmd.via_names.${v}`),
        'audit_cmd.outcomes.done',
        'audit_cmd.outcomes.refused',
        ...REASON_CODES.map((c) => `audit_cmd.reasons.${c}`),
      ]),
      [],
    );
  });

  it('has words for the values of the fields that name them', () => {
    const values: Record<string, readonly string[]> = {
      state: INCIDENT_STATES,
      severity: ['P1', 'P2', 'P3', 'P4'],
      roles: ['admin', 'pm', 'sysops', 'secops', 'dataops', 'support', 'service', 'approver', 'viewer'],
      alerts: ['firing', 'resolved'],
      locale: LOCALES,
      // A backup policy's grace left to the plan (its other values are durations, shown as typed).
      grace: ['default'],
      // A restore's step, and how its restored data compared with the backup.
      restore: RESTORE_STATES,
      checksumMatch: ['match', 'mismatch', 'unknown'],
      // An upgrade's state and risk.
      upgrade: UPGRADE_STATES,
      risk: RISKS,
    };
    assert.deepStrictEqual(Object.keys(VALUE_WORDS).sort(), Object.keys(values).sort());
    const keys = Object.entries(VALUE_WORDS).flatMap(([field, prefix]) => values[field]!.map((v) => `${prefix}.${v}`));
    assert.deepStrictEqual(missing(keys), []);
  });
});
