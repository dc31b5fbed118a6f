// What the list of domains adds up to: the command catalog, the permission table, the models and the
// configuration fragments. Everything here is derived from src/domains/index.ts; nothing is listed twice.
import type { Connection } from 'mongoose';
import { bindCoreModels, type Models } from '../../models/index.js';
import {
  decide,
  type Action,
  type Decision,
  type Permission,
  type PermissionRegistry,
  type Subject,
  type Who,
} from '../access/permissions.js';
import type { CommandCatalog } from '../chat/commands.js';
import { loadConfigWith, type ConfigResult } from '../config/index.js';
import { DOMAINS, PLANNED_COMMANDS } from './index.js';
import type { ConfigFragment } from './module.js';

/**
 * Every command: the built domains' in list order, then the planned ones. A domain may add
 * subcommands to another's command (`ops: ['report']` from the reports domain): they join its entry.
 */
export const COMMAND_CATALOG: CommandCatalog = [...mergedCommands(), ...PLANNED_COMMANDS];

function mergedCommands(): CommandCatalog {
  const merged = new Map<string, string[]>();
  for (const domain of DOMAINS) {
    for (const [name, subcommands] of Object.entries(domain.commands)) {
      merged.set(name, [...(merged.get(name) ?? []), ...subcommands]);
    }
  }
  return [...merged].map(([name, subcommands]) => ({ name, subcommands }));
}

/** The one permission table: every domain's rows (README's "Roles and permissions" writes it out). */
export const PERMISSIONS = Object.assign({}, ...DOMAINS.map((domain) => domain.permissions)) as Record<
  keyof PermissionRegistry,
  Permission
>;
export const ACTIONS = Object.keys(PERMISSIONS) as Action[];

export function isAction(value: string): value is Action {
  return Object.hasOwn(PERMISSIONS, value);
}

/** The table's row for `action`; throws for an action no domain declares. */
export function permissionOf(action: Action): Permission {
  const rule = PERMISSIONS[action];
  if (!rule) throw new Error(`no permission row for ${action}`);
  return rule;
}

/** Whether `who` may do `action` to `subject`, by the table. */
export function can(action: Action, who: Who, subject?: Subject): Decision {
  return decide(permissionOf(action), who, subject);
}

/** The configuration fragments of the domains, for loadConfig. */
export const CONFIG_FRAGMENTS: readonly ConfigFragment[] = DOMAINS.flatMap((domain) => domain.config ?? []);

/** Binds the kernel's models and every domain's to `connection` (each Zhiban and each test has its own). */
export function bindModels(connection: Connection): Models {
  const models = bindCoreModels(connection);
  for (const domain of DOMAINS) Object.assign(models, domain.models?.(connection));
  return models as Models;
}

/** Validates the environment: the kernel's variables and every domain's (see src/config/index.ts). */
export function loadConfig(env: NodeJS.ProcessEnv): ConfigResult {
  return loadConfigWith(env, CONFIG_FRAGMENTS);
}
