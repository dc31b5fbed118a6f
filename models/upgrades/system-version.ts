// The version registry (issue 14, seed 4.3 "versions are kept in a registry"): per system, the
// version it runs now and since when, and its own naming rule when it has one. The history of
// versions is the upgrades themselves (completed and rolled back), read by `/upgrade history`.
import { Schema, type Connection, type Model } from 'mongoose';

export interface SystemVersion {
  /** The system's name, as alerts' `system` label and upgrades name it. */
  _id: string;
  /** The version it runs; absent until its first upgrade completes. */
  current?: string;
  /** When `current` went live (the completion), and by which upgrade. */
  since?: Date;
  upgradeId?: string;
  /** A regular expression every version of this system must match whole; absent: semantic versioning. */
  pattern?: string;
  patternBy?: string;
  updatedAt: Date;
}

const systemVersionSchema = new Schema<SystemVersion>(
  {
    _id: { type: String, required: true },
    current: { type: String, maxlength: 100 },
    since: Date,
    upgradeId: String,
    pattern: { type: String, maxlength: 200 },
    patternBy: String,
    updatedAt: { type: Date, required: true },
  },
  { versionKey: false },
);

export type SystemVersionModel = Model<SystemVersion>;

export function bindSystemVersion(connection: Connection): SystemVersionModel {
  return connection.model<SystemVersion>('SystemVersion', systemVersionSchema, 'system_versions');
}
