// Puts the outbox's storm handling together (issue 4, "Storms and rate limits"): the outbox holds
// and releases, each channel's domain writes its digest card (the alerts channel's from the alert
// groups; any other in the outbox's own words). app.ts gives it to the notifier and the sender.
import type { Logger } from 'pino';
import type { Models } from '../../models/index.js';
import type { Clock } from '../kernel/clock.js';
import type { Translate } from '../kernel/i18n.js';
import { OutboxStorms } from '../notify/outbox-storms.js';
import type { OutboxPolicyOverrides } from '../notify/outbox-policy.js';
import type { Metrics } from '../observability/metrics.js';
import { AlertDigest } from '../domains/alerts/cards/digest.js';
import { stormWords } from '../notify/storm-words.js';

export interface StormParts {
  models: Models;
  /** The team's language: everyone in the channel reads the digest card. */
  teamT: Translate;
  timezone: string;
  clock: Clock;
  logger: Logger;
  metrics: Metrics;
  policy?: OutboxPolicyOverrides;
}

export function composeStorms(parts: StormParts): OutboxStorms {
  const { models, teamT, timezone, clock } = parts;
  const alerts = new AlertDigest({ alerts: models.Alert, groups: models.AlertGroup, t: teamT, clock, timezone });
  return new OutboxStorms({
    outbox: models.OutboxMessage,
    storms: models.OutboxStorm,
    refs: models.MessageRef,
    digest: async (kind, held, since) => (kind === 'alerts' ? alerts.render(held, since) : undefined),
    words: stormWords(teamT, timezone),
    clock,
    logger: parts.logger,
    metrics: parts.metrics,
    policy: parts.policy,
  });
}
