// The approvals piece (issue 13, "The approval engine (one, reusable)"): N-of-M approval by
// distinct people, never the requester under any identity, one rejection ends it, expiry at a
// deadline; each decision one conditional update. It has no command of its own: restores use it
// now, high-risk upgrades later, through the service it provides.
import type { Model } from 'mongoose';
import type { Approvable } from '../../../models/approvals/approval.js';
import type { DomainModule } from '../module.js';
import { ApprovalEngine, type ApprovalEffects } from './rules/approval-engine.js';
import { voterOf, type Voter } from './rules/voter.js';

/** What the approvals piece offers the domains built after it. */
export interface ApprovalServices {
  /** The person behind an identity, with all their identities and roles (read now). */
  voter(key: string): Promise<Voter>;
  /** An engine deciding on the approvals embedded in `model`'s documents, with the owner's `effects`. */
  engine<T extends Approvable>(model: Model<T>, effects: ApprovalEffects<T>): ApprovalEngine<T>;
}

declare module '../module.js' {
  interface DomainServices {
    approvals: ApprovalServices;
  }
}

export const approvals: DomainModule = {
  name: 'approvals',
  commands: {},
  permissions: {},
  build({ clock, services }) {
    const { users } = services.ops;
    return {
      provides: {
        approvals: {
          voter: async (key) => voterOf(key, await users.group(key)),
          engine: (model, effects) => new ApprovalEngine(model, clock, effects),
        },
      },
    };
  },
};
