// `/ops link` gives a one-time code; `/ops link <code>` on another platform links the two identities.
import type { CommandContext } from '../../src/chat/context.js';
import { UserError } from '../../src/chat/user-error.js';
import { LINK_CODE_TTL_MS, type IdentityLinks } from '../../src/domains/ops/rules/identity-links.js';
import type { UserDirectory } from '../../src/domains/ops/rules/user-directory.js';

export interface LinkCommandServices {
  users: UserDirectory;
  links: IdentityLinks;
}

const MINUTES = LINK_CODE_TTL_MS / 60_000;

export async function linkCommand(ctx: CommandContext, [typed]: string[], services: LinkCommandServices) {
  const via = ctx.actor.platform;
  if (typed !== undefined) {
    const result = await services.links.redeem(typed, ctx.actorKey, via);
    if (result.outcome === 'refused') {
      throw new UserError(`link.errors.${result.reason}`, { minutes: MINUTES }, 'ops_link');
    }
    const identities = result.members.join(', ');
    await ctx.replyPrivate({ text: ctx.t(`link.${result.outcome}`, { identities }) });
    return;
  }
  // Also when already linked: the code lets a third identity (the web console) join the same person.
  const group = await services.users.group(ctx.actorKey);
  const { code } = await services.links.issue(ctx.actorKey, via);
  const text = ctx.t('link.code', { code, minutes: MINUTES });
  const current =
    group.members.length > 1
      ? ctx.t('link.current', { identities: group.members.map((m) => m.key).join(', ') })
      : undefined;
  await ctx.replyPrivate({
    text: current ? `${current}\n${text}` : text,
    cards: [{ title: ctx.t('link.title'), text: current ? `${current}\n\n${text}` : text, tone: 'info' }],
  });
}
