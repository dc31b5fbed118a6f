// Short-id sequences (INC-12, ALG-40, RST-3…): one atomic $inc per new id, safe across processes.
import { Schema, type Connection, type Model } from 'mongoose';

interface Counter {
  _id: string;
  seq: number;
}

const counterSchema = new Schema<Counter>(
  { _id: { type: String, required: true }, seq: { type: Number, default: 0 } },
  { versionKey: false },
);

export interface CounterModel extends Model<Counter> {
  next(prefix: string): Promise<number>;
}

counterSchema.static('next', async function next(this: Model<Counter>, prefix: string): Promise<number> {
  const counter = await this.findOneAndUpdate(
    { _id: prefix },
    { $inc: { seq: 1 } },
    { upsert: true, returnDocument: 'after' },
  ).lean<Counter>();
  return counter!.seq;
});

export function bindCounter(connection: Connection): CounterModel {
  return connection.model<Counter, CounterModel>('Counter', counterSchema, 'counters');
}
