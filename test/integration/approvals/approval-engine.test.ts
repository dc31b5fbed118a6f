// The approval engine on a real database, with two connections standing for two processes: twenty
// simultaneous clicks give one quorum, one person's repeats count once, two approvers at once both
// count, an approval and a rejection at once give one outcome, a click as the deadline passes gives
// one, and the requester is refused under an identity linked through the user directory.
import { strict as assert } from 'node:assert';
import { Schema, type Connection, type Model } from 'mongoose';
import { approvalSchema, type Approvable, type Approval } from '../../../models/approvals/approval.js';
import { bindOpsModels } from '../../../models/ops/index.js';
import { connectDatabase } from '../../../src/db/connect.js';
import {
  ApprovalEngine,
  type ApprovalEffects,
  type Outcome,
} from '../../../src/domains/approvals/rules/approval-engine.js';
import { voterOf, type Voter } from '../../../src/domains/approvals/rules/voter.js';
import { AuditTrail } from '../../../src/domains/ops/rules/audit-trail.js';
import { UserDirectory } from '../../../src/domains/ops/rules/user-directory.js';
import { silentLogger } from '../../../src/kernel/logger.js';
import { testDatabaseUri } from '../../support/db.js';

/** An owner of an approval, as a restore or an upgrade is: its own state follows the approval's. */
interface Change extends Approvable {
  state: string;
  log: string[];
}

const changeSchema = new Schema<Change>(
  {
    _id: { type: String, required: true },
    version: { type: Number, required: true },
    approval: { type: approvalSchema, required: true },
    state: { type: String, required: true },
    log: { type: [String], default: [] },
  },
  { versionKey: false },
);

const EFFECTS: ApprovalEffects<Change> = {
  counted: (_doc, vote) => ({ $push: { log: `counted ${vote.by}` } }),
  approved: (_doc, vote) => ({ $set: { state: 'go' }, $push: { log: `approved ${vote.by}` } }),
  rejected: (_doc, rejection) => ({ $set: { state: 'stopped' }, $push: { log: `rejected ${rejection.by}` } }),
  expired: () => ({ $set: { state: 'stale' }, $push: { log: 'expired' } }),
};

const DEADLINE = new Date('2026-11-21T02:00:00Z');

describe('Approval engine on a real database (two connections as two processes)', function () {
  let uri: string;
  let first: Connection;
  let second: Connection;
  let changes: [Model<Change>, Model<Change>];
  let now = new Date('2026-11-20T02:00:00Z');
  const clock = { now: () => now };
  let seq = 0;

  before(async function () {
    uri = testDatabaseUri('approval-engine');
    [first, second] = await Promise.all([connectDatabase(uri, silentLogger()), connectDatabase(uri, silentLogger())]);
    changes = [first.model<Change>('Change', changeSchema), second.model<Change>('Change', changeSchema)];
    await changes[0].init();
  });

  after(async function () {
    await Promise.all([first?.close(), second?.close()]);
  });

  beforeEach(function () {
    now = new Date('2026-11-20T02:00:00Z');
  });

  /** A pending change asked for by slack:UREQ, needing `required` approvals. */
  async function aChange(required: number, approval: Partial<Approval> = {}): Promise<string> {
    const _id = `CHG-${++seq}`;
    await changes[0].create({
      _id,
      version: 0,
      state: 'asked',
      approval: {
        state: 'pending',
        approverRoles: ['approver'],
        required,
        requester: 'slack:UREQ',
        requesterIdentities: ['slack:UREQ'],
        expiresAt: DEADLINE,
        approvals: [],
        ...approval,
      },
    });
    return _id;
  }

  const engines = () => [
    new ApprovalEngine(changes[0], clock, EFFECTS),
    new ApprovalEngine(changes[1], clock, EFFECTS),
  ];
  const approver = (n: number): Voter => ({
    key: `slack:UAPP${String(n).padStart(5, '0')}`,
    person: `slack:UAPP${String(n).padStart(5, '0')}`,
    identities: [`slack:UAPP${String(n).padStart(5, '0')}`],
    roles: ['approver'],
  });
  const stored = async (id: string) => (await changes[0].findById(id).lean<Change>())!;
  const kinds = (outcomes: Array<Outcome<Change> | undefined>) =>
    outcomes.map((o) => (o?.kind === 'refused' ? `refused:${o.refusal}` : o?.kind)).sort();

  it('gives one quorum when twenty approvers click at once with N=2, half on each process', async function () {
    const id = await aChange(2);
    const [a, b] = engines();
    const outcomes = await Promise.all(
      Array.from({ length: 20 }, (_, n) => (n % 2 ? a : b)!.decide(id, { kind: 'approve', voter: approver(n) })),
    );
    const counts = kinds(outcomes).reduce<Record<string, number>>(
      (acc, k) => ({ ...acc, [k!]: (acc[k!] ?? 0) + 1 }),
      {},
    );
    assert.deepEqual(counts, { approved: 1, counted: 1, 'refused:closed': 18 });
    const change = await stored(id);
    assert.equal(change.approval.state, 'approved');
    assert.equal(change.state, 'go');
    assert.equal(change.approval.approvals.length, 2);
    assert.equal(change.log.filter((line) => line.startsWith('approved')).length, 1, 'the owner moved once');
    assert.equal(change.version, 2);
  });

  it('counts one person once when they click twenty times at once, on both processes', async function () {
    const id = await aChange(2);
    const [a, b] = engines();
    const alice = approver(1);
    const outcomes = await Promise.all(
      Array.from({ length: 20 }, (_, n) => (n % 2 ? a : b)!.decide(id, { kind: 'approve', voter: alice })),
    );
    assert.equal(kinds(outcomes).filter((k) => k === 'counted').length, 1);
    assert.equal(kinds(outcomes).filter((k) => k === 'refused:repeat').length, 19);
    const change = await stored(id);
    assert.equal(change.approval.state, 'pending');
    assert.deepEqual(
      change.approval.approvals.map((v) => v.by),
      [alice.key],
    );
  });

  it('counts two approvers clicking at once, and approves once', async function () {
    const id = await aChange(2);
    const [a, b] = engines();
    const outcomes = await Promise.all([
      a!.decide(id, { kind: 'approve', voter: approver(1) }),
      b!.decide(id, { kind: 'approve', voter: approver(2) }),
    ]);
    assert.deepEqual(kinds(outcomes), ['approved', 'counted']);
    const change = await stored(id);
    assert.deepEqual(change.approval.approvals.map((v) => v.by).sort(), [approver(1).key, approver(2).key]);
    assert.equal(change.state, 'go');
  });

  it('gives one outcome to an approval and a rejection at once', async function () {
    for (let round = 0; round < 5; round++) {
      const id = await aChange(1);
      const [a, b] = engines();
      const outcomes = await Promise.all([
        a!.decide(id, { kind: 'approve', voter: approver(1) }),
        b!.decide(id, { kind: 'reject', voter: approver(2), reason: 'the wrong backup' }),
      ]);
      const done = kinds(outcomes).filter((k) => k === 'approved' || k === 'rejected');
      assert.equal(done.length, 1, `round ${round}: ${kinds(outcomes).join(', ')}`);
      const change = await stored(id);
      assert.equal(change.state, done[0] === 'approved' ? 'go' : 'stopped');
      assert.equal(change.log.length, 1);
    }
  });

  it('lets a rejection end a request that has approvals, with its reason', async function () {
    const id = await aChange(3);
    const [a] = engines();
    await a!.decide(id, { kind: 'approve', voter: approver(1) });
    const outcome = await a!.decide(id, { kind: 'reject', voter: approver(2), reason: 'the wrong backup' });
    assert.equal(outcome?.kind, 'rejected');
    const late = await a!.decide(id, { kind: 'approve', voter: approver(3) });
    assert.equal(late?.kind === 'refused' && late.refusal, 'closed');
    const change = await stored(id);
    assert.equal(change.approval.rejection?.reason, 'the wrong backup');
    assert.equal(change.approval.approvals.length, 1);
  });

  it('gives one outcome to a click and the deadline job at the moment of expiry: expired, the click too late', async function () {
    const id = await aChange(1);
    const [a, b] = engines();
    now = DEADLINE;
    const outcomes = await Promise.all([
      a!.decide(id, { kind: 'approve', voter: approver(1) }),
      b!.decide(id, { kind: 'expire' }),
      a!.decide(id, { kind: 'expire' }),
    ]);
    assert.equal(kinds(outcomes).filter((k) => k === 'expired').length, 1, kinds(outcomes).join(', '));
    const change = await stored(id);
    assert.equal(change.approval.state, 'expired');
    assert.equal(change.state, 'stale');
    assert.equal(change.approval.approvals.length, 0, 'the click at the deadline did not count');
  });

  it('counts a click a millisecond before the deadline, and leaves the deadline job nothing to do', async function () {
    const id = await aChange(1);
    const [a] = engines();
    now = new Date(DEADLINE.getTime() - 1);
    assert.equal((await a!.decide(id, { kind: 'approve', voter: approver(1) }))?.kind, 'approved');
    now = DEADLINE;
    const expiry = await a!.decide(id, { kind: 'expire' });
    assert.equal(expiry?.kind === 'refused' && expiry.refusal, 'closed');
  });

  it('refuses the requester through an identity they linked after asking', async function () {
    const ops = bindOpsModels(first);
    await ops.UserProfile.init();
    const users = new UserDirectory(ops.UserProfile, new AuditTrail(ops.AuditEvent, clock), []);
    await ops.UserProfile.create({ _id: 'slack:UREQ', roles: ['approver'] });
    const id = await aChange(1);
    // After the request: the requester links their Discord identity (which holds the approver role).
    await ops.UserProfile.create({ _id: 'discord:4000000000000042', roles: ['approver'], linkedTo: 'slack:UREQ' });
    const viaDiscord = voterOf('discord:4000000000000042', await users.group('discord:4000000000000042'));
    const [a] = engines();
    const outcome = await a!.decide(id, { kind: 'approve', voter: viaDiscord });
    assert.equal(outcome?.kind === 'refused' && outcome.refusal, 'own_request');
    assert.equal((await stored(id)).approval.approvals.length, 0);
  });

  it('answers undefined for a request that does not exist', async function () {
    const [a] = engines();
    assert.equal(await a!.decide('CHG-404', { kind: 'approve', voter: approver(1) }), undefined);
  });
});
