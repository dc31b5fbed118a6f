// The commands of CONTRACT.md and their subcommands: the same names on every platform.
export const COMMANDS = {
  incident: ['declare', 'list', 'show', 'update', 'assign', 'resolve', 'summary'],
  alert: ['list', 'silence', 'unsilence'],
  backup: ['status', 'policy', 'report'],
  restore: ['request', 'list', 'show'],
  upgrade: ['announce', 'list', 'start', 'complete', 'rollback'],
  survey: ['send', 'report'],
  ops: ['help', 'whoami', 'lang', 'channel', 'role', 'link', 'audit'],
} as const;

export type CommandName = keyof typeof COMMANDS;
export const COMMAND_NAMES = Object.keys(COMMANDS) as CommandName[];

export function isCommandName(name: string): name is CommandName {
  return Object.hasOwn(COMMANDS, name);
}

/** The kinds of message a channel can be home to (`/ops channel set <kind>`). */
export const CHANNEL_KINDS = ['alerts', 'incidents', 'backups', 'approvals', 'announcements', 'reports'] as const;
export type ChannelKind = (typeof CHANNEL_KINDS)[number];
