// The list of domains. The composition root builds them in this order (a domain may use the
// services of those before it) and help lists their commands in it. Adding a domain: its own
// folders, plus one line here (and its command leaves PLANNED_COMMANDS).
import type { CommandCatalog } from '../chat/commands.js';
import { alerts } from './alerts/module.js';
import { approvals } from './approvals/module.js';
import { backups } from './backups/module.js';
import { duty } from './duty/module.js';
import { incidents } from './incidents/module.js';
import type { DomainModule } from './module.js';
import { ops } from './ops/module.js';
import { reports } from './reports/module.js';
import { restores } from './restores/module.js';
import { surveys } from './surveys/module.js';
import { upgrades } from './upgrades/module.js';

export const DOMAINS: readonly DomainModule[] = [
  ops,
  incidents,
  alerts,
  backups,
  approvals,
  restores,
  surveys,
  upgrades,
  duty,
  reports,
];

/** Commands of CONTRACT.md whose domain is not built yet: they answer privately that they are coming. */
export const PLANNED_COMMANDS: CommandCatalog = [];
