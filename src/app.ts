// Builds one running Zhiban from a Config: database, jobs, services, chat adapters, HTTP.
// main.ts calls it for `npm start`; tests call it with fakes' URLs and a fresh database.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import type { Agenda } from 'agenda';
import { Router as expressRouter } from 'express';
import type { Connection } from 'mongoose';
import type { Logger } from 'pino';
import { registerComingSoon } from '../handlers/coming-soon.js';
import { ensureIndexes, type Models } from '../models/index.js';
import { authorizer } from './access/authorization.js';
import type { ChatAdapter } from './chat/adapter.js';
import type { ChannelKind } from './chat/commands.js';
import { internalErrorMessage, userErrorMessage } from './chat/error-message.js';
import { Router } from './chat/router.js';
import { WEB_FIRST_ADMIN, WebConsole, type WebConsoleDeps } from './chat/web/web-console.js';
import { chatAdapters } from './compose/chat-adapters.js';
import { composeStorms } from './compose/storms.js';
import type { Config } from './config/index.js';
import { connectDatabase } from './db/connect.js';
import { startEmbeddedEngine, type EngineHandle } from './db/embedded-engine.js';
import { DatabaseHealth, READY_PROBE_MS, WATCH_EVERY_MS } from './db/health.js';
import { DOMAINS } from './domains/index.js';
import type { DomainKernel, DomainParts, DomainServices, StormDigest } from './domains/module.js';
import type { OpsServices } from './domains/ops/module.js';
import { emptyDutyRoles } from './domains/ops/rules/duty-coverage.js';
import { bindModels, COMMAND_CATALOG, permissionOf } from './domains/registry.js';
import { createHttpApp } from './http/http-app.js';
import { closeServer, listen } from './http/listen.js';
import { webhookRouter } from './http/webhooks.js';
import { upcomingCards } from './upcoming-cards.js';
import { systemClock, type Clock } from './kernel/clock.js';
import { Translator } from './kernel/i18n.js';
import type { Notifier } from './notify/notifier.js';
import { OutboxNotifier } from './notify/outbox-notifier.js';
import { ChannelSpeech, PersonSpeech } from './chat/wording.js';
import type { OutboxPolicyOverrides } from './notify/outbox-policy.js';
import type { OutboxFaults } from './notify/outbox-faults.js';
import { OutboxSender } from './notify/outbox-sender.js';
import { createMetrics, type Metrics } from './observability/metrics.js';
import { createScheduler, releaseOrphanedLocksOnRecovery, startScheduler, stopScheduler } from './scheduler.js';
import { watchRoundTrips } from './observability/round-trips.js';

export interface ZhibanOptions {
  logger: Logger;
  clock?: Clock;
  /** Storage of the embedded engine when MONGODB_URI is unset; tests use memory. */
  embeddedStorage?: 'memory' | 'file';
  /** How often Agenda looks for due jobs; tests shorten it. */
  jobsProcessEveryMs?: number;
  /** Outbox rates, polling and back-off; tests shorten them. */
  outbox?: OutboxPolicyOverrides;
  /** Crash tests stop the outbox where a process death hurts most; never set in production. */
  outboxFaults?: OutboxFaults;
  /** The web console's live-stream timings; tests shorten them. */
  web?: Pick<WebConsoleDeps, 'feed' | 'heartbeatMs' | 'privateFadeMs'>;
}

export interface DatabaseInfo {
  engine: 'external' | EngineHandle['engine'];
  where: string;
}

export class Zhiban {
  private constructor(
    readonly config: Config,
    readonly logger: Logger,
    readonly url: string,
    readonly database: DatabaseInfo,
    readonly models: Models,
    readonly router: Router,
    readonly metrics: Metrics,
    readonly adapters: ChatAdapter[],
    /** What services are given to say things in the bound channels (stored, then sent by the outbox). */
    readonly notifier: Notifier,
    /** People, roles, channels and the audit trail. */
    readonly ops: OpsServices,
    private readonly parts: {
      server: Server;
      connection: Connection;
      agenda: Agenda;
      engine: EngineHandle | undefined;
      outbox: OutboxSender;
      domains: DomainParts[];
      health: DatabaseHealth;
      stopReleasing: () => void;
    },
  ) {}

  static async start(config: Config, options: ZhibanOptions): Promise<Zhiban> {
    const { logger } = options;
    const clock = options.clock ?? systemClock;
    const cleanup: Array<() => Promise<unknown>> = [];
    // Known once the server listens (PORT may be 0); the domains ask for it later, per request.
    let listening: string | undefined;
    try {
      const engine = config.mongodbUri
        ? undefined
        : await startEmbeddedEngine({
            dataDir: resolve(config.dataDir),
            storage: options.embeddedStorage ?? 'file',
            log: (msg) => logger.info({ component: 'db' }, msg),
          });
      if (engine) cleanup.push(() => engine.stop());
      const uri = config.mongodbUri ?? engine!.uri;
      const connection = await connectDatabase(uri, logger.child({ component: 'db' }));
      cleanup.push(() => connection.close());
      watchRoundTrips(connection);
      const health = new DatabaseHealth(() => connection.db!.admin().ping(), logger.child({ component: 'db' }));
      health.watch(WATCH_EVERY_MS);
      cleanup.push(async () => health.stop());
      const models = bindModels(connection);
      await ensureIndexes(models);

      const agenda = createScheduler(
        connection.db!,
        { logger, models, clock },
        { processEveryMs: options.jobsProcessEveryMs },
      );

      const translator = new Translator(config.defaultLocale);
      const metrics = createMetrics();
      const adapters: ChatAdapter[] = [];
      // The channels' language: cards and thread lines are read by the whole team.
      const teamT = translator.forLocale(config.defaultLocale);
      const services: Partial<DomainServices> = {};
      const built = builtServices(services);
      const digests = new Map<ChannelKind, StormDigest>();
      // Each Slack or Discord channel in its own language; the console's cards in every language.
      const speech = new ChannelSpeech(translator, {
        // Read when a message is stored, by which time the ops domain that keeps channels is built.
        languageOf: (platform, channelId) => built.ops.channels.languageOf(platform, channelId),
      });
      // What is told to one person is in their own language (read when it is stored, as above).
      const personSpeech = new PersonSpeech(translator, {
        languageOf: async (person) => (await built.ops.users.profile(person)).locale,
      });
      const storms = composeStorms({
        models,
        digests,
        speech,
        timezone: config.timezone,
        clock,
        logger,
        metrics,
        policy: options.outbox,
      });
      // Each domain is built in the list's order, from the kernel and the services of those before it.
      const notifier = new OutboxNotifier({
        outbox: models.OutboxMessage,
        refs: models.MessageRef,
        // Read when a message is stored, by which time the ops domain that binds channels is built.
        channels: { channelFor: (platform, kind) => built.ops.channels.channelFor(platform, kind) },
        speech,
        personSpeech,
        platforms: () => adapters.map((adapter) => adapter.platform),
        clock,
        logger,
        storms,
      });
      const kernel: DomainKernel = {
        config,
        models,
        agenda,
        notifier,
        metrics,
        teamT,
        personSpeech,
        translate: (locale) => translator.forLocale(locale),
        clock,
        logger,
        // The console's first admin is an admin by configuration, like those of ADMIN_USERS.
        adminUsers: config.web.enabled ? [...config.adminUsers, WEB_FIRST_ADMIN] : config.adminUsers,
        consoleUrl: () => (config.web.enabled && listening ? consoleAddress(listening) : undefined),
        httpUrl: () => (listening ? consoleAddress(listening).replace(/\/$/, '') : undefined),
        services: built,
        reportSections: () => parts.flatMap((part) => part.reportSections ?? []),
      };
      const parts: DomainParts[] = [];
      for (const domain of DOMAINS) {
        const part = await domain.build(kernel);
        Object.assign(services, part.provides);
        for (const [kind, digest] of Object.entries(part.stormDigests ?? {})) digests.set(kind as ChannelKind, digest);
        parts.push(part);
      }
      const { ops } = built;

      const router = new Router({
        logger,
        defaultLocale: config.defaultLocale,
        loadProfile: (actor) => ops.users.profile(`${actor.platform}:${actor.id}`),
        translate: (locale) => translator.forLocale(locale),
        userErrorMessage,
        internalErrorMessage,
        observe: (kind, name, outcome) => metrics.interactions.inc({ kind, name, outcome }),
        observeRoundTrips: (kind, name, roundTrips) => metrics.roundTrips.observe({ kind, name }, roundTrips),
        authorize: authorizer(permissionOf, ops.audit),
        catalog: COMMAND_CATALOG,
        database: health,
        speech,
      });
      for (const part of parts) part.register?.(router);
      // Last: it fills in placeholders only for the commands no domain registered.
      registerComingSoon(router);
      await startScheduler(agenda);
      cleanup.push(() => stopScheduler(agenda, logger));
      const stopReleasing = releaseOrphanedLocksOnRecovery(agenda, connection.db!, health, logger);
      cleanup.push(async () => stopReleasing());
      for (const part of parts) await part.scheduleJobs?.();
      cleanup.push(async () => {
        for (const part of parts) part.stop?.();
      });

      const slackRoutes = expressRouter();
      adapters.push(...chatAdapters(config, router, translator, logger, slackRoutes));

      const web = config.web.enabled
        ? new WebConsole({
            adminPassword: config.web.adminPassword,
            models,
            router,
            users: ops.users,
            channels: ops.channels,
            upcoming: upcomingCards(models),
            audit: ops.audit,
            auditReader: ops.reader,
            translator,
            defaultLocale: config.defaultLocale,
            timezone: config.timezone,
            clock,
            logger,
            database: health,
            ...options.web,
          })
        : undefined;
      if (web) {
        await web.prepare();
        adapters.push(web.adapter);
      }

      const http = createHttpApp({
        logger,
        metrics,
        readiness: {
          databaseReachable: () => health.probe(READY_PROBE_MS),
          jobsRunning: () => agenda.isActiveJobProcessor(),
        },
        webhooks: webhookRouter(
          config.webhookToken,
          metrics,
          Object.assign({}, ...parts.map((p) => p.webhooks)),
          health,
        ),
        extra: [slackRoutes, ...parts.flatMap((part) => part.routes ?? []), ...(web ? [web.routes] : [])],
      });
      const server = await listen(http, config.http.port, config.http.host);
      cleanup.push(() => closeServer(server));
      for (const adapter of adapters) {
        await adapter.start();
        cleanup.push(() => adapter.stop());
      }
      const outbox = new OutboxSender({
        outbox: models.OutboxMessage,
        refs: models.MessageRef,
        adapters,
        clock,
        logger,
        metrics,
        policy: options.outbox,
        storms,
        faults: options.outboxFaults,
        onSent: (item) => notifier.sent(item),
      });
      notifier.onStored(() => outbox.wake());
      outbox.start();
      cleanup.push(() => outbox.stop());

      const address = server.address() as AddressInfo;
      const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
      listening = `http://${host}:${address.port}`;
      const database: DatabaseInfo = engine
        ? { engine: engine.engine, where: engine.storage }
        : { engine: 'external', where: 'MONGODB_URI' };
      return new Zhiban(config, logger, listening, database, models, router, metrics, adapters, notifier, ops, {
        server,
        connection,
        agenda,
        engine,
        outbox,
        domains: parts,
        health,
        stopReleasing,
      });
    } catch (error) {
      for (const undo of cleanup.reverse()) await undo().catch(() => undefined);
      throw error;
    }
  }

  /** Where a person opens the web console, if it is on; this machine's address when listening on all. */
  get consoleUrl(): string | undefined {
    return this.config.web.enabled ? consoleAddress(this.url) : undefined;
  }

  /** The roles escalations page that nobody holds now (start-up warns of them). */
  emptyDutyRoles(): Promise<string[]> {
    return emptyDutyRoles((roles) => this.ops.roles.held(roles));
  }

  adapter(platform: ChatAdapter['platform']): ChatAdapter | undefined {
    return this.adapters.find((a) => a.platform === platform);
  }

  /** Stops taking requests, lets jobs and adapters finish, closes the database, stops the engine. */
  async stop(): Promise<void> {
    const { server, connection, agenda, engine, outbox, domains, health, stopReleasing } = this.parts;
    await closeServer(server);
    health.stop();
    stopReleasing();
    for (const domain of domains) domain.stop?.();
    await outbox.stop();
    for (const adapter of this.adapters) await adapter.stop().catch(() => undefined);
    await stopScheduler(agenda, this.logger);
    await connection.close().catch(() => undefined);
    await engine?.stop();
  }
}

/** The console's address from the listening one (`http://0.0.0.0:3000`): this machine's when listening on all. */
function consoleAddress(listening: string): string {
  return `${listening.replace(/^http:\/\/(0\.0\.0\.0|\[::\])(?=:)/, 'http://127.0.0.1')}/`;
}

/** The services of the domains built so far; reading one not built yet is a mistake in the list's order. */
function builtServices(built: Partial<DomainServices>): DomainServices {
  return new Proxy(built, {
    get(target, name: string) {
      const service = target[name as keyof DomainServices];
      if (service === undefined) throw new Error(`the ${name} domain is not built yet: check the order of DOMAINS`);
      return service;
    },
  }) as DomainServices;
}
