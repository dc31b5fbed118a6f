// `/ops role list`: who holds which role, where it comes from, and which identities are linked.
import type { Message } from '../../../chat/card.js';
import type { Translate } from '../../../kernel/i18n.js';

export interface RoleLine {
  key: string;
  roles: readonly string[];
  configAdmin: boolean;
  /** Other identities of the same person. */
  linked?: readonly string[];
}

export function roleName(t: Translate, role: string): string {
  return `${role} (${t(`roles.${role}`)})`;
}

export function roleListMessage(t: Translate, title: string, lines: readonly RoleLine[]): Message {
  if (lines.length === 0) {
    return { text: t('role_cmd.list_empty'), cards: [{ title, text: t('role_cmd.list_empty'), tone: 'neutral' }] };
  }
  const text = lines.map((line) => describe(t, line)).join('\n');
  return { text: `${title}\n${text}`, cards: [{ title, text, tone: 'neutral' }] };
}

function describe(t: Translate, line: RoleLine): string {
  const roles = line.roles.filter((role) => !(line.configAdmin && role === 'admin')).map((role) => roleName(t, role));
  if (line.configAdmin) roles.unshift(`admin (${t('role_cmd.from_config')})`);
  const held = t('role_cmd.line', { user: line.key, roles: roles.length ? roles.join(', ') : t('role_cmd.none') });
  return line.linked?.length ? `${held} · ${t('role_cmd.linked', { identities: line.linked.join(', ') })}` : held;
}
