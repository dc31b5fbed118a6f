// The ops domain's models: people (roles, language), channel bindings and languages, the audit trail, link codes.
import type { Connection } from 'mongoose';
import { bindAuditEvent } from './audit-event.js';
import { bindChannelBinding } from './channel-binding.js';
import { bindChannelLanguage } from './channel-language.js';
import { bindLinkCode } from './link-code.js';
import { bindUserProfile } from './user-profile.js';

export function bindOpsModels(connection: Connection) {
  return {
    UserProfile: bindUserProfile(connection),
    ChannelBinding: bindChannelBinding(connection),
    ChannelLanguage: bindChannelLanguage(connection),
    AuditEvent: bindAuditEvent(connection),
    LinkCode: bindLinkCode(connection),
  };
}

export type OpsModels = ReturnType<typeof bindOpsModels>;

declare module '../index.js' {
  interface Models extends OpsModels {}
}
