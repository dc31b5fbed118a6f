// A storage's capacity over time, for the forecast of when it fills: one sample per storage and
// hour (the latest report of the hour wins), so a busy storage keeps 336 samples over 14 days.
import { Schema, type Connection, type Model } from 'mongoose';

export interface StorageSample {
  /** `name|hour` (see sampleKey). */
  _id: string;
  name: string;
  totalBytes: number;
  freeBytes: number;
  at: Date;
}

/** One id per storage and hour of `at` (UTC hours: the forecast needs no calendar). */
export function sampleKey(name: string, at: Date): string {
  return `${name}|${at.toISOString().slice(0, 13)}`;
}

const storageSampleSchema = new Schema<StorageSample>(
  {
    _id: { type: String, required: true },
    name: { type: String, required: true, maxlength: 100 },
    totalBytes: { type: Number, required: true },
    freeBytes: { type: Number, required: true },
    at: { type: Date, required: true },
  },
  { versionKey: false },
);
storageSampleSchema.index({ name: 1, at: 1 });

export type StorageSampleModel = Model<StorageSample>;

export function bindStorageSample(connection: Connection): StorageSampleModel {
  return connection.model<StorageSample>('StorageSample', storageSampleSchema, 'backup_storage_samples');
}
