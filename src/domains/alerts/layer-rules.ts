// ALERT_LAYER_RULES: which layer (infrastructure, platform, application) an alert belongs to,
// read from its labels. `job=node:infrastructure,job=~(mysqld?|redis):platform` — label,
// operator (= != =~ !~ as in Alertmanager's matchers; regexes are anchored), value, then the
// layer after the last colon. The first rule that matches wins.
import { LAYERS, type Layer } from '../../../models/alerts/alert.js';

export interface LayerRule {
  label: string;
  op: '=' | '!=' | '=~' | '!~';
  value: string;
  layer: Layer;
}

/** The usual exporters: hosts, network and probes are infrastructure; databases, queues, web servers and JVMs are platform. */
export const DEFAULT_LAYER_RULES =
  'job=~(node|windows|snmp|blackbox|ipmi)([_-]exporter)?:infrastructure,' +
  'job=~(mysqld?|postgres(ql)?|redis|kafka|nginx|jvm|jmx|mongodb|elasticsearch|rabbitmq)([_-]exporter)?:platform';

const RULE = /^([A-Za-z_][A-Za-z0-9_]*)\s*(=~|!~|!=|=)(.*):\s*([a-z]+)$/;

/** The rules, or null when a rule cannot be read (an unknown layer, a regex that does not compile). */
export function parseLayerRules(text: string): LayerRule[] | null {
  const rules: LayerRule[] = [];
  // A comma splits rules only where a new `label=` follows, so a regex may hold `{2,3}`.
  for (const part of text.split(/,(?=\s*[A-Za-z_][A-Za-z0-9_]*\s*[=!])/)) {
    if (part.trim() === '') continue;
    const match = RULE.exec(part.trim());
    if (!match) return null;
    const [, label, op, value, layer] = match as unknown as [string, string, LayerRule['op'], string, string];
    if (!(LAYERS as readonly string[]).includes(layer)) return null;
    if (op.endsWith('~') && !compiles(value)) return null;
    rules.push({ label, op, value: value.trim(), layer: layer as Layer });
  }
  return rules;
}

function compiles(pattern: string): boolean {
  try {
    new RegExp(`^(?:${pattern})$`);
    return true;
  } catch {
    return false;
  }
}
