// The duty domain's models.
import type { Connection } from 'mongoose';
import { bindHandover } from './handover.js';
import { bindDutyPage } from './page.js';
import { bindPagerCall } from './pager-call.js';
import { bindDutyPhone } from './phone.js';
import { bindDutyRoster } from './roster.js';
import { bindDutySwap } from './swap.js';

/** Binds every model of the duty domain to `connection`. */
export function bindDutyModels(connection: Connection) {
  return {
    DutyRoster: bindDutyRoster(connection),
    DutyHandover: bindHandover(connection),
    DutyPage: bindDutyPage(connection),
    DutyPagerCall: bindPagerCall(connection),
    DutyPhone: bindDutyPhone(connection),
    DutySwap: bindDutySwap(connection),
  };
}

export type DutyModels = ReturnType<typeof bindDutyModels>;

declare module '../index.js' {
  interface Models extends DutyModels {}
}
