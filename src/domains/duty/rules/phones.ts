// Phone numbers for pages (issue 17): set by the person themselves (`/duty phone <number>`) or by an
// admin for someone (`/duty phone <user> <number>`), sealed before storing, shown masked, audited
// without the number. Without DUTY_PHONE_KEY phone numbers are off.
import type { DutyPhoneModel } from '../../../../models/duty/phone.js';
import { UserError } from '../../../chat/user-error.js';
import type { Clock } from '../../../kernel/clock.js';
import type { AuditTrail } from '../../ops/rules/audit-trail.js';
import { maskPhone, normalizePhone, type PhoneBox } from './phone-box.js';

/** Phone numbers set in chat or by import: sealed, masked, audited without the number. */
export class Phones {
  constructor(
    private readonly model: DutyPhoneModel,
    private readonly box: PhoneBox | undefined,
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
  ) {}

  get enabled(): boolean {
    return this.box !== undefined;
  }

  /** Stores `typed` for `person`, sealed; answers its mask. Throws `duty.errors.phones_off`, `.bad_phone`. */
  async set(person: string, typed: string, by: { key: string; via: string }): Promise<string> {
    if (!this.box) throw new UserError('duty.errors.phones_off');
    const phone = normalizePhone(typed);
    // The typed text is not echoed: it may be a number with a typo, still personal data.
    if (!phone) throw new UserError('duty.errors.bad_phone');
    const masked = maskPhone(phone);
    await this.model.updateOne(
      { _id: person },
      { $set: { sealed: this.box.seal(phone), masked, updatedAt: this.clock.now() } },
      { upsert: true },
    );
    await this.audit.record({
      actor: by.key,
      action: 'duty.phone',
      objectType: 'person',
      objectId: person,
      after: { phone: masked },
      outcome: 'done',
      via: by.via,
    });
    return masked;
  }

  /** The mask of `person`'s number, if one is stored. Throws `duty.errors.phones_off`. */
  async masked(person: string): Promise<string | undefined> {
    if (!this.box) throw new UserError('duty.errors.phones_off');
    return (await this.model.findById(person).lean())?.masked;
  }
}
