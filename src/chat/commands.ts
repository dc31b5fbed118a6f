// The commands people type, as the platforms see them: a name and its subcommands, the same on
// Slack, Discord and the web console (CONTRACT.md). The catalog is assembled from the domain
// modules (src/domains/registry.ts) and handed to the router; adapters read it from there.
export interface CommandSpec {
  /** Without the slash: `incident`. */
  name: string;
  subcommands: readonly string[];
}

export type CommandCatalog = readonly CommandSpec[];

/** The kinds of message a channel can be home to (`/ops channel set <kind>`, CONTRACT.md). */
export const CHANNEL_KINDS = ['alerts', 'incidents', 'backups', 'approvals', 'announcements', 'reports'] as const;
export type ChannelKind = (typeof CHANNEL_KINDS)[number];
