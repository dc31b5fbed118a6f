// Small pieces shown on several screens: the trial-mode banner and the language switch.
import type { ConsoleMode } from '../../src/chat/web/api-types.js';
import { useT } from '../i18n.js';

export function TrialBanner({ mode }: { mode: ConsoleMode }) {
  const t = useT();
  if (mode !== 'trial') return null;
  return (
    <p class="trial-banner" role="status">
      <strong>{t('trial.title')}</strong> {t('trial.text')}
    </p>
  );
}

export function LanguageSwitch({ locale, onSwitch }: { locale: string; onSwitch(locale: string): void }) {
  const t = useT();
  const other = locale === 'en' ? 'zh-CN' : 'en';
  return (
    <button type="button" class="btn plain" lang={other} onClick={() => onSwitch(other)}>
      {t('language.switch')}
    </button>
  );
}
