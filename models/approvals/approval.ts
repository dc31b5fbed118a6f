// An N-of-M approval, embedded in what it approves (a restore, later a high-risk upgrade): who may
// approve (roles), how many distinct people must, until when, and what was decided. The owner's
// document carries it as `approval` beside a `version` that every change increments, so each
// decision is one conditional update of that one document (src/domains/approvals/rules/).
import { Schema } from 'mongoose';
import { ROLES, type Role } from '../../src/access/roles.js';

/** `pending` until N people approve (`approved`), one rejects (`rejected`) or the deadline passes (`expired`). */
export const APPROVAL_STATES = ['pending', 'approved', 'rejected', 'expired'] as const;
export type ApprovalState = (typeof APPROVAL_STATES)[number];

/** One person's approval: counted once per person, whichever of their linked identities clicked. */
export interface ApprovalVote {
  /** The identity that clicked (`slack:U123`). */
  by: string;
  /** The person: the first identity of their linked group (src/domains/ops/rules/user-directory.ts). */
  person: string;
  /** Every identity of the person when they approved. */
  identities: string[];
  at: Date;
}

/** The one rejection that ended the request, with its reason. */
export interface ApprovalRejection {
  by: string;
  person: string;
  at: Date;
  reason: string;
}

export interface Approval {
  state: ApprovalState;
  /** Who may approve: holders of any of these roles (admins may always, as in the permission table). */
  approverRoles: Role[];
  /** Distinct people needed; never the requester. */
  required: number;
  /** The identity that asked. */
  requester: string;
  /** Every identity of the requester when they asked; none of them may approve or reject. */
  requesterIdentities: string[];
  /** Undecided at this instant, it is expired (a click at that very moment is too late). */
  expiresAt: Date;
  approvals: ApprovalVote[];
  rejection?: ApprovalRejection;
  decidedAt?: Date;
}

/** What an owner document needs for the approval engine: an id, a version every change increments, and the approval. */
export interface Approvable {
  _id: string;
  version: number;
  approval: Approval;
}

/** Limits shared by every owner: the reason a rejection gives. */
export const REJECTION_REASON_MAX = 2000;

const voteSchema = new Schema<ApprovalVote>(
  {
    by: { type: String, required: true },
    person: { type: String, required: true },
    identities: { type: [String], default: [] },
    at: { type: Date, required: true },
  },
  { _id: false },
);

const rejectionSchema = new Schema<ApprovalRejection>(
  {
    by: { type: String, required: true },
    person: { type: String, required: true },
    at: { type: Date, required: true },
    reason: { type: String, required: true, maxlength: REJECTION_REASON_MAX },
  },
  { _id: false },
);

/** The sub-schema an owner embeds as `approval`. */
export const approvalSchema = new Schema<Approval>(
  {
    state: { type: String, required: true, enum: APPROVAL_STATES, default: 'pending' },
    approverRoles: { type: [String], enum: ROLES, required: true },
    required: { type: Number, required: true, min: 1 },
    requester: { type: String, required: true },
    requesterIdentities: { type: [String], default: [] },
    expiresAt: { type: Date, required: true },
    approvals: { type: [voteSchema], default: [] },
    rejection: { type: rejectionSchema, required: false },
    decidedAt: Date,
  },
  { _id: false },
);
