// `/ops help`: what Zhiban can do, in the reader's language, saying what works today.
import type { Message } from '../../../chat/card.js';
import type { CommandCatalog } from '../../../chat/commands.js';
import type { Locale, Translate } from '../../../kernel/i18n.js';

/** One field per command of `catalog`, marked available or coming, then `/ops` in detail. */
export function helpMessage(
  t: Translate,
  locale: Locale,
  catalog: CommandCatalog,
  available: (command: string) => boolean,
): Message {
  const fields = catalog.map(({ name }) => ({
    label: `/${name} · ${available(name) ? t('help.available') : t('help.coming')}`,
    value: t(`commands.${name}`),
  }));
  fields.push({ label: '/ops', value: t('help.ops_detail', { usage: t('usage.ops') }) });
  return {
    text: `${t('help.title')}\n${t('app.tagline')}`,
    cards: [
      {
        title: t('help.title'),
        text: `${t('app.tagline')}\n${t('help.intro')}`,
        tone: 'info',
        fields,
        footer: t('help.footer', { locale }),
      },
    ],
  };
}
