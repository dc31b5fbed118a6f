// The models every Zhiban has whatever its domains (counters, idempotency keys, the outbox, the web
// console's own), and the Models type, which each domain's models/<domain>/index.ts extends by
// declaration merging. src/domains/registry.ts binds them all to one connection.
import type { Connection } from 'mongoose';
import { bindCounter } from './core/counter.js';
import { bindMessageRef } from './core/message-ref.js';
import { bindOutboxMessage } from './core/outbox-message.js';
import { bindOutboxStorm } from './core/outbox-storm.js';
import { bindRequestKey } from './core/request-key.js';
import { bindLoginAttempt } from './web/login-attempt.js';
import { bindWebMessage } from './web/web-message.js';
import { bindWebSession } from './web/web-session.js';
import { bindWebUser } from './web/web-user.js';

export function bindCoreModels(connection: Connection) {
  return {
    Counter: bindCounter(connection),
    RequestKey: bindRequestKey(connection),
    OutboxMessage: bindOutboxMessage(connection),
    OutboxStorm: bindOutboxStorm(connection),
    MessageRef: bindMessageRef(connection),
    WebMessage: bindWebMessage(connection),
    WebUser: bindWebUser(connection),
    WebSession: bindWebSession(connection),
    LoginAttempt: bindLoginAttempt(connection),
  };
}

/**
 * Every model of one Zhiban, by name. A domain adds its own in `models/<domain>/index.ts`:
 * `declare module '../index.js' { interface Models extends OpsModels {} }`.
 */
export interface Models extends ReturnType<typeof bindCoreModels> {}

/**
 * Creates each collection and the indexes the rules rely on, one model at a time, before any
 * traffic: the embedded engine's file backend can fail a first insert that races mongoose's
 * own collection creation.
 */
export async function ensureIndexes(models: Models): Promise<void> {
  for (const model of Object.values(models)) await model.init();
}
