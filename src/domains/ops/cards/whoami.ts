// `/ops whoami`: platform id, roles, language and where that language came from.
import type { Message } from '../../../chat/card.js';
import type { Locale, Translate } from '../../../kernel/i18n.js';

export interface WhoAmI {
  platform: string;
  userId: string;
  roles: readonly string[];
  locale: Locale;
  localeSource: 'stored' | 'platform' | 'default';
  /** Roles escalations page that nobody holds: pages to them reach no one. */
  emptyDutyRoles?: readonly string[];
}

export function whoamiMessage(t: Translate, who: WhoAmI): Message {
  const roles = who.roles.length ? who.roles.map((r) => `${r} (${t(`roles.${r}`)})`).join(', ') : t('whoami.no_roles');
  const locale = `${who.locale} (${t(`whoami.locale_source.${who.localeSource}`)})`;
  return {
    text: `${t('whoami.title')}: ${who.platform}:${who.userId}`,
    cards: [
      {
        title: t('whoami.title'),
        tone: 'neutral',
        fields: [
          { label: t('whoami.platform'), value: who.platform, short: true },
          { label: t('whoami.user_id'), value: `${who.platform}:${who.userId}`, short: true },
          { label: t('whoami.roles'), value: roles },
          { label: t('whoami.locale'), value: locale, short: true },
          ...(who.emptyDutyRoles?.length
            ? [
                {
                  label: t('whoami.duty_gap'),
                  value: t('whoami.duty_gap_text', {
                    roles: who.emptyDutyRoles.map((r) => t(`roles.${r}`)).join(', '),
                  }),
                },
              ]
            : []),
        ],
      },
    ],
  };
}
