// GET and POST /s/:token (CONTRACT.md): a survey's page for people outside the chat, no account
// needed. The token is the key: a link that opens no survey is 404, every such try counted per
// address and limited as the console's sign-in is; the form goes back only from the page itself
// (the token in its address is what another site cannot know, and the browser's Sec-Fetch-Site or
// Origin is checked too). An answer here is the same answer as in chat.
import { createHash } from 'node:crypto';
import express, { Router, type ErrorRequestHandler, type Request, type RequestHandler, type Response } from 'express';
import type { Logger } from 'pino';
import { UserError } from '../../../chat/user-error.js';
import type { PersonSpeech } from '../../../chat/wording.js';
import type { Clock } from '../../../kernel/clock.js';
import { matchLocale, type Locale, type Translate } from '../../../kernel/i18n.js';
import type { Survey } from '../../../../models/surveys/survey.js';
import type { LinkThrottle } from '../rules/link-throttle.js';
import type { SurveyAnswers } from '../rules/survey-answers.js';
import type { SurveyLookup } from '../rules/survey-lookup.js';
import { readPageAnswer } from './page-answer.js';
import { SURVEY_PAGE_CSS } from './survey-page-style.js';
import { closedPage, messagePage, surveyPage } from './survey-page.js';

export interface SurveyPageDeps {
  lookup: Pick<SurveyLookup, 'byToken'>;
  answers: Pick<SurveyAnswers, 'answer'>;
  throttle: Pick<LinkThrottle, 'reserve' | 'forgive'>;
  personSpeech: Pick<PersonSpeech, 'localeOf'>;
  /** Words of a language, for pages of no survey (a link that opens nothing). */
  translate(locale: Locale): Translate;
  defaultLocale: Locale;
  /** SURVEY_PUBLIC_URL: a form sent from that origin is the page's own too (behind a proxy). */
  publicUrl: string | undefined;
  clock: Clock;
  timezone: string;
  logger: Logger;
}

/** Only our own stylesheet, no script at all, forms only to ourselves, never in a frame. */
const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "style-src 'self'",
  "img-src 'self' data:",
  "form-action 'self'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

const CSS_VERSION = createHash('sha256').update(SURVEY_PAGE_CSS).digest('hex').slice(0, 16);

const pageHeaders: RequestHandler = (_req, res, next) => {
  res.set({
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    // The token is in the address: it must not travel on in a Referer.
    'Referrer-Policy': 'no-referrer',
    'X-Frame-Options': 'DENY',
  });
  next();
};

/** `GET /s/style.css`, `GET /s/:token` and `POST /s/:token`, each answered with an HTML page (or a 303 after saving). */
export function surveyPageRoutes(deps: SurveyPageDeps): Router {
  const router = Router();
  const wordsOf = (req: Request) => {
    const locale = matchLocale(req.acceptsLanguages()[0]) ?? deps.defaultLocale;
    return { locale, t: deps.translate(locale) };
  };
  const send = (res: Response, status: number, html: string) => {
    res.status(status).set('Cache-Control', 'no-store').type('html').send(html);
  };
  /** A page of one message, in the reader's browser language (no survey says whose it is). */
  const plain = (req: Request, res: Response, status: number, what: string, params = {}) => {
    const { locale, t } = wordsOf(req);
    send(res, status, messagePage(t, locale, `survey.page.${what}_title`, `survey.page.${what}_text`, params));
  };

  router.get('/s/style.css', pageHeaders, (req, res) => {
    res.set({ 'Content-Type': 'text/css; charset=utf-8', ETag: `"${CSS_VERSION}"`, 'Cache-Control': 'no-cache' });
    if (req.get('if-none-match') === `"${CSS_VERSION}"`) return void res.status(304).end();
    res.send(SURVEY_PAGE_CSS);
  });

  /**
   * The survey of this link, or undefined after answering 429 (too many tries from this address)
   * or 404 (no survey has it). A link that opens a survey gives its try back.
   */
  const surveyOf = async (req: Request, res: Response): Promise<Survey | undefined> => {
    const address = req.ip ?? 'unknown';
    const reserved = await deps.throttle.reserve(address);
    if (!('at' in reserved)) {
      const minutes = Math.ceil(reserved.waitMs / 60_000);
      res.set('Retry-After', String(Math.ceil(reserved.waitMs / 1000)));
      deps.logger.warn('survey page: too many links that open nothing from one address');
      plain(req, res, 429, 'too_many', { minutes });
      return undefined;
    }
    const survey = await deps.lookup.byToken(String(req.params.token ?? ''));
    if (!survey) {
      plain(req, res, 404, 'not_found');
      return undefined;
    }
    await deps.throttle.forgive(address, reserved.at);
    return survey;
  };

  const isOpen = (survey: Survey) => survey.state === 'open' && survey.closesAt.getTime() > deps.clock.now().getTime();

  router.get('/s/:token', pageHeaders, async (req, res) => {
    const survey = await surveyOf(req, res);
    if (!survey) return;
    const locale = await deps.personSpeech.localeOf(survey.person);
    const t = deps.translate(locale);
    if (!isOpen(survey)) return send(res, 410, closedPage(t, locale, survey, deps.timezone));
    const state = { saved: req.query.saved === '1' };
    send(res, 200, surveyPage(t, locale, survey, String(req.params.token), state, deps.timezone));
  });

  router.post(
    '/s/:token',
    pageHeaders,
    express.urlencoded({ extended: false, limit: '16kb', parameterLimit: 20 }),
    async (req, res) => {
      if (!fromThisPage(req, deps.publicUrl)) return plain(req, res, 403, 'foreign');
      const survey = await surveyOf(req, res);
      if (!survey) return;
      const token = String(req.params.token);
      const locale = await deps.personSpeech.localeOf(survey.person);
      const t = deps.translate(locale);
      if (!isOpen(survey)) return send(res, 410, closedPage(t, locale, survey, deps.timezone));
      const read = readPageAnswer(req.body, t);
      if (!read.ok) {
        const state = { error: read.error, typed: read.typed };
        return send(res, 400, surveyPage(t, locale, survey, token, state, deps.timezone));
      }
      const { ratings = {}, comment } = read.change;
      if (Object.keys(ratings).length === 0 && !comment?.trim() && !survey.comment) {
        return send(res, 400, surveyPage(t, locale, survey, token, { error: t('survey.page.nothing') }, deps.timezone));
      }
      try {
        await deps.answers.answer(survey, read.change, { key: survey.person, via: 'link' });
      } catch (error) {
        if (!(error instanceof UserError) || error.code !== 'survey.errors.closed') throw error;
        return send(res, 410, closedPage(t, locale, { ...survey, state: 'closed' }, deps.timezone));
      }
      // After a POST, a GET: reloading the page does not send the form again.
      res.redirect(303, `./${token}?saved=1`);
    },
  );

  const failed: ErrorRequestHandler = (error: { type?: string }, req, res, _next) => {
    if (res.headersSent) return;
    if (error.type === 'entity.too.large') return plain(req, res, 413, 'too_large');
    if (error.type?.startsWith('entity.') || error.type === 'parameters.too.many')
      return plain(req, res, 400, 'bad_form');
    deps.logger.error({ err: error }, 'survey page failed');
    plain(req, res, 503, 'unavailable');
  };
  router.use('/s', failed);
  return router;
}

/**
 * Whether a form came from a page of ours: the browser's Sec-Fetch-Site where it sends one, else
 * Origin (this host, or SURVEY_PUBLIC_URL's origin). A request with neither (not a browser) passes:
 * it still needs the token.
 */
function fromThisPage(req: Request, publicUrl: string | undefined): boolean {
  const site = req.get('sec-fetch-site');
  if (site) return site === 'same-origin' || site === 'none';
  const origin = req.get('origin');
  if (origin === undefined) return true;
  const ours = [`${req.protocol}://${req.get('host') ?? ''}`, ...(publicUrl ? [new URL(publicUrl).origin] : [])];
  return ours.includes(origin);
}
