// The approval rules without a database: a quorum of N distinct people, a repeat counted once,
// the requester refused under any identity, one rejection ending it, the deadline (a click at that
// very instant is too late), and who may approve.
import { strict as assert } from 'node:assert';
import type { Approval, ApprovalVote } from '../../../models/approvals/approval.js';
import { judge, type Decision } from '../../../src/domains/approvals/rules/judge.js';
import { voterOf, type Voter } from '../../../src/domains/approvals/rules/voter.js';

const ASKED = new Date('2026-11-20T02:00:00Z');
const DEADLINE = new Date('2026-11-21T02:00:00Z');
const NOW = new Date('2026-11-20T03:00:00Z');

/** `anApproval({required: 2})`: pending, asked by slack:UREQ (also web:req through a link), approvers and pm decide. */
function anApproval(overrides: Partial<Approval> = {}): Approval {
  return {
    state: 'pending',
    approverRoles: ['approver', 'pm'],
    required: 2,
    requester: 'slack:UREQ',
    requesterIdentities: ['slack:UREQ', 'web:req'],
    expiresAt: DEADLINE,
    approvals: [],
    ...overrides,
  };
}

/** A person holding `roles`, with their identities (the first is the one clicking and their group's first). */
function aVoter(identities: string[], roles: string[] = ['approver']): Voter {
  return { key: identities[0]!, person: identities[0]!, identities, roles };
}

const approve = (voter: Voter): Decision => ({ kind: 'approve', voter });

/** Applies a counted verdict as the engine's update would. */
function counted(approval: Approval, decision: Decision, at = NOW): Approval {
  const verdict = judge(approval, decision, at);
  if (verdict.kind !== 'count' && verdict.kind !== 'approve') assert.fail(`not counted: ${JSON.stringify(verdict)}`);
  return {
    ...approval,
    approvals: [...approval.approvals, verdict.vote],
    state: verdict.kind === 'approve' ? 'approved' : 'pending',
  };
}

describe('approval rules (judge)', () => {
  const alice = aVoter(['slack:UALICE']);
  const bob = aVoter(['discord:4000000000000001'], ['pm']);
  const carol = aVoter(['web:carol']);

  it('reaches the quorum with the Nth distinct person, not before', () => {
    let approval = anApproval({ required: 3 });
    const first = judge(approval, approve(alice), NOW);
    assert.equal(first.kind, 'count');
    approval = counted(approval, approve(alice));
    assert.deepEqual(judge(approval, approve(bob), NOW), {
      kind: 'count',
      vote: { by: bob.key, person: bob.person, identities: bob.identities, at: NOW },
      count: 2,
    });
    approval = counted(approval, approve(bob));
    const third = judge(approval, approve(carol), NOW);
    assert.equal(third.kind, 'approve');
    assert.equal(third.kind === 'approve' && third.count, 3);
  });

  it('counts a repeat approval once, from the same identity or a linked one', () => {
    const approval = counted(anApproval(), approve(alice));
    assert.deepEqual(judge(approval, approve(alice), NOW), { kind: 'refuse', refusal: 'repeat' });
    // Alice linked her Discord identity since: another key, the same person.
    const aliceOnDiscord: Voter = {
      key: 'discord:4000000000000009',
      person: 'slack:UALICE',
      identities: ['slack:UALICE', 'discord:4000000000000009'],
      roles: ['approver'],
    };
    assert.deepEqual(judge(approval, approve(aliceOnDiscord), NOW), { kind: 'refuse', refusal: 'repeat' });
  });

  it('refuses the requester, under the identity that asked and under any linked to it', () => {
    const approval = anApproval();
    const asked = aVoter(['slack:UREQ'], ['approver']);
    assert.deepEqual(judge(approval, approve(asked), NOW), { kind: 'refuse', refusal: 'own_request' });
    // The requester's web identity, linked before they asked.
    const onWeb = aVoter(['web:req'], ['pm']);
    assert.deepEqual(judge(approval, approve(onWeb), NOW), { kind: 'refuse', refusal: 'own_request' });
    // A Discord identity linked after they asked: its group, read at the click, holds the requester.
    const linkedLater: Voter = {
      key: 'discord:4000000000000077',
      person: 'slack:UREQ',
      identities: ['slack:UREQ', 'discord:4000000000000077'],
      roles: ['approver'],
    };
    assert.deepEqual(judge(approval, approve(linkedLater), NOW), { kind: 'refuse', refusal: 'own_request' });
    const rejects: Decision = { kind: 'reject', voter: linkedLater, reason: 'mine' };
    assert.deepEqual(judge(approval, rejects, NOW), { kind: 'refuse', refusal: 'own_request' });
  });

  it('lets one rejection end it, whatever approvals came before, and nothing after', () => {
    const approval = counted(anApproval({ required: 3 }), approve(alice));
    const verdict = judge(approval, { kind: 'reject', voter: bob, reason: 'wrong backup' }, NOW);
    assert.deepEqual(verdict, {
      kind: 'reject',
      rejection: { by: bob.key, person: bob.person, at: NOW, reason: 'wrong backup' },
    });
    const rejected: Approval = { ...approval, state: 'rejected' };
    assert.deepEqual(judge(rejected, approve(carol), NOW), { kind: 'refuse', refusal: 'closed' });
    assert.deepEqual(judge(rejected, { kind: 'reject', voter: carol, reason: 'x' }, NOW), {
      kind: 'refuse',
      refusal: 'closed',
    });
  });

  it('refuses anyone without an approver role, and lets an admin approve', () => {
    const outsider = aVoter(['slack:UOUT'], ['dataops']);
    assert.deepEqual(judge(anApproval(), approve(outsider), NOW), { kind: 'refuse', refusal: 'not_approver' });
    const admin = aVoter(['slack:UADMIN'], ['admin']);
    assert.equal(judge(anApproval(), approve(admin), NOW).kind, 'count');
    const dataopsApprove = anApproval({ approverRoles: ['dataops'] });
    assert.equal(judge(dataopsApprove, approve(outsider), NOW).kind, 'count', 'the roles the request was made with');
  });

  it('expires at the deadline: a click a millisecond before counts, one at the deadline is too late', () => {
    const approval = anApproval({ required: 1 });
    const before = new Date(DEADLINE.getTime() - 1);
    assert.equal(judge(approval, approve(alice), before).kind, 'approve');
    assert.deepEqual(judge(approval, approve(alice), DEADLINE), { kind: 'expire' });
    assert.deepEqual(judge(approval, { kind: 'reject', voter: bob, reason: 'no' }, DEADLINE), { kind: 'expire' });
  });

  it('expires only once due, and never what is decided', () => {
    assert.deepEqual(judge(anApproval(), { kind: 'expire' }, NOW), { kind: 'refuse', refusal: 'not_due' });
    assert.deepEqual(judge(anApproval(), { kind: 'expire' }, DEADLINE), { kind: 'expire' });
    const approved = anApproval({ state: 'approved' });
    assert.deepEqual(judge(approved, { kind: 'expire' }, DEADLINE), { kind: 'refuse', refusal: 'closed' });
  });

  it('judges what is already decided before anything else, even past the deadline', () => {
    const votes: ApprovalVote[] = [{ by: 'slack:UALICE', person: 'slack:UALICE', identities: [], at: ASKED }];
    const approved = anApproval({ state: 'approved', required: 1, approvals: votes });
    assert.deepEqual(judge(approved, approve(bob), DEADLINE), { kind: 'refuse', refusal: 'closed' });
  });
});

describe('voterOf', () => {
  it('is one person across linked identities, with the roles of all of them', () => {
    const voter = voterOf('discord:4000000000000009', {
      primary: 'slack:UALICE',
      members: [
        { key: 'slack:UALICE', roles: ['approver'], locale: undefined, configAdmin: false },
        { key: 'discord:4000000000000009', roles: ['viewer'], locale: undefined, configAdmin: true },
      ],
    });
    assert.deepEqual(voter, {
      key: 'discord:4000000000000009',
      person: 'slack:UALICE',
      identities: ['slack:UALICE', 'discord:4000000000000009'],
      roles: ['admin', 'approver', 'viewer'],
    });
  });
});
