// One shift handover (交接班, issue 17): outgoing → incoming at a handover time, on record until the
// incoming person takes over; until then the outgoing person stays on duty for paging.
import { Schema, type Connection, type Model } from 'mongoose';

export const HANDOVER_STATES = ['open', 'taken'] as const;
export type HandoverState = (typeof HANDOVER_STATES)[number];

export interface Handover {
  /** `<team>:<handover instant, ISO>`: made once per team and handover, whatever the processes. */
  _id: string;
  /** HO-12, for people and buttons. */
  shortId: string;
  team: string;
  at: Date;
  outgoing?: string;
  incoming: string;
  /** The incoming shift's secondary, reminded with pm when nobody takes over. */
  secondary?: string;
  /** The shift handed over ends then (the card lists maintenance windows up to it). */
  until: Date;
  state: HandoverState;
  note?: string;
  takenAt?: Date;
  takenBy?: string;
  /** The open work listed on its card, as it stood at the handover (kind → lines). */
  items: Array<{ kind: string; items: Array<{ id: string; text: string }>; failed?: boolean }>;
  /** When the secondary and pm were reminded that nobody took over. */
  remindedAt?: Date;
  version: number;
}

const handoverSchema = new Schema<Handover>(
  {
    _id: { type: String, required: true },
    shortId: { type: String, required: true, unique: true },
    team: { type: String, required: true },
    at: { type: Date, required: true },
    outgoing: String,
    incoming: { type: String, required: true },
    secondary: String,
    until: { type: Date, required: true },
    state: { type: String, required: true, enum: HANDOVER_STATES },
    note: { type: String, maxlength: 2000 },
    takenAt: Date,
    takenBy: String,
    remindedAt: Date,
    items: { type: Schema.Types.Mixed, default: [] },
    version: { type: Number, default: 0 },
  },
  { versionKey: false },
);
handoverSchema.index({ team: 1, at: -1 });
handoverSchema.index({ state: 1, at: 1 });

export type HandoverModel = Model<Handover>;

/** The handovers collection (`duty_handovers`) on `connection`. */
export function bindHandover(connection: Connection): HandoverModel {
  return connection.model<Handover>('DutyHandover', handoverSchema, 'duty_handovers');
}
