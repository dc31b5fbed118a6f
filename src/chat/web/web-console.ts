// Puts the web console together: its adapter for the outbox, and its routes on Zhiban's own HTTP
// server (`/`, `/assets/*`, `/api/*`). Built only when config.web.enabled.
import { join } from 'node:path';
import { Router } from 'express';
import type { Logger } from 'pino';
import type { Clock } from '../../kernel/clock.js';
import type { Secret } from '../../config/secret.js';
import { sendError } from '../../http/json-error.js';
import type { Locale, Translator } from '../../kernel/i18n.js';
import { projectRoot } from '../../kernel/paths.js';
import type { AuditTrail } from '../../domains/ops/rules/audit-trail.js';
import type { Models } from '../../../models/index.js';
import type { DatabaseAvailability } from '../../db/health.js';
import { databaseDeadline, RETRY_AFTER_S } from '../../http/deadline.js';
import type { ChannelKind } from '../commands.js';
import { PROBE_MS } from '../in-time.js';
import type { Router as ChatRouter } from '../router.js';
import { LoginThrottle } from './auth/login-throttle.js';
import { FIRST_ADMIN, WebAccounts } from './auth/web-accounts.js';
import { WebSessions } from './auth/web-sessions.js';
import { apiBody, apiBodyErrors, sameOrigin, thisMachineOnly } from './http/api-guards.js';
import { requireCsrf, requireViewer } from './http/viewer.js';
import { DEFAULT_FEED, MessageFeed, type FeedOptions } from './message-feed.js';
import { PageAssets } from './page-assets.js';
import { adminRoutes } from './routes/admin-routes.js';
import { auditRoutes, type AuditRouteDeps } from './routes/audit-route.js';
import { sessionRoutes, signInRoutes, type AuthRouteDeps } from './routes/auth-routes.js';
import { catalogRoutes } from './routes/catalog-routes.js';
import { interactionRoutes } from './routes/interaction-routes.js';
import { liveStream } from './routes/live-stream.js';
import { pageRoutes, securityHeaders, stringsRoute } from './routes/page-routes.js';
import { pendingRoute } from './routes/pending-route.js';
import { PendingWork, type UpcomingCards } from './pending-work.js';
import { queuedWebMessages } from './queued-messages.js';
import { WebAdapter } from './web-adapter.js';
import { bindFixedChannels, type WebChannelBinder } from './web-channels.js';
import { WebMessages } from './web-messages.js';

/** The console's first admin, an admin by configuration like those of ADMIN_USERS. */
export const WEB_FIRST_ADMIN = `web:${FIRST_ADMIN}`;

export interface WebConsoleDeps {
  /** WEB_ADMIN_PASSWORD; unset means trial mode. */
  adminPassword: Secret | undefined;
  models: Pick<Models, 'WebMessage' | 'WebUser' | 'WebSession' | 'LoginAttempt' | 'OutboxMessage'>;
  router: ChatRouter;
  users: {
    profile(key: string): Promise<{ locale: Locale | undefined; roles: string[] }>;
    setLocale(key: string, locale: Locale, via: string): Promise<void>;
  };
  channels: WebChannelBinder & { channelFor(platform: 'web', kind: ChannelKind): Promise<string | undefined> };
  /** Cards the domains will post when a timer ends, for the "something is coming" note. */
  upcoming: UpcomingCards;
  audit: Pick<AuditTrail, 'record'>;
  /** The audit trail by filters, for the CSV download (`GET /api/audit/export`). */
  auditReader: AuditRouteDeps['reader'];
  translator: Translator;
  defaultLocale: Locale;
  /** The team's TIMEZONE, for times shown by the page. */
  timezone: string;
  clock: Clock;
  logger: Logger;
  feed?: Partial<FeedOptions>;
  /** How often a live stream checks that its session is still open; tests shorten it. */
  heartbeatMs?: number;
  /** How long a private message stays in a channel's view (PRIVATE_FADE_MS); tests shorten it. */
  privateFadeMs?: number;
  /** Whether the database answers: the page is told "unavailable" rather than kept waiting. */
  database?: DatabaseAvailability;
}

/**
 * A request of the page still waiting after this is answered 503 `database_unavailable` if the
 * database then gets no answer within PROBE_MS either. The chat router says "unavailable" by
 * 1.7 s, but the console's replies are themselves stored in the database, so its answer cannot
 * come that way.
 */
export const WEB_ANSWER_WITHIN_MS = 1500;

export class WebConsole {
  readonly adapter: WebAdapter;
  readonly routes: Router;
  private readonly accounts: WebAccounts | undefined;

  constructor(private readonly deps: WebConsoleDeps) {
    const { models, clock, translator, defaultLocale } = deps;
    const mode = deps.adminPassword ? 'password' : 'trial';
    const feedOptions = { ...DEFAULT_FEED, ...deps.feed };
    const logger = deps.logger.child({ component: 'web' });
    const feed = new MessageFeed(models.WebMessage, clock, logger, feedOptions);
    const messages = new WebMessages(models.WebMessage, clock, () => feed.wake(), deps.privateFadeMs);
    const sessions = new WebSessions(models.WebSession, clock, mode === 'trial');
    this.accounts = deps.adminPassword ? new WebAccounts(models.WebUser, sessions, deps.audit, clock) : undefined;
    this.adapter = new WebAdapter(messages, feed);

    const auth: AuthRouteDeps = {
      mode,
      timezone: deps.timezone,
      sessions,
      accounts: this.accounts,
      throttle: new LoginThrottle(models.LoginAttempt, clock),
      setLocale: (key, locale, via) => deps.users.setLocale(key, locale, via),
      profile: (key) => deps.users.profile(key),
      defaultLocale,
      logger,
      privateFadeMs: messages.privateFadeMs,
    };
    const page = {
      assets: new PageAssets(join(projectRoot(), 'dist', 'web')),
      translator,
      defaultLocale,
      mode,
    } as const;

    const api = Router();
    // Words first: a page opened from elsewhere in trial mode can still say why it is refused.
    api.get('/strings', stringsRoute(page));
    if (mode === 'trial') api.use(thisMachineOnly);
    api.use(
      databaseDeadline({
        database: deps.database,
        withinMs: WEB_ANSWER_WITHIN_MS,
        probeMs: PROBE_MS,
        answer: (res) => {
          res.set('Retry-After', String(RETRY_AFTER_S));
          sendError(res, 503, 'database_unavailable', ['the database is not answering; try again shortly']);
        },
      }),
    );
    api.use(sameOrigin, ...apiBody);
    api.use(signInRoutes(auth));
    api.use(requireViewer(auth), requireCsrf);
    api.use(sessionRoutes(auth));
    api.use(
      catalogRoutes({
        messages,
        translator,
        isAvailable: (name) => deps.router.isAvailable(name),
        catalog: deps.router.catalog,
      }),
    );
    api.use(interactionRoutes({ router: deps.router, messages }));
    const pending = new PendingWork({
      queued: () => queuedWebMessages(models.OutboxMessage),
      upcoming: deps.upcoming,
      channelFor: (kind) => deps.channels.channelFor('web', kind),
    });
    api.get('/pending', pendingRoute(pending));
    api.use(auditRoutes({ reader: deps.auditReader, translator }));
    api.get(
      '/stream',
      liveStream({
        feed,
        model: models.WebMessage,
        stillSignedIn: (id) => sessions.stillOpen(id),
        heartbeatMs: deps.heartbeatMs ?? 15_000,
        overlapMs: feedOptions.overlapMs,
      }),
    );
    if (this.accounts) {
      const accounts = this.accounts;
      api.use(adminRoutes({ accounts, roles: async (key) => (await deps.users.profile(key)).roles }));
    }
    api.use((_req, res) => sendError(res, 404, 'not_found'));
    api.use(apiBodyErrors);

    this.routes = Router();
    this.routes.use(pageRoutes(page));
    this.routes.use('/api', securityHeaders, api);
  }

  /** Before traffic: the fixed channels are bound, and `admin` has the configured password. */
  async prepare(): Promise<void> {
    await bindFixedChannels(this.deps.channels);
    if (this.accounts && this.deps.adminPassword) await this.accounts.ensureFirstAdmin(this.deps.adminPassword);
  }
}
