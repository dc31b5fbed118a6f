// A person's phone number for the pager gateway: personal data, stored only as AES-256-GCM
// ciphertext under DUTY_PHONE_KEY (src/domains/duty/rules/phone-box.ts), with its mask for display.
import { Schema, type Connection, type Model } from 'mongoose';

export interface DutyPhone {
  /** The person's identity key. */
  _id: string;
  /** `v1:<iv>:<tag>:<ciphertext>`, base64 parts. */
  sealed: string;
  /** `138****5678`: what people are shown. */
  masked: string;
  updatedAt: Date;
}

const phoneSchema = new Schema<DutyPhone>(
  {
    _id: { type: String, required: true },
    sealed: { type: String, required: true },
    masked: { type: String, required: true },
    updatedAt: { type: Date, required: true },
  },
  { versionKey: false },
);

export type DutyPhoneModel = Model<DutyPhone>;

/** The sealed phone numbers (`duty_phones`) on `connection`. */
export function bindDutyPhone(connection: Connection): DutyPhoneModel {
  return connection.model<DutyPhone>('DutyPhone', phoneSchema, 'duty_phones');
}
