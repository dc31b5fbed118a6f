// Object mothers for the restores domain's unit tests: a request in the step a test cares about.
import type { RestoreRequest } from '../../../models/restores/restore-request.js';

export const ASKED = new Date('2026-11-20T02:00:00Z');

/** `aRestore({state: 'approved'})`: RST-3 of e-pay from a verified full, asked by slack:UREQ, needing 2 approvals. */
export function aRestore(overrides: Partial<RestoreRequest> = {}): RestoreRequest {
  return {
    _id: 'RST-3',
    system: 'e-pay',
    backup: {
      id: 'pay-full-1',
      system: 'e-pay',
      scope: 'database',
      kind: 'full',
      finishedAt: new Date('2026-11-20T01:00:00Z'),
      sizeBytes: 10 * 2 ** 30,
      location: 'cloud',
      checksum: 'sha256:9f2c',
      verified: true,
    },
    target: 'e-pay',
    reason: '误删了昨天的缴费记录',
    requester: 'slack:UREQ',
    unverified: false,
    latest: true,
    state: 'pending',
    approval: {
      state: 'pending',
      approverRoles: ['approver', 'pm'],
      required: 2,
      requester: 'slack:UREQ',
      requesterIdentities: ['slack:UREQ'],
      expiresAt: new Date('2026-11-21T02:00:00Z'),
      approvals: [],
    },
    version: 0,
    timeline: [{ at: ASKED, actor: 'slack:UREQ', kind: 'requested', text: '误删了昨天的缴费记录' }],
    createdAt: ASKED,
    updatedAt: ASKED,
    ...overrides,
  };
}
