// Who is speaking and where, in platform-neutral terms.
export const PLATFORMS = ['slack', 'discord', 'web', 'feishu'] as const;
export type Platform = (typeof PLATFORMS)[number];

export interface Actor {
  platform: Platform;
  /** The platform's own user id: Slack `U123`, a Discord snowflake, a web user name, a Feishu open_id. */
  id: string;
  displayName?: string;
}

export interface ConversationRef {
  platform: Platform;
  channelId: string;
  channelName?: string;
}

/** `slack:U123`: how Zhiban names a user everywhere (roles, audit, ADMIN_USERS). */
export function actorKey(actor: Pick<Actor, 'platform' | 'id'>): string {
  return `${actor.platform}:${actor.id}`;
}
