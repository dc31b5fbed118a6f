// One line of the append-only audit trail: who did what to which object, from what to what, when.
// Nothing in Zhiban updates or deletes these; only insert and find are used.
import { Schema, type Connection, type InferSchemaType, type Model } from 'mongoose';

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
    outcome: { type: String, required: true, enum: ['done', 'refused'] },
    via: { type: String, required: true },
  },
  { versionKey: false },
);
auditEventSchema.index({ objectType: 1, objectId: 1, at: 1 });
auditEventSchema.index({ actor: 1, at: 1 });

export type AuditEvent = InferSchemaType<typeof auditEventSchema>;
export type AuditEventModel = Model<AuditEvent>;

export function bindAuditEvent(connection: Connection): AuditEventModel {
  return connection.model<AuditEvent>('AuditEvent', auditEventSchema, 'audit_events');
}
