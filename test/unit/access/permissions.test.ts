// The permission table, cell by cell: every action × every role, as the assignee or not, on an
// ordinary and on a security incident. The expectations are written out here, not read from the table.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../../../src/kernel/paths.js';
import { ANYONE, type Action, type Permission, type Subject } from '../../../src/access/permissions.js';
import { ACTIONS, can, PERMISSIONS } from '../../../src/domains/registry.js';
import { ROLES, type Role } from '../../../src/access/roles.js';

const ME = 'slack:UME00001';
const EVERYONE = [...ROLES, 'none'] as const;
const INCIDENT_WORKERS = ['admin', 'pm', 'sysops', 'secops', 'support'];
/** Backup findings are alert groups too: data operations works them with the incident workers. */
const ALERT_WORKERS = [...INCIDENT_WORKERS, 'dataops'];
const RESTORE_REQUESTERS = ['admin', 'pm', 'sysops', 'dataops', 'support'];
const RESTORE_APPROVERS = ['admin', 'pm', 'approver'];
const SURVEY_WORKERS = ['admin', 'pm', 'support', 'service'];
const UPGRADE_PLANNERS = ['admin', 'pm', 'sysops'];

/** Who may, per action: on an ordinary subject, on a security incident, and whether the assignee may. */
const EXPECTED: Record<Action, { roles: readonly string[]; security: readonly string[]; assignee: boolean }> = {
  'ops.channel_set': { roles: ['admin', 'pm'], security: ['admin', 'pm'], assignee: false },
  'ops.role_manage': { roles: ['admin'], security: ['admin'], assignee: false },
  'ops.audit': { roles: ['admin', 'pm'], security: ['admin', 'pm'], assignee: false },
  'incident.declare': { roles: EVERYONE, security: EVERYONE, assignee: false },
  'incident.view': { roles: EVERYONE, security: EVERYONE, assignee: false },
  'incident.ack': { roles: INCIDENT_WORKERS, security: ['admin', 'secops'], assignee: true },
  'incident.assign': { roles: INCIDENT_WORKERS, security: ['admin', 'secops'], assignee: true },
  'incident.advance': { roles: INCIDENT_WORKERS, security: ['admin', 'secops'], assignee: true },
  'incident.resolve': { roles: INCIDENT_WORKERS, security: ['admin', 'secops'], assignee: true },
  'incident.update': { roles: INCIDENT_WORKERS, security: ['admin', 'secops'], assignee: true },
  'incident.summary': { roles: INCIDENT_WORKERS, security: ['admin', 'secops'], assignee: true },
  'incident.escalate': { roles: INCIDENT_WORKERS, security: ['admin', 'secops'], assignee: true },
  // Alert groups have no category or assignee of their own: the same roles whatever the subject.
  'alert.view': { roles: EVERYONE, security: EVERYONE, assignee: false },
  'alert.ack': { roles: ALERT_WORKERS, security: ALERT_WORKERS, assignee: false },
  'alert.silence': { roles: ALERT_WORKERS, security: ALERT_WORKERS, assignee: false },
  'alert.unsilence': { roles: ALERT_WORKERS, security: ALERT_WORKERS, assignee: false },
  'alert.incident': { roles: ALERT_WORKERS, security: ALERT_WORKERS, assignee: false },
  // Anyone with a role reads; a person with none does not.
  'backup.view': { roles: ROLES, security: ROLES, assignee: false },
  'backup.policy_set': { roles: ['admin', 'dataops'], security: ['admin', 'dataops'], assignee: false },
  // Restores: four groups ask, approvers and project management decide (the default of
  // RESTORE_APPROVER_ROLES), data operations carries out by hand and verifies.
  'restore.request': { roles: RESTORE_REQUESTERS, security: RESTORE_REQUESTERS, assignee: false },
  'restore.view': { roles: ROLES, security: ROLES, assignee: false },
  'restore.approve': { roles: RESTORE_APPROVERS, security: RESTORE_APPROVERS, assignee: false },
  'restore.reject': { roles: RESTORE_APPROVERS, security: RESTORE_APPROVERS, assignee: false },
  'restore.execute': { roles: ['admin', 'dataops'], security: ['admin', 'dataops'], assignee: false },
  'restore.verify': { roles: ['admin', 'dataops'], security: ['admin', 'dataops'], assignee: false },
  // Surveys have no category or assignee either; customer service joins the senders and readers.
  'survey.send': { roles: SURVEY_WORKERS, security: SURVEY_WORKERS, assignee: false },
  'survey.force': { roles: ['admin', 'pm'], security: ['admin', 'pm'], assignee: false },
  'survey.report': { roles: SURVEY_WORKERS, security: SURVEY_WORKERS, assignee: false },
  'survey.names': { roles: ['admin', 'pm'], security: ['admin', 'pm'], assignee: false },
  'duty.view': { roles: ROLES, security: ROLES, assignee: false },
  'duty.set': { roles: ['admin', 'pm'], security: ['admin', 'pm'], assignee: false },
  'duty.override': { roles: ['admin', 'pm'], security: ['admin', 'pm'], assignee: false },
  'duty.import': { roles: ['admin', 'pm'], security: ['admin', 'pm'], assignee: false },
  'duty.phone': { roles: ROLES, security: ROLES, assignee: false },
  'duty.phone_other': { roles: ['admin'], security: ['admin'], assignee: false },
  // Upgrades: sysops and pm announce, cancel and set rules; sysops run the window; a pm approves.
  'upgrade.announce': { roles: UPGRADE_PLANNERS, security: UPGRADE_PLANNERS, assignee: false },
  'upgrade.view': { roles: ROLES, security: ROLES, assignee: false },
  'upgrade.run': { roles: ['admin', 'sysops'], security: ['admin', 'sysops'], assignee: false },
  'upgrade.cancel': { roles: UPGRADE_PLANNERS, security: UPGRADE_PLANNERS, assignee: false },
  'upgrade.approve': { roles: ['admin', 'pm'], security: ['admin', 'pm'], assignee: false },
  'upgrade.rule': { roles: UPGRADE_PLANNERS, security: UPGRADE_PLANNERS, assignee: false },
  'report.daily': { roles: ['admin', 'pm', 'sysops'], security: ['admin', 'pm', 'sysops'], assignee: false },
  'report.weekly': { roles: ['admin', 'pm'], security: ['admin', 'pm'], assignee: false },
  'report.quarterly': { roles: ['admin', 'pm'], security: ['admin', 'pm'], assignee: false },
};

const SUBJECTS: Array<{ name: string; subject?: Subject; security: boolean; mine: boolean }> = [
  { name: 'no subject', security: false, mine: false },
  {
    name: 'a technical incident',
    subject: { category: 'technical', assignee: 'slack:UOTHER01' },
    security: false,
    mine: false,
  },
  {
    name: 'a technical incident they own',
    subject: { category: 'technical', assignee: ME },
    security: false,
    mine: true,
  },
  { name: 'a security incident', subject: { category: 'security' }, security: true, mine: false },
  { name: 'a security incident they own', subject: { category: 'security', assignee: ME }, security: true, mine: true },
];

function expected(action: Action, role: string, security: boolean, mine: boolean): boolean {
  const rule = EXPECTED[action];
  const roles = security ? rule.security : rule.roles;
  if (roles.includes(role)) return true;
  // On a security incident owning it is not enough: secops handles those (issue 3).
  return mine && !security && rule.assignee;
}

describe('permission table', () => {
  it('has exactly the actions these tests know', () => {
    assert.deepStrictEqual([...ACTIONS].sort(), Object.keys(EXPECTED).sort());
  });

  for (const action of ACTIONS) {
    for (const role of EVERYONE) {
      for (const { name, subject, security, mine } of SUBJECTS) {
        const want = expected(action, role, security, mine);
        it(`${want ? 'lets' : 'refuses'} ${role} ${action} on ${name}`, () => {
          const roles = role === 'none' ? [] : [role];
          const decision = can(action, { roles, actorKey: ME }, subject);
          assert.equal(decision.allowed, want);
        });
      }
    }
  }

  it('lets admin do everything, whatever else they hold', () => {
    for (const action of ACTIONS) {
      assert.equal(
        can(action, { roles: new Set(['viewer', 'admin']), actorKey: ME }, { category: 'security' }).allowed,
        true,
      );
    }
  });

  it('names the roles needed, admin first, in the order of the roles list', () => {
    assert.deepStrictEqual(can('ops.channel_set', { roles: ['viewer'], actorKey: ME }), {
      allowed: false,
      needed: ['admin', 'pm'],
    });
    assert.deepStrictEqual(can('incident.ack', { roles: [], actorKey: ME }, { category: 'routine' }), {
      allowed: false,
      needed: ['admin', 'pm', 'sysops', 'secops', 'support'],
    });
    assert.deepStrictEqual(can('incident.resolve', { roles: ['sysops'], actorKey: ME }, { category: 'security' }), {
      allowed: false,
      needed: ['admin', 'secops'],
    });
  });

  it('does not take an empty or missing assignee for the actor', () => {
    assert.equal(can('incident.ack', { roles: [], actorKey: '' }, { assignee: '' }).allowed, false);
    assert.equal(can('incident.ack', { roles: [], actorKey: ME }, { assignee: null }).allowed, false);
  });

  it('knows every role of CONTRACT.md', () => {
    const contract: Role[] = ['admin', 'pm', 'sysops', 'secops', 'dataops', 'support', 'service', 'approver', 'viewer'];
    assert.deepStrictEqual([...ROLES], contract);
  });
});

describe('README permission table', () => {
  const readme = readFileSync(join(projectRoot(), 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## Roles and permissions'), readme.indexOf('## HTTP'));
  const rows = new Map(
    section
      .split('\n')
      .filter((line) => /^\| `[a-z]+\.[a-z_]+`/.test(line))
      .map((line) => {
        const cells = line.split('|').map((cell) => cell.trim());
        return [/`([^`]+)`/.exec(cells[1]!)![1]!, { who: cells[2]!, security: cells[3]! }];
      }),
  );
  const written = (roles: readonly string[] | typeof ANYONE) =>
    roles === ANYONE ? 'anyone' : roles.map((role) => `\`${role}\``).join(', ');

  it('has one row per action, no more', () => {
    assert.deepStrictEqual([...rows.keys()].sort(), [...ACTIONS].sort());
  });

  for (const action of ACTIONS) {
    it(`says what the code says for ${action}`, () => {
      const rule: Permission = PERMISSIONS[action];
      const row = rows.get(action);
      const who = written(rule.roles) + (rule.assignee ? ", or the incident's assignee" : '');
      const security = rule.security ? written(rule.security) : action.startsWith('incident.') ? who : '—';
      assert.deepStrictEqual(row, { who, security });
    });
  }
});
