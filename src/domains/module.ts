// The contract every domain keeps (DESIGN.md, "Where things live"): one module declares its
// commands, permissions, configuration, models, jobs, webhooks, metrics and storm digest, and the
// composition root (src/app.ts) loops over the list in src/domains/index.ts. Adding a domain is its
// own folders plus one entry in that list.
import type { Agenda } from 'agenda';
import type { RequestHandler, Router as HttpRouter } from 'express';
import type { Connection } from 'mongoose';
import type { Logger } from 'pino';
import type { z } from 'zod';
import type { Models } from '../../models/index.js';
import type { PermissionRows } from '../access/permissions.js';
import type { ChannelKind } from '../chat/commands.js';
import type { PersonSpeech, Wording } from '../chat/wording.js';
import type { Router } from '../chat/router.js';
import type { Config, ConfigSection } from '../config/index.js';
import type { WebhookPath } from '../http/webhooks.js';
import type { Clock } from '../kernel/clock.js';
import type { Locale, Translate } from '../kernel/i18n.js';
import type { Notifier } from '../notify/notifier.js';
import type { Metrics } from '../observability/metrics.js';
import type { ReportSection } from './report-section.js';

/**
 * What one domain offers the others (the audit trail, the incident service, …). Each domain adds its
 * own entries by declaration merging in its module file, so this file never changes:
 * `declare module '../module.js' { interface DomainServices { incidents: IncidentService } }`.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface DomainServices {}

/** Everything a domain is built from: the kernel's parts and the services of the domains listed before it. */
export interface DomainKernel {
  config: Config;
  models: Models;
  agenda: Agenda;
  /** Stores what must be said, then the outbox says it (DESIGN.md, "Nothing lost"). */
  notifier: Notifier;
  metrics: Metrics;
  /** The team's language: channel cards and thread lines are read by everyone. */
  teamT: Translate;
  /** One person's language (their `/ops lang`, else DEFAULT_LOCALE): for what only they read. */
  personSpeech: PersonSpeech;
  /** The words of one language: for one person's (restores), or a page visitor's browser language (surveys). */
  translate(locale: Locale): Translate;
  clock: Clock;
  logger: Logger;
  /** The bootstrap admins: ADMIN_USERS, plus the web console's first admin while the console is on. */
  adminUsers: readonly string[];
  /**
   * Where a person opens the web console (`http://host:port/`) while it is on; undefined before
   * Zhiban listens and when the console is off.
   */
  consoleUrl(): string | undefined;
  /**
   * Where Zhiban's HTTP server is reached (`http://host:port`, without a trailing slash; this
   * machine's address when it listens on all), for links to a domain's own pages; undefined before
   * Zhiban listens.
   */
  httpUrl(): string | undefined;
  /** Services of the domains built earlier; reading one built later throws (the list's order is wrong). */
  services: DomainServices;
  /**
   * Every report section the domains declared (DomainParts.reportSections), in the list's order.
   * Read when a report is made, by which time every domain is built; empty while they are built.
   */
  reportSections(): readonly ReportSection[];
}

/**
 * The digest card that stands for a storm's held messages in a channel of the domain's kind:
 * `heldSubjects` are the outbox subjects waiting, `since` when the storm began. Undefined lets the
 * outbox use its own words.
 */
export type StormDigest = (heldSubjects: string[], since: Date) => Promise<Wording | undefined>;

/** What a built domain hands the composition root. Every part is optional. */
export interface DomainParts {
  /** Its commands, buttons and forms on the router (permissions are checked through `ctx.authorize`). */
  register?(router: Router): void;
  /** Called once the scheduler runs: recurring jobs are (re)scheduled here; `define` happens in `build`. */
  scheduleJobs?(): Promise<void>;
  /** Called when Zhiban stops, before the scheduler and the database: end timers of the domain's own. */
  stop?(): void;
  /** Handlers for its `/webhooks/*` paths of CONTRACT.md; the guard (token, size, JSON) is the kernel's. */
  webhooks?: Partial<Record<WebhookPath, RequestHandler>>;
  /**
   * Pages of its own on Zhiban's HTTP server (CONTRACT.md, e.g. `GET /s/:token`), mounted at the root
   * whether or not the web console is on; the domain guards them itself (no session is asked for).
   */
  routes?: HttpRouter;
  /** The digest card of its channel kind during a storm. */
  stormDigests?: Partial<Record<ChannelKind, StormDigest>>;
  /** The services other domains may use (declared in DomainServices). */
  provides?: Partial<DomainServices>;
  /** Its sections of the daily, weekly and quarterly reports (src/domains/report-section.ts). */
  reportSections?: ReportSection[];
}

/** The environment variables of one domain: a zod shape of strings, read into the domain's part of Config. */
export interface ConfigFragment<K extends string = string> extends ConfigSection {
  /** Each variable's schema; a bad value stops start-up with one line naming the variable. */
  env: Record<string, z.ZodType>;
  /** Builds the typed section `Config[K]` from the parsed variables. */
  read(parsed: Record<string, unknown>): unknown;
  /** The section of Config it fills, e.g. `incidents` for `config.incidents`. */
  section: K;
}

export interface DomainModule {
  /** Folder name under src/domains/, handlers/, jobs/, models/ and the locale namespace. */
  name: string;
  /** Its slash commands with their subcommands (CONTRACT.md), in the order help shows them. */
  commands: Record<string, readonly string[]>;
  /** Its rows of the permission table (README's "Roles and permissions" is generated from all rows). */
  permissions: PermissionRows;
  config?: ConfigFragment;
  /** Binds its mongoose models to a connection (each Zhiban and each test has its own). */
  models?(connection: Connection): object;
  /** Builds its services, defines its jobs, and says what it hands the composition root. */
  build(kernel: DomainKernel): DomainParts | Promise<DomainParts>;
}
