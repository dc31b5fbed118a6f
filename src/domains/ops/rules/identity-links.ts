// Linking one person's identities on different platforms (`/ops link`): a one-time code shown on
// one platform and typed on the other proves both are the same person. Both sides are audited.
import { createHash, randomInt } from 'node:crypto';
import type { Clock } from '../../../kernel/clock.js';
import type { LinkCode, LinkCodeModel } from '../../../../models/ops/link-code.js';
import type { AuditTrail } from './audit-trail.js';
import type { IdentityGroup, UserDirectory } from './user-directory.js';

export const LINK_CODE_TTL_MS = 10 * 60_000;
const PURGE_AFTER_MS = 86_400_000;
// No 0/O or 1/I: people copy these by eye from one app to another.
const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
const CODE_LENGTH = 8;

export type LinkRefusal = 'unknown' | 'expired' | 'used' | 'self' | 'same_platform' | 'both_linked';

export type RedeemResult =
  | { outcome: 'linked'; members: string[] }
  | { outcome: 'already'; members: string[] }
  | { outcome: 'refused'; reason: LinkRefusal };

export function newLinkCode(): string {
  return Array.from({ length: CODE_LENGTH }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
}

export class IdentityLinks {
  constructor(
    private readonly codes: LinkCodeModel,
    private readonly users: UserDirectory,
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
    private readonly makeCode: () => string = newLinkCode,
  ) {}

  /** A fresh code for `owner`; any earlier unused one stops working. */
  async issue(owner: string, via: string): Promise<{ code: string; expiresAt: Date }> {
    const now = this.clock.now();
    const code = this.makeCode();
    const expiresAt = new Date(now.getTime() + LINK_CODE_TTL_MS);
    await this.codes.deleteMany({ owner, usedAt: { $exists: false } });
    await this.codes.create({
      _id: hashCode(code),
      owner,
      createdAt: now,
      expiresAt,
      purgeAt: new Date(expiresAt.getTime() + PURGE_AFTER_MS),
    });
    await this.audit.record({
      actor: owner,
      action: 'user.link_code',
      objectType: 'user',
      objectId: owner,
      after: { expiresAt },
      outcome: 'done',
      via,
    });
    return { code, expiresAt };
  }

  /** `redeemer` typed `typed`: link it with the code's owner, unless something says they are not one person. */
  async redeem(typed: string, redeemer: string, via: string): Promise<RedeemResult> {
    const code = normalizeCode(typed);
    const now = this.clock.now();
    const found = code ? await this.codes.findById(hashCode(code)).lean<LinkCode | null>() : null;
    const problem = checkCode(found, redeemer, now);
    if (problem || !found) return this.refuse(redeemer, via, problem ?? 'unknown');

    const [mine, theirs] = await Promise.all([this.users.group(redeemer), this.users.group(found.owner)]);
    if (mine.primary === theirs.primary) return { outcome: 'already', members: keys(mine) };
    const platforms = [...keys(mine), ...keys(theirs)].map(platformOf);
    if (new Set(platforms).size !== platforms.length) return this.refuse(redeemer, via, 'same_platform');
    if (mine.members.length > 1 && theirs.members.length > 1) return this.refuse(redeemer, via, 'both_linked');

    const claimed = await this.codes.findOneAndUpdate(
      { _id: found._id, usedAt: { $exists: false }, expiresAt: { $gt: now } },
      { $set: { usedAt: now, usedBy: redeemer } },
    );
    if (!claimed) return this.refuse(redeemer, via, 'used');
    // A lone identity joins the other's group; two lone ones: the redeemer joins the code's owner.
    const [member, primary] = mine.members.length > 1 ? [found.owner, mine.primary] : [redeemer, theirs.primary];
    if (!(await this.users.attach(member, primary))) return this.refuse(redeemer, via, 'both_linked');

    const members = [...new Set([...keys(theirs), ...keys(mine)])];
    for (const [side, group] of [
      [redeemer, mine],
      [found.owner, theirs],
    ] as const) {
      await this.audit.record({
        actor: redeemer,
        action: 'user.link',
        objectType: 'user',
        objectId: side,
        before: { identities: keys(group) },
        after: { identities: members },
        outcome: 'done',
        via,
      });
    }
    return { outcome: 'linked', members };
  }

  private async refuse(redeemer: string, via: string, reason: LinkRefusal): Promise<RedeemResult> {
    await this.audit.record({
      actor: redeemer,
      action: 'user.link',
      objectType: 'user',
      objectId: redeemer,
      reason: `link code ${reason}`,
      reasonCode: `link_${reason}`,
      outcome: 'refused',
      via,
    });
    return { outcome: 'refused', reason };
  }
}

function checkCode(found: LinkCode | null, redeemer: string, now: Date): LinkRefusal | undefined {
  if (!found) return 'unknown';
  if (found.usedAt) return 'used';
  if (found.expiresAt.getTime() <= now.getTime()) return 'expired';
  if (found.owner === redeemer) return 'self';
  return undefined;
}

/** People type codes with spaces, dashes or in lower case; anything else is not a code. */
function normalizeCode(typed: string): string | undefined {
  const code = typed.toUpperCase().replace(/[\s-]/g, '');
  return /^[A-Z0-9]{6,8}$/.test(code) ? code : undefined;
}

function hashCode(code: string): string {
  return createHash('sha256').update(code).digest('hex');
}

function keys(group: IdentityGroup): string[] {
  return group.members.map((m) => m.key);
}

function platformOf(key: string): string {
  return key.slice(0, key.indexOf(':'));
}
