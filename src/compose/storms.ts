// Puts the outbox's storm handling together (issue 4, "Storms and rate limits"): the outbox holds
// and releases; each channel kind's digest card comes from the domain that owns the kind (the
// alerts channel's from the alerts domain), any other in the outbox's own words. app.ts gives it to
// the notifier and the sender.
import type { Logger } from 'pino';
import type { Models } from '../../models/index.js';
import type { ChannelKind } from '../chat/commands.js';
import type { StormDigest } from '../domains/module.js';
import type { Clock } from '../kernel/clock.js';
import { OutboxStorms } from '../notify/outbox-storms.js';
import type { OutboxPolicyOverrides } from '../notify/outbox-policy.js';
import { stormWords } from '../notify/storm-words.js';
import type { ChannelSpeech } from '../chat/wording.js';
import type { Metrics } from '../observability/metrics.js';

export interface StormParts {
  models: Models;
  /** The domains' digests by channel kind; read when a digest is drawn, so it may be filled after. */
  digests: ReadonlyMap<ChannelKind, StormDigest>;
  /** Puts the digest card and thread lines into each channel's language. */
  speech: ChannelSpeech;
  timezone: string;
  clock: Clock;
  logger: Logger;
  metrics: Metrics;
  policy?: OutboxPolicyOverrides;
}

export function composeStorms(parts: StormParts): OutboxStorms {
  const { models, speech, timezone, clock, digests } = parts;
  return new OutboxStorms({
    outbox: models.OutboxMessage,
    storms: models.OutboxStorm,
    refs: models.MessageRef,
    digest: async (kind, held, since) => digests.get(kind)?.(held, since),
    words: stormWords(timezone),
    speech,
    clock,
    logger: parts.logger,
    metrics: parts.metrics,
    policy: parts.policy,
  });
}
