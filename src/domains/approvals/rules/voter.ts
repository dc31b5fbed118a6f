// Who is clicking, as the approval rules see a person: the identity that clicked, the person it
// belongs to (linked identities across Slack, Discord and the web console are one person, `/ops
// link`), every identity of that person, and the roles they hold through any of them.
import type { IdentityGroup } from '../../ops/rules/user-directory.js';

export interface Voter {
  /** The identity that clicked (`slack:U123`). */
  key: string;
  /** The person: their group's first identity. */
  person: string;
  /** Every identity of the person, `key` included. */
  identities: string[];
  /** The roles of all their identities (`admin` for one listed in ADMIN_USERS). */
  roles: string[];
}

/** The voter for `key`, from its identity group as the user directory reads it. */
export function voterOf(key: string, group: IdentityGroup): Voter {
  const roles = new Set<string>();
  for (const member of group.members) {
    for (const role of member.roles) roles.add(role);
    if (member.configAdmin) roles.add('admin');
  }
  const identities = group.members.map((member) => member.key);
  if (!identities.includes(key)) identities.push(key);
  return { key, person: group.primary, identities, roles: [...roles].sort() };
}

/** Whether two lists of identities name one person (they share an identity). */
export function samePerson(a: readonly string[], b: readonly string[]): boolean {
  return a.some((identity) => b.includes(identity));
}
