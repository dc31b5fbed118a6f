// The console's top bar: its name, the live stream's state, who is signed in, the bell that opens
// notification settings, the language switch, Users (admins), and signing out.
import type { Me } from '../../src/chat/web/api-types.js';
import { useT } from '../i18n.js';
import { LanguageSwitch } from './chrome.js';

export interface ConsoleHeaderProps {
  me: Me;
  live: boolean;
  /** Messages waiting for the person (the count in the tab's title). */
  waiting: number;
  onLocale(locale: string): void;
  onAttention(): void;
  onUsers(): void;
  onSignOut(): void;
}

export function ConsoleHeader({ me, live, waiting, onLocale, onAttention, onUsers, onSignOut }: ConsoleHeaderProps) {
  const t = useT();
  return (
    <header class="top">
      <h1>{t('app.title')}</h1>
      <span class={live ? 'live on' : 'live'} role="status">
        {live ? t('live.on') : t('live.off')}
      </span>
      <span class="me">
        {me.key}
        {me.roles.length ? ` · ${me.roles.join(', ')}` : ''}
      </span>
      <button type="button" class="btn plain bell" aria-haspopup="dialog" onClick={onAttention}>
        <BellIcon /> {t('attention.open')}
        {waiting > 0 ? (
          <span class="badge">
            {waiting}
            <span class="visually-hidden"> {t('attention.waiting')}</span>
          </span>
        ) : null}
      </button>
      <LanguageSwitch locale={me.locale} onSwitch={onLocale} />
      {me.admin && me.mode === 'password' ? (
        <button type="button" class="btn plain" onClick={onUsers}>
          {t('users.open')}
        </button>
      ) : null}
      <button type="button" class="btn plain" onClick={onSignOut}>
        {t('signin.sign_out')}
      </button>
    </header>
  );
}

/** A bell drawn inline (an emoji would depend on the fonts installed). */
function BellIcon() {
  return (
    <svg class="icon" viewBox="0 0 24 24" width="16" height="16" aria-hidden="true" focusable="false">
      <path
        fill="currentColor"
        d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3.5a1.5 1.5 0 0 0-3 0v.66A7 7 0 0 0 5 11v5l-2 2v1h18v-1l-2-2Z"
      />
    </svg>
  );
}
