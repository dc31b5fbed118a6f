// The page: finds out who is here (a session cookie or none) and in which language, then shows the
// sign-in or the console. Its words come from Zhiban's locales/ in the reader's language.
import { useEffect, useMemo, useState } from 'preact/hooks';
import type { Me, PageStrings } from '../../src/chat/web/api-types.js';
import { api, setCsrf } from '../api.js';
import { chosenLocale, rememberLocale, translator, Words } from '../i18n.js';
import { Console } from './console.js';
import { SignIn } from './sign-in.js';

/** Switched on the sign-in page during this visit: carried over into the person's profile. */
let switchedBeforeSignIn = false;

export function App() {
  const [me, setMe] = useState<Me | null>();
  const [page, setPage] = useState<PageStrings>();
  const t = useMemo(() => translator(page?.strings ?? {}), [page]);

  const loadStrings = async (locale: string | undefined) => {
    setPage(await api<PageStrings>('GET', `/strings${locale ? `?locale=${encodeURIComponent(locale)}` : ''}`));
  };
  const signedIn = async (who: Me) => {
    setCsrf(who.csrf);
    const wanted = chosenLocale();
    if (switchedBeforeSignIn && wanted && wanted !== who.locale) {
      who = await api<Me>('PUT', '/me/locale', { locale: wanted }).catch(() => who);
    }
    setMe(who);
    await loadStrings(who.locale);
  };

  useEffect(() => {
    // Not signed in (401), or refused (trial mode from elsewhere): the sign-in page says what it can.
    api<Me>('GET', '/me')
      .then(signedIn)
      .catch(async () => {
        setMe(null);
        await loadStrings(chosenLocale()).catch(() => loadStrings(undefined));
      });
  }, []);
  useEffect(() => {
    if (!page) return;
    document.documentElement.lang = page.locale;
    // Signed in, the console keeps the title (with the count of what waits for the person).
    if (!me) document.title = t('app.title');
  }, [page, me]);

  const switchLocale = async (locale: string) => {
    rememberLocale(locale);
    if (me) setMe(await api<Me>('PUT', '/me/locale', { locale }));
    else switchedBeforeSignIn = true;
    await loadStrings(locale);
  };

  if (!page || me === undefined) return null;
  return (
    <Words.Provider value={t}>
      {me ? (
        <Console
          key={me.key}
          me={me}
          onLocale={(locale) => void switchLocale(locale)}
          onSignedOut={() => {
            setCsrf('');
            setMe(null);
          }}
        />
      ) : (
        <SignIn
          mode={page.mode}
          locale={page.locale}
          onSignedIn={(who) => void signedIn(who)}
          onLocale={(locale) => void switchLocale(locale)}
        />
      )}
    </Words.Provider>
  );
}
