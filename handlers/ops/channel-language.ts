// `/ops lang channel [zh-CN|en|default]`, typed in a Slack or Discord channel: the language its
// cards, thread lines and digests are written in (issue 10, part 5). The web console has no such
// setting: each viewer reads every card in their own language there.
import type { CommandContext } from '../../src/chat/context.js';
import { UserError } from '../../src/chat/user-error.js';
import { isLocale, type Locale } from '../../src/kernel/i18n.js';
import type { ChannelDirectory } from '../../src/domains/ops/rules/channel-directory.js';

/**
 * Shows the channel's language (no `value`), sets it (`zh-CN`, `en`) or gives it back to the team's
 * (`default`). Setting needs `ops.channel_set`, as binding a channel does: everyone there reads it.
 * `teamLocale` is DEFAULT_LOCALE. Throws UserError `errors.bad_locale` for any other value.
 */
export async function channelLanguage(
  c: CommandContext,
  value: string | undefined,
  channels: Pick<ChannelDirectory, 'languageOf' | 'setLanguage'>,
  teamLocale: Locale,
): Promise<void> {
  const { platform, channelId, channelName } = c.conversation;
  const name = (locale: string) => c.t(`lang.names.${locale}`);
  if (platform === 'web') return void (await c.replyPrivate({ text: c.t('lang.channel_web') }));
  if (value === undefined) {
    const set = await channels.languageOf(platform, channelId);
    const text = c.t('lang.channel_current', {
      language: name(set ?? teamLocale),
      source: c.t(set ? 'lang.channel_source.set' : 'lang.channel_source.team'),
    });
    return void (await c.replyPrivate({ text }));
  }
  if (value !== 'default' && !isLocale(value)) {
    throw new UserError('errors.bad_locale', { value: value.slice(0, 20) }, 'ops_lang');
  }
  await c.authorize('ops.channel_set', { objectType: 'channel', objectId: `${platform}:${channelId}` });
  const locale = value === 'default' ? null : value;
  await channels.setLanguage({ platform, channelId, channelName }, locale, c.actorKey);
  await c.reply({
    text: locale
      ? c.t('lang.channel_changed', { language: name(locale) })
      : c.t('lang.channel_reset', { language: name(teamLocale) }),
  });
}
