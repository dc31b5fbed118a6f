// The commands whose domain is not built yet answer, privately, that they are coming and what works today.
import type { Router } from '../src/chat/router.js';

/** Registers a placeholder for every command of the router's catalog that no domain registered. */
export function registerComingSoon(router: Router): void {
  const names = router.catalog.map((command) => command.name);
  for (const name of names) {
    if (router.isAvailable(name)) continue;
    router.command(
      name,
      async (ctx) => {
        const available = names
          .filter((n) => router.isAvailable(n))
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
