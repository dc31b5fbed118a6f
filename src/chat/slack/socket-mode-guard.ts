// Keeps Zhiban alive and connected in Socket Mode where @slack/socket-mode 3.1 would not, found by
// test/e2e/ops/slack-socket-mode.test.ts:
// - its message listener is async and reads fields unchecked (`event.type` of a `null` message,
//   `payload.event.type` of an events_api envelope without its event), and the receiver's listener
//   acknowledges on a socket that may have closed: either rejection, unhandled, ends the process;
// - a reconnection whose `apps.connections.open` fails (Slack unreachable, a 5xx) rejects with no
//   one listening: the process ends, or, with the rejection caught, never tries again.
import type { SocketModeReceiver } from '@slack/bolt';
import type { Logger } from 'pino';

type SocketModeClient = SocketModeReceiver['client'];
type Listener = (...args: unknown[]) => unknown;

/** The client's events whose listeners are async and must not reject unseen. */
const GUARDED_EVENTS = ['ws_message', 'slack_event'] as const;

/**
 * Wraps the listeners `client` has now (SocketModeClient's own and SocketModeReceiver's, so call it
 * after both are built) so that a failure is logged and the message dropped, and makes a failed
 * reconnection schedule another one (the client's own delay: 5 s times the failures in a row). The
 * first start's failure still reaches its caller: a token Slack refuses must fail Zhiban's start.
 */
export function guardSocketMode(client: SocketModeClient, logger: Logger): void {
  for (const event of GUARDED_EVENTS) {
    const listeners = client.listeners(event) as Listener[];
    client.removeAllListeners(event);
    for (const listener of listeners) {
      client.on(event, (...args: unknown[]) => {
        try {
          void Promise.resolve(listener.apply(client, args)).catch((error: unknown) => dropped(logger, event, error));
        } catch (error) {
          dropped(logger, event, error);
        }
      });
    }
  }

  const start = client.start.bind(client);
  let startedOnce = false;
  // The client reconnects by calling `this.start` after its delay; this is what it finds.
  client.start = async () => {
    try {
      const connected = await start();
      startedOnce = true;
      return connected;
    } catch (error) {
      if (!startedOnce) throw error;
      logger.error({ error: errorText(error) }, 'slack: Socket Mode could not reconnect; trying again');
      // The client's own 'close' handler schedules the next attempt, each one waiting longer (none
      // once Zhiban's stop has begun: disconnect() marks the client as shutting down).
      client.emit('close');
      return undefined as unknown as Awaited<ReturnType<SocketModeClient['start']>>;
    }
  };
}

function dropped(logger: Logger, event: string, error: unknown): void {
  logger.warn({ event, error: errorText(error) }, 'slack: a Socket Mode message could not be handled; dropped');
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
