// What the duty domain says unasked: the handover card in the team's home channel (the
// announcements channel) and privately to the outgoing and incoming people, the card kept current
// when taken over, reminders to the secondary and pm when nobody takes over, and the alarm of a
// page that found nobody on duty.
import type { Handover } from '../../../models/duty/handover.js';
import type { Incident } from '../../../models/incidents/incident.js';
import type { Notifier } from '../../notify/notifier.js';
import { handoverMessage, handoverOverdueMessage } from './cards/handover.js';
import { teamName } from './cards/words.js';
import type { DutySwap } from '../../../models/duty/swap.js';
import { swapMessage } from './cards/swap.js';
import type { HandoverObserver } from './rules/handovers.js';
import type { SwapObserver } from './rules/swaps.js';

/** The outbox subject of a handover's card in the announcements channel. */
export function handoverSubject(handover: Handover): string {
  return `duty-handover:${handover.shortId}`;
}

/** Says the duty domain's news through the outbox notifier, as wording in each reader's language. */
export class DutyAnnouncer implements HandoverObserver, SwapObserver {
  constructor(
    private readonly notifier: Notifier,
    private readonly zone: string,
    /** pm and admins: told when nobody takes over, or nobody is on duty. */
    private readonly overseers: () => Promise<string[]>,
  ) {}

  async opened(handover: Handover): Promise<void> {
    const card = (t: Parameters<typeof handoverMessage>[0]) => handoverMessage(t, handover, this.zone);
    await this.notifier.showCard('announcements', handoverSubject(handover), card);
    await this.notifier.tellPerson(handover.incoming, `${handoverSubject(handover)}:incoming`, card);
    if (handover.outgoing) {
      await this.notifier.tellPerson(handover.outgoing, `${handoverSubject(handover)}:outgoing`, card);
    }
  }

  async taken(handover: Handover): Promise<void> {
    await this.notifier.showCard('announcements', handoverSubject(handover), (t) =>
      handoverMessage(t, handover, this.zone),
    );
    if (handover.outgoing) {
      await this.notifier.tellPerson(handover.outgoing, `${handoverSubject(handover)}:taken`, (t) => ({
        text: t('duty.handover.taken_told', { id: handover.shortId, incoming: handover.incoming }),
      }));
    }
  }

  async noted(handover: Handover): Promise<void> {
    await this.notifier.showCard('announcements', handoverSubject(handover), (t) =>
      handoverMessage(t, handover, this.zone),
    );
  }

  async overdue(handover: Handover): Promise<void> {
    const wording = (t: Parameters<typeof handoverMessage>[0]) => handoverOverdueMessage(t, handover, this.zone);
    await this.notifier.addToThread('announcements', handoverSubject(handover), (t) => ({
      text: handoverOverdueMessage(t, handover, this.zone).text,
    }));
    const told = new Set([...(handover.secondary ? [handover.secondary] : []), ...(await this.overseers())]);
    for (const person of told) {
      await this.notifier.tellPerson(person, `${handoverSubject(handover)}:overdue:${person}`, wording);
    }
  }

  /** A swap asked: the asked person gets the card with its buttons; decided: the asker is told. */
  async swapChanged(swap: DutySwap): Promise<void> {
    const card = (t: Parameters<typeof swapMessage>[0]) => swapMessage(t, swap, this.zone);
    if (swap.state === 'asked') {
      await this.notifier.tellPerson(swap.to, `duty-swap:${swap._id}:${swap.version}`, card);
    } else {
      await this.notifier.tellPerson(swap.from, `duty-swap:${swap._id}:${swap.state}`, card);
    }
  }

  /** A page found nobody on duty for `team`: pm and admins are told, each once per incident or alert group. */
  async nobodyOnDuty(team: string, incident: Pick<Incident, 'shortId' | 'title'>): Promise<void> {
    for (const person of await this.overseers()) {
      await this.notifier.tellPerson(person, `duty-nobody:${incident.shortId}:${person}`, (t) => ({
        text: t('duty.nobody_on_duty', { team: teamName(t, team), id: incident.shortId, title: incident.title }),
      }));
    }
  }
}
