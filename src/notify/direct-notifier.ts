// Says things at once through each platform's adapter: the first showCard posts and remembers
// the message, later ones edit it; thread lines go under it. (The outbox, which stores first
// and survives restarts and rate limits, replaces this.)
import type { Logger } from 'pino';
import type { ChatAdapter } from '../chat/adapter.js';
import type { Message } from '../chat/card.js';
import type { ChannelKind } from '../chat/commands.js';
import type { CardRefModel } from '../../models/card-ref.js';
import type { ChannelDirectory } from '../services/channel-directory.js';
import type { Notifier } from './notifier.js';

export class DirectNotifier implements Notifier {
  constructor(
    private readonly adapters: readonly ChatAdapter[],
    private readonly channels: ChannelDirectory,
    private readonly refs: CardRefModel,
    private readonly logger: Logger,
  ) {}

  async showCard(kind: ChannelKind, subject: string, message: Message): Promise<void> {
    await this.each(kind, async (adapter, channelId) => {
      const _id = `${adapter.platform}:${subject}`;
      const ref = await this.refs.findById(_id).lean();
      if (ref) {
        await adapter.edit({ platform: adapter.platform, channelId: ref.channelId, messageId: ref.messageId }, message);
        return;
      }
      const posted = await adapter.post(channelId, message);
      await this.refs.create({
        _id,
        platform: adapter.platform,
        subject,
        channelId: posted.channelId,
        messageId: posted.messageId,
      });
    });
  }

  async addToThread(kind: ChannelKind, subject: string, message: Message): Promise<void> {
    await this.each(kind, async (adapter, channelId) => {
      const ref = await this.refs.findById(`${adapter.platform}:${subject}`).lean();
      if (ref) await adapter.post(ref.channelId, message, { threadOf: ref.messageId });
      else await adapter.post(channelId, message);
    });
  }

  private async each(kind: ChannelKind, send: (adapter: ChatAdapter, channelId: string) => Promise<void>) {
    for (const adapter of this.adapters) {
      const channelId = await this.channels.channelFor(adapter.platform, kind);
      if (!channelId) continue;
      await send(adapter, channelId).catch((error: unknown) =>
        this.logger.error({ err: error, platform: adapter.platform, kind }, 'could not notify the channel'),
      );
    }
  }
}
