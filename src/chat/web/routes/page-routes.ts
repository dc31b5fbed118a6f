// GET / (the page), its two built files, and GET /api/strings: the page's words, from locales/.
import { Router, type RequestHandler } from 'express';
import { sendError } from '../../../http/json-error.js';
import { isLocale, type Locale, type Translator } from '../../../kernel/i18n.js';
import type { ConsoleMode, PageStrings } from '../api-types.js';
import type { PageAssets } from '../page-assets.js';

export interface PageDeps {
  assets: PageAssets;
  translator: Translator;
  defaultLocale: Locale;
  mode: ConsoleMode;
}

/** Only our own files, no inline script or style: an injected string can run nothing. */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

export const securityHeaders: RequestHandler = (_req, res, next) => {
  res.set({
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'X-Frame-Options': 'DENY',
  });
  next();
};

export function pageRoutes(deps: PageDeps): Router {
  const router = Router();
  router.get('/', securityHeaders, async (_req, res) => {
    const [js, css] = await Promise.all([deps.assets.get('app.js'), deps.assets.get('app.css')]);
    const t = deps.translator.forLocale(deps.defaultLocale);
    res.set('Cache-Control', 'no-store');
    res
      .type('html')
      .send(
        [
          '<!doctype html>',
          `<html lang="${deps.defaultLocale}">`,
          '<head>',
          '<meta charset="utf-8">',
          '<meta name="viewport" content="width=device-width, initial-scale=1">',
          `<title>${escapeHtml(t('app.name'))}</title>`,
          '<link rel="icon" href="data:,">',
          css ? `<link rel="stylesheet" href="/assets/app.css?v=${css.version}">` : '',
          '</head>',
          '<body>',
          `<div id="app">${js ? '' : `<p>${escapeHtml(t('web.not_built'))}</p>`}</div>`,
          `<noscript>${escapeHtml(t('web.noscript'))}</noscript>`,
          js ? `<script type="module" src="/assets/app.js?v=${js.version}"></script>` : '',
          '</body>',
          '</html>',
        ].join('\n'),
      );
  });
  router.get('/assets/:file', securityHeaders, async (req, res) => {
    const asset = await deps.assets.get(String(req.params.file));
    if (!asset) return sendError(res, 404, 'not_found');
    res.set({ 'Content-Type': asset.type, ETag: `"${asset.version}"`, 'Cache-Control': 'no-cache' });
    if (req.get('if-none-match') === `"${asset.version}"`) return void res.status(304).end();
    res.send(asset.body);
  });
  return router;
}

export function stringsRoute(deps: PageDeps): RequestHandler {
  return (req, res) => {
    const asked = req.query.locale;
    const locale = isLocale(asked) ? asked : deps.defaultLocale;
    const body: PageStrings = {
      locale,
      mode: deps.mode,
      strings: flatten(deps.translator.section(locale, 'web')),
    };
    res.set('Cache-Control', 'no-cache');
    res.json(body);
  };
}

function flatten(tree: Record<string, unknown>, prefix = '', into: Record<string, string> = {}) {
  for (const [key, value] of Object.entries(tree)) {
    if (value !== null && typeof value === 'object')
      flatten(value as Record<string, unknown>, `${prefix}${key}.`, into);
    else into[`${prefix}${key}`] = String(value);
  }
  return into;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
