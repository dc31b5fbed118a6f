// Binds every schema to one connection, so each Zhiban instance (and each test) has its own models.
import type { Connection } from 'mongoose';
import { bindAuditEvent } from './audit-event.js';
import { bindChannelBinding } from './channel-binding.js';
import { bindUserProfile } from './user-profile.js';

export function bindModels(connection: Connection) {
  return {
    UserProfile: bindUserProfile(connection),
    ChannelBinding: bindChannelBinding(connection),
    AuditEvent: bindAuditEvent(connection),
  };
}

export type Models = ReturnType<typeof bindModels>;

/** Creates the indexes the rules rely on (unique bindings, audit look-ups). */
export async function ensureIndexes(models: Models): Promise<void> {
  await Promise.all(Object.values(models).map((model) => model.createIndexes()));
}
