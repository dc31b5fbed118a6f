// The alert domain's variables (CONTRACT.md, README "Configuration"): Alertmanager's three grouping
// timers, and the rules that put an alert in a layer (seed 3.1: infrastructure, platform, application).
import { z } from 'zod';
import { duration } from '../../config/schema.js';
import type { ConfigFragment } from '../module.js';
import { DEFAULT_LAYER_RULES, parseLayerRules, type LayerRule } from './layer-rules.js';

export interface AlertConfig {
  /** Milliseconds: group_wait, group_interval, repeat_interval, as in Alertmanager. */
  groupWaitMs: number;
  groupIntervalMs: number;
  repeatIntervalMs: number;
  layerRules: LayerRule[];
}

export const ALERT_CONFIG: ConfigFragment<'alerts'> = {
  section: 'alerts',
  env: {
    ALERT_GROUP_WAIT: duration('30s'),
    ALERT_GROUP_INTERVAL: duration('5m'),
    ALERT_REPEAT_INTERVAL: duration('4h'),
    ALERT_LAYER_RULES: z
      .string()
      .default(DEFAULT_LAYER_RULES)
      .refine(
        (v) => parseLayerRules(v) !== null,
        'must be a comma list of label=value:layer (or !=, =~, !~), layer one of infrastructure, platform, application',
      )
      .transform((v) => parseLayerRules(v)!),
  },
  read: (parsed): AlertConfig => ({
    groupWaitMs: parsed.ALERT_GROUP_WAIT as number,
    groupIntervalMs: parsed.ALERT_GROUP_INTERVAL as number,
    repeatIntervalMs: parsed.ALERT_REPEAT_INTERVAL as number,
    layerRules: parsed.ALERT_LAYER_RULES as LayerRule[],
  }),
};

declare module '../../config/index.js' {
  interface DomainConfig {
    alerts: AlertConfig;
  }
}
