// What the outbox itself says about a storm, whatever the channel's domain: the plain digest card,
// its last state once the storm is over, and the line that stands for a thread's held lines.
import type { StormCounts, StormWords } from './storm-digest.js';
import { formatTime } from '../chat/time.js';

/** The outbox's words about storms, with times in `zone` (an IANA time zone such as TIMEZONE). */
export function stormWords(zone: string): StormWords {
  return {
    digest: (counts: StormCounts) => (t) => {
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
    over: (counts) => (t) => {
      const title = t('storm.over.title');
      const text = t('storm.over.text', {
        since: formatTime(counts.since, zone),
        until: formatTime(counts.until, zone),
        held: counts.held,
        subjects: counts.subjects,
      });
      return { text: `${title} — ${text}`, cards: [{ title, text, tone: 'success' }] };
    },
    missed: (count: number) => (t) => ({ text: t('storm.missed', { count }) }),
  };
}
