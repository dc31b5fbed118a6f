// A Zhiban in a process of its own that dies by SIGKILL right after the platforms answered: it
// stores the wishes it is given, and its outbox, once a platform took a message, stores nothing
// about it (neither where the card lives nor that it was sent) and sends no more on that channel;
// after DIE_AFTER such answers the process kills itself, as an OOM killer or a power cut would.
//
// Environment: ZHIBAN_TEST_ENV (JSON, the Zhiban's configuration), ZHIBAN_WISHES (JSON, Wish[]),
// DIE_AFTER (deliveries). Writes one line per delivery to stdout: `delivered <platform> <op> <id>`.
// Run it, never import it (but for its types): importing runs it.
import { writeSync } from 'node:fs';
import type { Message } from '../../src/chat/card.js';
import type { ChannelKind } from '../../src/chat/commands.js';
import type { OutboxMessage } from '../../models/core/outbox-message.js';
import { startZhiban } from './harness.js';

/** What the dying process is asked to say: a card, or a line in a card's thread. */
export interface Wish {
  what: 'card' | 'thread';
  kind: ChannelKind;
  subject: string;
  message: Message;
}

async function main(): Promise<void> {
  const env = JSON.parse(process.env.ZHIBAN_TEST_ENV ?? '{}') as Record<string, string>;
  const wishes = JSON.parse(process.env.ZHIBAN_WISHES ?? '[]') as Wish[];
  const dieAfter = Number(process.env.DIE_AFTER);
  if (!Number.isInteger(dieAfter) || dieAfter < 1) throw new Error('DIE_AFTER must be a positive whole number');
  let delivered = 0;
  const zhiban = await startZhiban(env, {
    outboxFaults: {
      afterPlatformAnswer(item: OutboxMessage): Promise<void> {
        // Synchronous, so the line is out before the kill.
        writeSync(1, `delivered ${item.platform} ${item.op} ${String(item._id)}\n`);
        if (++delivered >= dieAfter) process.kill(process.pid, 'SIGKILL');
        // The lane never goes on: as dead as the process will be.
        return new Promise<void>(() => undefined);
      },
    },
  });
  for (const wish of wishes) {
    if (wish.what === 'card') await zhiban.notifier.showCard(wish.kind, wish.subject, wish.message);
    else await zhiban.notifier.addToThread(wish.kind, wish.subject, wish.message);
  }
  writeSync(1, 'stored\n');
}

main().catch((error: unknown) => {
  writeSync(2, `dying-zhiban failed: ${String(error)}\n`);
  process.exit(2);
});
