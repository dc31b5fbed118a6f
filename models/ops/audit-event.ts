// One line of the append-only audit trail: who did what to which object, from what to what, when.
// Append-only is enforced here: every update, replace and delete through mongoose throws. (In
// production, also give Zhiban's database user only insert and find on `audit_events`.)
// Retention: at least 180 days (China's cybersecurity law asks ≥ 6 months), so there is
// deliberately no TTL index on this collection; removing old lines is an operator's decision.
import { Schema, type Connection, type InferSchemaType, type Model } from 'mongoose';

export class AppendOnlyError extends Error {
  constructor(operation: string) {
    super(`the audit trail is append-only: ${operation} is not allowed`);
    this.name = 'AppendOnlyError';
  }
}

const auditEventSchema = new Schema(
  {
    at: { type: Date, required: true },
    actor: { type: String, required: true },
    action: { type: String, required: true },
    objectType: { type: String, required: true },
    objectId: { type: String, required: true },
    before: { type: Schema.Types.Mixed, required: false },
    after: { type: Schema.Types.Mixed, required: false },
    reason: { type: String, required: false, maxlength: 2000 },
    /** Why, as a code of src/domains/ops/audit-vocabulary.ts (records from before codes have only `reason`). */
    reasonCode: { type: String, required: false, maxlength: 100 },
    /** The code's parameters, e.g. `{ roles: ['admin', 'pm'] }`. */
    reasonParams: { type: Schema.Types.Mixed, required: false },
    outcome: { type: String, required: true, enum: ['done', 'refused'] },
    via: { type: String, required: true },
  },
  { versionKey: false },
);
auditEventSchema.index({ objectType: 1, objectId: 1, at: 1 });
auditEventSchema.index({ objectId: 1, at: -1 });
auditEventSchema.index({ actor: 1, at: 1 });

const QUERY_WRITES = [
  'updateOne',
  'updateMany',
  'findOneAndUpdate',
  'findOneAndReplace',
  'replaceOne',
  'deleteOne',
  'deleteMany',
  'findOneAndDelete',
] as const;
for (const operation of QUERY_WRITES) {
  auditEventSchema.pre(operation, { document: false, query: true }, function () {
    throw new AppendOnlyError(operation);
  });
}
auditEventSchema.pre(['updateOne', 'deleteOne'], { document: true, query: false }, function () {
  throw new AppendOnlyError('document write');
});
auditEventSchema.pre('save', function () {
  if (!this.isNew) throw new AppendOnlyError('save of an existing event');
});
auditEventSchema.pre('bulkWrite', function (ops) {
  if (ops.some((op) => !('insertOne' in op))) throw new AppendOnlyError('bulkWrite other than insertOne');
});

export type AuditEvent = InferSchemaType<typeof auditEventSchema>;
export type AuditEventModel = Model<AuditEvent>;

export function bindAuditEvent(connection: Connection): AuditEventModel {
  return connection.model<AuditEvent>('AuditEvent', auditEventSchema, 'audit_events');
}
