// A shift swap asked for (issue 17, `/duty swap`): the person on duty for a shift asks another to
// take it; the other accepts or declines by button. Accepted, it becomes an override of the roster.
import { Schema, type Connection, type Model } from 'mongoose';

export const SWAP_STATES = ['asked', 'accepted', 'declined'] as const;
export type SwapState = (typeof SWAP_STATES)[number];

export interface DutySwap {
  /** SW-3 */
  _id: string;
  team: string;
  /** The shift given away: `[start, end)`. */
  start: Date;
  end: Date;
  /** Who asks (the shift's primary) and who is asked to take it. */
  from: string;
  to: string;
  state: SwapState;
  decidedAt?: Date;
  version: number;
}

const swapSchema = new Schema<DutySwap>(
  {
    _id: { type: String, required: true },
    team: { type: String, required: true },
    start: { type: Date, required: true },
    end: { type: Date, required: true },
    from: { type: String, required: true },
    to: { type: String, required: true },
    state: { type: String, required: true, enum: SWAP_STATES },
    decidedAt: Date,
    version: { type: Number, default: 0 },
  },
  { versionKey: false },
);

export type DutySwapModel = Model<DutySwap>;

/** The swap requests (`duty_swaps`) on `connection`. */
export function bindDutySwap(connection: Connection): DutySwapModel {
  return connection.model<DutySwap>('DutySwap', swapSchema, 'duty_swaps');
}
