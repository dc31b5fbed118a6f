// The permission precondition: passes quietly, or records the refusal and answers with the roles needed.
import { strict as assert } from 'node:assert';
import { authorizer } from '../../../src/access/authorization.js';
import { permissionOf } from '../../../src/domains/registry.js';
import type { BaseContext } from '../../../src/chat/context.js';
import { UserError } from '../../../src/chat/user-error.js';
import { Translator } from '../../../src/kernel/i18n.js';
import { userErrorMessage } from '../../../src/chat/error-message.js';
import type { AuditEntry } from '../../../src/domains/ops/rules/audit-trail.js';

const t = new Translator('zh-CN').forLocale('en');

function aContext(roles: string[]): BaseContext {
  return {
    actor: { platform: 'discord', id: '42' },
    actorKey: 'discord:42',
    conversation: { platform: 'discord', channelId: '1' },
    requestId: undefined,
    locale: 'en',
    localeSource: 'platform',
    t,
    roles: new Set(roles),
    reply: async () => {},
    replyPrivate: async () => {},
    openForm: async () => {},
    authorize: async () => {},
  };
}

function anAudit() {
  const recorded: AuditEntry[] = [];
  return { recorded, record: async (entry: AuditEntry) => void recorded.push(entry) };
}

describe('authorize', () => {
  it('lets an allowed person through without a record', async () => {
    const audit = anAudit();
    await authorizer(permissionOf, audit)(aContext(['pm']), 'ops.audit', { objectType: 'user', objectId: 'slack:U1' });
    assert.deepStrictEqual(audit.recorded, []);
  });

  it('records a refusal with actor, action, object, needed roles (as text and as a code) and platform, then throws role_required', async () => {
    const audit = anAudit();
    const refused = authorizer(permissionOf, audit)(aContext(['viewer']), 'ops.channel_set', {
      objectType: 'channel_binding',
      objectId: 'discord:alerts',
    });
    await assert.rejects(refused, (error: UserError) => {
      assert.equal(error.code, 'errors.role_required');
      assert.equal(
        userErrorMessage(t, error).text,
        'You need one of these roles: admin, project management. Ask an admin.',
      );
      return true;
    });
    assert.deepStrictEqual(audit.recorded, [
      {
        actor: 'discord:42',
        action: 'ops.channel_set',
        objectType: 'channel_binding',
        objectId: 'discord:alerts',
        reason: 'needs one of: admin, pm',
        reasonCode: 'needs_role',
        reasonParams: { roles: ['admin', 'pm'] },
        outcome: 'refused',
        via: 'discord',
      },
    ]);
  });

  it('says that being the owner would do, where it would', async () => {
    const target = { objectType: 'incident', objectId: 'INC-3', category: 'technical', assignee: 'slack:U9' };
    await assert.rejects(
      authorizer(permissionOf, anAudit())(aContext([]), 'incident.ack', target),
      (error: UserError) => {
        assert.match(userErrorMessage(t, error).text, /or to be its owner/);
        return true;
      },
    );
    const security = { ...target, category: 'security', assignee: 'discord:42' };
    await assert.rejects(
      authorizer(permissionOf, anAudit())(aContext(['sysops']), 'incident.ack', security),
      (error: UserError) => {
        assert.equal(
          userErrorMessage(t, error).text,
          'You need one of these roles: admin, network security. Ask an admin.',
        );
        return true;
      },
    );
  });

  it('names the command when there is no object', async () => {
    const audit = anAudit();
    await assert.rejects(authorizer(permissionOf, audit)(aContext([]), 'ops.role_manage'), UserError);
    assert.equal(audit.recorded[0]?.objectType, 'command');
    assert.equal(audit.recorded[0]?.objectId, 'ops.role_manage');
  });
});
