// The areas not built yet answer, privately, that they are coming and what works today.
import { COMMAND_NAMES } from '../src/chat/commands.js';
import type { Router } from '../src/chat/router.js';

export function registerComingSoon(router: Router): void {
  for (const name of COMMAND_NAMES) {
    if (router.isAvailable(name)) continue;
    router.command(
      name,
      async (ctx) => {
        const available = COMMAND_NAMES.filter((n) => router.isAvailable(n))
          .map((n) => `/${n}`)
          .join(', ');
        const title = ctx.t('coming.title', { command: name });
        const text = ctx.t('coming.text', { description: ctx.t(`commands.${name}`), available });
        await ctx.replyPrivate({ text: `${title}\n${text}`, cards: [{ title, text, tone: 'info' }] });
      },
      { placeholder: true },
    );
  }
}
