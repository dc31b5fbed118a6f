// The page's own words, served from Zhiban's locales/ (the `web` section) in the reader's language.
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';

export type T = (key: string, params?: Record<string, string | number>) => string;

export function translator(strings: Record<string, string>): T {
  return (key, params = {}) =>
    (strings[key] ?? key).replace(/\{\{\s*(\w+)\s*\}\}/g, (_, name: string) => String(params[name] ?? ''));
}

export const Words = createContext<T>((key) => key);

export function useT(): T {
  return useContext(Words);
}

/** What the page shows for a refusal code from the API (`web.errors.<code>`). */
export function errorText(t: T, code: string, retryAfter?: number): string {
  const key = `errors.${code}`;
  const text = t(key, { minutes: Math.max(1, Math.ceil((retryAfter ?? 60) / 60)) });
  return text === key ? t('errors.unknown') : text;
}

const CHOSEN = 'zhiban.locale';

export function chosenLocale(): string | undefined {
  return localStorage.getItem(CHOSEN) ?? undefined;
}

export function rememberLocale(locale: string): void {
  localStorage.setItem(CHOSEN, locale);
}
