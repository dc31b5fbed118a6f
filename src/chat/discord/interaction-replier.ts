// Answers one Discord interaction within its 3-second window, whatever the handler takes:
// the first answer is the interaction's response; a slow handler is deferred in time.
import {
  MessageFlags,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  type ModalSubmitInteraction,
} from 'discord.js';
import type { Message } from '../card.js';
import type { Replier } from '../context.js';
import type { Form } from '../form.js';
import { UserError } from '../user-error.js';
import { toDiscordMessage } from './components.js';
import { toDiscordModal } from './modal.js';

type Answerable = ChatInputCommandInteraction | ButtonInteraction | ModalSubmitInteraction;

/** Discord allows 3 s; defer a little before that. */
export const DEFER_AFTER_MS = 2000;

export class InteractionReplier implements Replier {
  private timer: NodeJS.Timeout | undefined;
  private deferral: Promise<unknown> | undefined;

  constructor(private readonly interaction: Answerable) {
    this.timer = setTimeout(() => {
      if (this.interaction.replied || this.interaction.deferred) return;
      // A click is deferred as an update (the card may change); a command as a private reply.
      this.deferral = this.interaction.isButton()
        ? this.interaction.deferUpdate()
        : this.interaction.deferReply({ flags: MessageFlags.Ephemeral });
    }, DEFER_AFTER_MS);
  }

  done(): void {
    clearTimeout(this.timer);
  }

  async reply(message: Message): Promise<void> {
    await this.send(message, false);
  }

  async replyPrivate(message: Message): Promise<void> {
    await this.send(message, true);
  }

  async update(message: Message): Promise<void> {
    await this.settle();
    const payload = toDiscordMessage(message);
    const i = this.interaction;
    if (i.isButton() || (i.isModalSubmit() && i.isFromMessage())) {
      if (!i.replied && !i.deferred) await i.update(payload);
      else await i.editReply(payload);
      return;
    }
    await this.send(message, false);
  }

  async openForm(form: Form): Promise<void> {
    await this.settle();
    const i = this.interaction;
    if (i.isModalSubmit() || i.replied || i.deferred) throw new UserError('errors.form_unavailable');
    clearTimeout(this.timer);
    await i.showModal(toDiscordModal(form));
  }

  private async send(message: Message, ephemeral: boolean): Promise<void> {
    await this.settle();
    const i = this.interaction;
    const payload = { ...toDiscordMessage(message), ...(ephemeral ? { flags: MessageFlags.Ephemeral as const } : {}) };
    if (!i.replied && !i.deferred) {
      clearTimeout(this.timer);
      await i.reply(payload);
    } else if (i.deferred && !i.replied && !i.isButton() && ephemeral) {
      // The deferred private "thinking…" message becomes the answer.
      await i.editReply(toDiscordMessage(message));
    } else {
      await i.followUp(payload);
      if (i.deferred && !i.replied && !i.isButton()) await i.deleteReply().catch(() => undefined);
    }
  }

  private async settle(): Promise<void> {
    if (this.deferral) await this.deferral;
  }
}
