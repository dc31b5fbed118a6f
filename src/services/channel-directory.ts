// Which channel, on each platform, is the home of each kind of message (`/ops channel set`).
import type { Clock } from '../clock.js';
import type { Platform } from '../chat/actor.js';
import type { ChannelKind } from '../chat/commands.js';
import type { ChannelBinding, ChannelBindingModel } from '../../models/channel-binding.js';
import type { AuditTrail } from './audit-trail.js';

export interface ChannelTarget {
  platform: Platform;
  channelId: string;
  channelName?: string | undefined;
}

export class ChannelDirectory {
  constructor(
    private readonly bindings: ChannelBindingModel,
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
  ) {}

  /** Makes `target` the home of `kind` on its platform; returns the channel it replaces, if any. */
  async bind(kind: ChannelKind, target: ChannelTarget, by: string): Promise<string | undefined> {
    const before = await this.bindings
      .findOneAndUpdate(
        { platform: target.platform, kind },
        {
          $set: {
            channelId: target.channelId,
            channelName: target.channelName,
            setBy: by,
            setAt: this.clock.now(),
          },
        },
        { upsert: true, returnDocument: 'before' },
      )
      .lean<ChannelBinding | null>();
    await this.audit.record({
      actor: by,
      action: 'channel.bind',
      objectType: 'channel_binding',
      objectId: `${target.platform}:${kind}`,
      before: before ? { channelId: before.channelId } : null,
      after: { channelId: target.channelId },
      outcome: 'done',
      via: target.platform,
    });
    return before?.channelId === target.channelId ? undefined : (before?.channelId ?? undefined);
  }

  async list(platform: Platform): Promise<ChannelBinding[]> {
    return this.bindings.find({ platform }).sort({ kind: 1 }).lean<ChannelBinding[]>();
  }

  async channelFor(platform: Platform, kind: ChannelKind): Promise<string | undefined> {
    const found = await this.bindings.findOne({ platform, kind }).lean<ChannelBinding | null>();
    return found?.channelId;
  }
}
