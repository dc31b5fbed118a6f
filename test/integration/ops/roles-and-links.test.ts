// Roles and identity links on a real database with a clock the test moves: exactly-once grants,
// revokes across linked identities, and link codes that expire, are single-use and stay hashed.
import { strict as assert } from 'node:assert';
import type { Connection } from 'mongoose';
import { ensureIndexes, type Models } from '../../../models/index.js';
import { bindModels } from '../../../src/domains/registry.js';
import { connectDatabase } from '../../../src/db/connect.js';
import { silentLogger } from '../../../src/kernel/logger.js';
import { AuditTrail } from '../../../src/domains/ops/rules/audit-trail.js';
import { IdentityLinks } from '../../../src/domains/ops/rules/identity-links.js';
import { RoleAssignments } from '../../../src/domains/ops/rules/role-assignments.js';
import { UserDirectory } from '../../../src/domains/ops/rules/user-directory.js';
import { testDatabaseUri } from '../../support/db.js';

const ADMIN = 'slack:UCONFIG01';
const BY = { key: ADMIN, via: 'slack' };

describe('Roles and identity links', function () {
  let connection: Connection;
  let models: Models;
  let now = new Date('2026-05-01T08:00:00Z');
  let nextCode = 0;
  let users: UserDirectory;
  let roles: RoleAssignments;
  let links: IdentityLinks;

  before(async function () {
    connection = await connectDatabase(testDatabaseUri('roles-links'), silentLogger());
    models = bindModels(connection);
    await ensureIndexes(models);
    const clock = { now: () => now };
    const audit = new AuditTrail(models.AuditEvent, clock);
    users = new UserDirectory(models.UserProfile, audit, [ADMIN]);
    roles = new RoleAssignments(models.UserProfile, users, audit);
    links = new IdentityLinks(models.LinkCode, users, audit, clock, () => `CODE${String(++nextCode).padStart(4, '0')}`);
  });

  after(async function () {
    await connection?.close();
  });

  const later = (ms: number) => {
    now = new Date(now.getTime() + ms);
  };
  const audited = (filter: Record<string, unknown>) => models.AuditEvent.countDocuments(filter);

  it('grants a role once when twenty admins grant it at the same moment', async function () {
    const results = await Promise.all(Array.from({ length: 20 }, () => roles.grant('slack:URACE0001', 'sysops', BY)));
    assert.equal(results.filter((r) => r.outcome === 'granted').length, 1);
    assert.equal(await audited({ action: 'role.grant', objectId: 'slack:URACE0001', outcome: 'done' }), 1);
    const stored = await models.UserProfile.findById('slack:URACE0001').lean();
    assert.deepStrictEqual(stored?.roles, ['sysops']);
  });

  it('records a grant as before → after', async function () {
    await roles.grant('slack:URACE0001', 'pm', BY);
    const event = await models.AuditEvent.findOne({ action: 'role.grant', objectId: 'slack:URACE0001' })
      .sort({ at: -1, _id: -1 })
      .lean();
    assert.deepStrictEqual(event?.before, { roles: ['sysops'] });
    assert.deepStrictEqual(event?.after, { roles: ['pm', 'sysops'] });
    assert.equal(event?.actor, ADMIN);
  });

  it('says a configured admin is already admin, and will not revoke it', async function () {
    assert.deepStrictEqual(await roles.grant(ADMIN, 'admin', BY), { outcome: 'already' });
    assert.deepStrictEqual(await roles.revoke(ADMIN, 'admin', BY), { outcome: 'config' });
    assert.equal(await audited({ objectId: ADMIN, action: { $in: ['role.grant', 'role.revoke'] } }), 0);
  });

  it('refuses an unknown, an expired, a used and one’s own code, and records each refusal', async function () {
    assert.deepStrictEqual(await links.redeem('NOPE2345', 'discord:111', 'discord'), {
      outcome: 'refused',
      reason: 'unknown',
    });
    const { code } = await links.issue('slack:ULINK0001', 'slack');
    assert.deepStrictEqual(await links.redeem(code, 'slack:ULINK0001', 'slack'), {
      outcome: 'refused',
      reason: 'self',
    });
    later(10 * 60_000);
    assert.deepStrictEqual(await links.redeem(code, 'discord:111', 'discord'), {
      outcome: 'refused',
      reason: 'expired',
    });
    const fresh = await links.issue('slack:ULINK0001', 'slack');
    later(9 * 60_000);
    assert.equal((await links.redeem(fresh.code.toLowerCase(), 'discord:111', 'discord')).outcome, 'linked');
    assert.deepStrictEqual(await links.redeem(fresh.code, 'discord:222', 'discord'), {
      outcome: 'refused',
      reason: 'used',
    });
    assert.equal(await audited({ action: 'user.link', outcome: 'refused' }), 4);
  });

  it('keeps only a hash of each code', async function () {
    const stored = await models.LinkCode.find().lean();
    assert.ok(stored.length > 0);
    for (const doc of stored) {
      assert.match(doc._id, /^[0-9a-f]{64}$/);
      assert.doesNotMatch(JSON.stringify(doc), /CODE\d{4}/);
    }
  });

  it('merges roles and the language over linked identities, in both directions', async function () {
    await roles.grant('discord:111', 'secops', BY);
    await users.setLocale('slack:ULINK0001', 'en', 'slack');
    assert.deepStrictEqual(await users.profile('slack:ULINK0001'), {
      key: 'slack:ULINK0001',
      locale: 'en',
      roles: ['secops'],
    });
    assert.deepStrictEqual(await users.profile('discord:111'), { key: 'discord:111', locale: 'en', roles: ['secops'] });
  });

  it('lets a third identity join from either side, but never two of one platform', async function () {
    const fromWeb = await links.issue('web:alice', 'web');
    assert.equal((await links.redeem(fromWeb.code, 'discord:111', 'discord')).outcome, 'linked');
    const group = await users.group('web:alice');
    assert.deepStrictEqual(group.primary, 'slack:ULINK0001');
    assert.deepStrictEqual(group.members.map((m) => m.key).sort(), ['discord:111', 'slack:ULINK0001', 'web:alice']);
    const second = await links.issue('slack:ULINK0001', 'slack');
    assert.deepStrictEqual(await links.redeem(second.code, 'discord:999', 'discord'), {
      outcome: 'refused',
      reason: 'same_platform',
    });
  });

  it('revokes a role from every identity of the person', async function () {
    // Held on two identities, as when both had it before they were linked.
    assert.deepStrictEqual(await roles.grant('web:alice', 'secops', BY), { outcome: 'already' });
    await models.UserProfile.updateOne({ _id: 'web:alice' }, { $addToSet: { roles: 'secops' } });
    const result = await roles.revoke('slack:ULINK0001', 'secops', BY);
    assert.deepStrictEqual(result, { outcome: 'revoked', from: ['discord:111', 'web:alice'] });
    assert.deepStrictEqual((await users.profile('web:alice')).roles, []);
    assert.deepStrictEqual(await roles.revoke('slack:ULINK0001', 'secops', BY), { outcome: 'absent' });
  });

  it('lists everyone holding a role, configured admins included', async function () {
    const holders = await roles.holders();
    assert.deepStrictEqual(
      holders.map((h) => [h.key, h.roles, h.configAdmin]),
      [
        ['slack:UCONFIG01', [], true],
        ['slack:URACE0001', ['pm', 'sysops'], false],
      ],
    );
  });
});
