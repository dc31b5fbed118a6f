// The application commands Discord shows: the seven commands, each subcommand taking
// its arguments as one optional text option, so the typed forms are the same as on Slack.
import type { CommandCatalog } from '../commands.js';
import type { Translator } from '../../kernel/i18n.js';
import { truncate } from '../text.js';

const SUB_COMMAND = 1;
const STRING = 3;
export const ARGS_OPTION = 'args';

/** One application command per entry of the catalog, each subcommand with its `args` text option. */
export function discordCommandDefinitions(translator: Translator, catalog: CommandCatalog) {
  // Discord's base description is shown to every locale without its own; ours are English and Chinese.
  const both = (key: string) => ({
    description: truncate(translator.t('en', key), 100),
    description_localizations: { 'zh-CN': truncate(translator.t('zh-CN', key), 100) },
  });
  return catalog.map(({ name, subcommands }) => ({
    name,
    type: 1,
    ...both(`commands.${name}`),
    options: subcommands.map((sub) => ({
      type: SUB_COMMAND,
      name: sub,
      ...both(`subcommands.${name}.${sub}`),
      options: [{ type: STRING, name: ARGS_OPTION, required: false, max_length: 6000, ...both('discord.args_option') }],
    })),
  }));
}
