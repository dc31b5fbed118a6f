// A swap asked for: the card the asked person accepts or declines from, and what the asker is told.
import type { Message } from '../../../chat/card.js';
import { cardValue } from '../../../chat/card-value.js';
import { formatTime } from '../../../chat/time.js';
import type { Translate } from '../../../kernel/i18n.js';
import type { DutySwap } from '../../../../models/duty/swap.js';
import { teamName } from './words.js';

export const SWAP_ACCEPT = 'duty.swap_accept';
export const SWAP_DECLINE = 'duty.swap_decline';

/** A swap request as a card: asked (with accept and decline, value `SW-3~<version>`) or decided. */
export function swapMessage(t: Translate, swap: DutySwap, zone: string): Message {
  const params = {
    id: swap._id,
    from: swap.from,
    to: swap.to,
    team: teamName(t, swap.team),
    start: formatTime(swap.start, zone),
    end: formatTime(swap.end, zone),
  };
  const title = t('duty.swap.title', params);
  const text = t(`duty.swap.${swap.state}`, params);
  const value = cardValue(swap._id, swap.version);
  return {
    text: `${title}\n${text}`,
    cards: [
      {
        title,
        text,
        tone: swap.state === 'asked' ? 'info' : swap.state === 'accepted' ? 'success' : 'neutral',
        ...(swap.state === 'asked'
          ? {
              buttons: [
                { actionId: SWAP_ACCEPT, value, label: t('duty.swap.accept'), style: 'primary' as const },
                { actionId: SWAP_DECLINE, value, label: t('duty.swap.decline') },
              ],
            }
          : {}),
      },
    ],
  };
}
