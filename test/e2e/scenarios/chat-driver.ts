// One way to type `/ops …` as a person, whichever platform: the role scenarios run against both.
import { ADMIN_DISCORD, ADMIN_SLACK, type Harness } from '../../support/harness.js';
import { discordCommand, EPHEMERAL, everything } from '../../support/discord-user.js';
import { replyText, slackCommand } from '../../support/slack-user.js';

export interface Said {
  /** Everything the person can read in the answer. */
  text: string;
  /** Only they see it (Slack ephemeral, Discord ephemeral flag). */
  private: boolean;
}

export interface ChatDriver {
  platform: 'slack' | 'discord';
  admin: string;
  /** A platform user id, distinct per `n`. */
  user(n: number): string;
  /** How the platform writes a mention of `id` into the command text. */
  mention(id: string): string;
  ops(who: string, text: string): Promise<Said>;
}

export function slackDriver(h: () => Harness): ChatDriver {
  return {
    platform: 'slack',
    admin: ADMIN_SLACK,
    user: (n) => `UROLE${String(n).padStart(5, '0')}`,
    mention: (id) => `<@${id}|someone>`,
    ops: async (who, text) => {
      const { reply } = await slackCommand(h(), text, { userId: who });
      return { text: replyText(reply), private: reply.response_type === 'ephemeral' };
    },
  };
}

export function discordDriver(h: () => Harness): ChatDriver {
  return {
    platform: 'discord',
    admin: ADMIN_DISCORD,
    user: (n) => `4000000000000${String(n).padStart(5, '0')}`,
    mention: (id) => `<@!${id}>`,
    ops: async (who, text) => {
      const reply = await discordCommand(h(), `/ops ${text}`, { userId: who, locale: 'zh-CN' });
      return { text: everything(reply), private: reply.data.flags === EPHEMERAL };
    },
  };
}
