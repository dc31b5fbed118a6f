// The door: name and password, or in trial mode a name alone, under a banner that says so.
import { useState } from 'preact/hooks';
import type { ConsoleMode, Me } from '../../src/chat/web/api-types.js';
import { api, ApiFailure } from '../api.js';
import { errorText, useT } from '../i18n.js';
import { LanguageSwitch, TrialBanner } from './chrome.js';

export interface SignInProps {
  mode: ConsoleMode;
  locale: string;
  onSignedIn(me: Me): void;
  onLocale(locale: string): void;
}

export function SignIn({ mode, locale, onSignedIn, onLocale }: SignInProps) {
  const t = useT();
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string>();
  const [sending, setSending] = useState(false);
  return (
    <main class="sign-in">
      <h1>{t('app.title')}</h1>
      <p class="tagline">{t('signin.intro')}</p>
      <TrialBanner mode={mode} />
      <form
        class="form"
        onSubmit={async (event) => {
          event.preventDefault();
          setSending(true);
          setError(undefined);
          try {
            onSignedIn(await api<Me>('POST', '/session', mode === 'password' ? { name, password } : { name }));
          } catch (failure) {
            const f = failure instanceof ApiFailure ? failure : new ApiFailure(0, 'network');
            setError(errorText(t, f.code, f.retryAfter));
          } finally {
            setSending(false);
          }
        }}
      >
        <div class="form-field">
          <label for="signin-name">{t('signin.name')}</label>
          <input
            id="signin-name"
            name="name"
            autoComplete="username"
            required
            maxLength={64}
            value={name}
            onInput={(event) => setName(event.currentTarget.value)}
          />
          {mode === 'trial' ? <p class="hint">{t('signin.trial_hint')}</p> : null}
        </div>
        {mode === 'password' ? (
          <div class="form-field">
            <label for="signin-password">{t('signin.password')}</label>
            <input
              id="signin-password"
              name="password"
              type="password"
              autoComplete="current-password"
              required
              value={password}
              onInput={(event) => setPassword(event.currentTarget.value)}
            />
          </div>
        ) : null}
        {error ? (
          <p class="error" role="alert">
            {error}
          </p>
        ) : null}
        <button type="submit" class="btn primary" disabled={sending}>
          {mode === 'trial' ? t('signin.enter') : t('signin.submit')}
        </button>
      </form>
      <LanguageSwitch locale={locale} onSwitch={onLocale} />
    </main>
  );
}
