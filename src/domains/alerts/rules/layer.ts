// Which layer an alert belongs to: its own `layer` label when it names one, otherwise the first
// rule of ALERT_LAYER_RULES that matches its labels, otherwise application.
import { LAYERS, type Layer } from '../../../../models/alerts/alert.js';
import type { LayerRule } from '../layer-rules.js';

type Matcher = (labels: Readonly<Record<string, string>>) => boolean;

export class LayerRules {
  private readonly matchers: Array<{ matches: Matcher; layer: Layer }>;

  constructor(rules: readonly LayerRule[]) {
    this.matchers = rules.map((rule) => ({ matches: matcherOf(rule), layer: rule.layer }));
  }

  layerOf(labels: Readonly<Record<string, string>>): Layer {
    const own = labels.layer?.toLowerCase();
    if (own && (LAYERS as readonly string[]).includes(own)) return own as Layer;
    return this.matchers.find((m) => m.matches(labels))?.layer ?? 'application';
  }
}

// As Alertmanager's matchers: a missing label is the empty string, and regexes match the whole value.
function matcherOf(rule: LayerRule): Matcher {
  const value = (labels: Readonly<Record<string, string>>) => labels[rule.label] ?? '';
  switch (rule.op) {
    case '=':
      return (labels) => value(labels) === rule.value;
    case '!=':
      return (labels) => value(labels) !== rule.value;
    case '=~': {
      const regex = new RegExp(`^(?:${rule.value})$`);
      return (labels) => regex.test(value(labels));
    }
    case '!~': {
      const regex = new RegExp(`^(?:${rule.value})$`);
      return (labels) => !regex.test(value(labels));
    }
  }
}
