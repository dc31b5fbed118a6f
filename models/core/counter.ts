// Short-id sequences (INC-12, ALG-40, RST-3…): one $inc per new id, safe across processes.
//
// The embedded engine (mongo-java-server) applies each $inc atomically but reads the document it
// returns from findAndModify apart from the update, so two callers at once can both be handed the
// later number (seen: 200 callers on two connections got duplicates). Each call therefore also
// writes a nonce of its own, and the number is its caller's only if the document returned still
// carries that nonce; otherwise another increment came between, and it takes the next number. On
// MongoDB itself the first answer is always its own. Numbers may be skipped under contention, never
// handed out twice.
import { randomUUID } from 'node:crypto';
import { Schema, type Connection, type Model } from 'mongoose';

interface Counter {
  _id: string;
  seq: number;
  /** The nonce of the caller whose increment made `seq`. */
  by?: string;
}

const counterSchema = new Schema<Counter>(
  { _id: { type: String, required: true }, seq: { type: Number, default: 0 }, by: { type: String } },
  { versionKey: false },
);

/** Tries before giving up: each lost one means another caller's number came between. */
const TRIES = 50;

export interface CounterModel extends Model<Counter> {
  next(prefix: string): Promise<number>;
}

/**
 * The next number of `prefix`'s sequence (1 first), never handed to anyone else. Throws the
 * database's error, or after TRIES increments that all lost to others.
 */
counterSchema.static('next', async function next(this: Model<Counter>, prefix: string): Promise<number> {
  for (let attempt = 0; attempt < TRIES; attempt += 1) {
    const by = randomUUID();
    const counter = await this.findOneAndUpdate(
      { _id: prefix },
      { $inc: { seq: 1 }, $set: { by } },
      { upsert: true, returnDocument: 'after' },
    ).lean<Counter>();
    if (counter?.by === by) return counter.seq;
  }
  throw new Error(`counter ${prefix}: no number of its own after ${TRIES} tries`);
});

export function bindCounter(connection: Connection): CounterModel {
  return connection.model<Counter, CounterModel>('Counter', counterSchema, 'counters');
}
