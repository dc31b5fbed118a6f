// Binds every schema to one connection, so each Zhiban instance (and each test) has its own models.
import type { Connection } from 'mongoose';
import { bindAlert } from './alerts/alert.js';
import { bindAlertGroup } from './alerts/alert-group.js';
import { bindAuditEvent } from './ops/audit-event.js';
import { bindChannelBinding } from './ops/channel-binding.js';
import { bindCounter } from './core/counter.js';
import { bindIncident } from './incidents/incident.js';
import { bindLinkCode } from './ops/link-code.js';
import { bindLoginAttempt } from './web/login-attempt.js';
import { bindMessageRef } from './core/message-ref.js';
import { bindOutboxMessage } from './core/outbox-message.js';
import { bindOutboxStorm } from './core/outbox-storm.js';
import { bindRequestKey } from './core/request-key.js';
import { bindSilence } from './alerts/silence.js';
import { bindUserProfile } from './ops/user-profile.js';
import { bindWebMessage } from './web/web-message.js';
import { bindWebSession } from './web/web-session.js';
import { bindWebUser } from './web/web-user.js';

export function bindModels(connection: Connection) {
  return {
    UserProfile: bindUserProfile(connection),
    ChannelBinding: bindChannelBinding(connection),
    AuditEvent: bindAuditEvent(connection),
    LinkCode: bindLinkCode(connection),
    Counter: bindCounter(connection),
    Incident: bindIncident(connection),
    RequestKey: bindRequestKey(connection),
    OutboxMessage: bindOutboxMessage(connection),
    OutboxStorm: bindOutboxStorm(connection),
    MessageRef: bindMessageRef(connection),
    Alert: bindAlert(connection),
    AlertGroup: bindAlertGroup(connection),
    Silence: bindSilence(connection),
    WebMessage: bindWebMessage(connection),
    WebUser: bindWebUser(connection),
    WebSession: bindWebSession(connection),
    LoginAttempt: bindLoginAttempt(connection),
  };
}

export type Models = ReturnType<typeof bindModels>;

/**
 * Creates each collection and the indexes the rules rely on, one model at a time, before any
 * traffic: the embedded engine's file backend can fail a first insert that races mongoose's
 * own collection creation.
 */
export async function ensureIndexes(models: Models): Promise<void> {
  for (const model of Object.values(models)) await model.init();
}
