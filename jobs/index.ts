// The registry of Agenda jobs. Each area adds its jobs here (escalations, reminders, expiries,
// freshness checks, reports); the scheduler defines them all at start.
import type { Agenda } from 'agenda';
import type { Logger } from 'pino';
import type { Models } from '../models/index.js';
import type { Clock } from '../src/kernel/clock.js';
import { housekeeping } from './housekeeping.js';

export interface JobDeps {
  logger: Logger;
  models: Models;
  clock: Clock;
}

export interface JobDefinition {
  name: string;
  define(agenda: Agenda, deps: JobDeps): void;
  /** Recurring jobs schedule themselves; `every()` upserts by name, so restarts make no duplicates. */
  schedule?(agenda: Agenda): Promise<void>;
}

export const JOBS: JobDefinition[] = [housekeeping];
