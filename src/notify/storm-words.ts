// What the outbox itself says about a storm, whatever the channel's domain: the plain digest card,
// its last state once the storm is over, and the line that stands for a thread's held lines.
import type { Message } from '../chat/card.js';
import type { Translate } from '../kernel/i18n.js';
import type { StormCounts, StormWords } from './storm-digest.js';
import { formatTime } from '../chat/time.js';

export function stormWords(t: Translate, zone: string): StormWords {
  return {
    digest(counts: StormCounts): Message {
      const title = t('storm.digest.title', { held: counts.held, subjects: counts.subjects });
      return {
        text: title,
        cards: [
          {
            title,
            text: t('storm.digest.text'),
            tone: 'major',
            fields: [{ label: t('storm.field.since'), value: formatTime(counts.since, zone), short: true }],
          },
        ],
      };
    },
    over(counts): Message {
      const title = t('storm.over.title');
      const text = t('storm.over.text', {
        since: formatTime(counts.since, zone),
        until: formatTime(counts.until, zone),
        held: counts.held,
        subjects: counts.subjects,
      });
      return { text: `${title} — ${text}`, cards: [{ title, text, tone: 'success' }] };
    },
    missed(count: number): Message {
      return { text: t('storm.missed', { count }) };
    },
  };
}
