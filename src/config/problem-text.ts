// A configuration problem as a person reads it, in one language: the variable, what it must be
// (locales/<lang>/common.json `config.rules.<VARIABLE>`), and the value given when it may be shown.
import { isLocale, type Locale, type Translate } from '../kernel/i18n.js';
import type { ConfigProblem } from './index.js';

/** One line, e.g. `PORT must be a whole number from 0 to 65535 (got "abc")`. */
export function configProblemText(problem: ConfigProblem, t: Translate): string {
  if ('requiredWith' in problem) return t('config.required_with', problem);
  const given = problem.given === undefined ? '' : t('config.given', { value: problem.given });
  return t('config.problem', { variable: problem.variable, rule: t(`config.rules.${problem.variable}`), given });
}

/** The language problems are printed in: DEFAULT_LOCALE's (zh-CN when unset), or English when it is itself wrong. */
export function problemsLocale(env: NodeJS.ProcessEnv): Locale {
  const asked = env.DEFAULT_LOCALE;
  if (asked === undefined || asked.trim() === '') return 'zh-CN';
  return isLocale(asked) ? asked : 'en';
}
