// Completion in the command box: `/inc` → `/incident`, `/incident d` → `declare`.
import type { CommandView } from '../src/chat/web/api-types.js';

export interface Suggestion {
  /** What the box holds once it is taken. */
  text: string;
  label: string;
  description: string;
}

export function suggestions(typed: string, commands: readonly CommandView[]): Suggestion[] {
  const command = /^\/(\S*)$/.exec(typed);
  if (command) {
    const start = command[1]!.toLowerCase();
    return commands
      .filter((c) => c.name.startsWith(start))
      .map((c) => ({ text: `/${c.name} `, label: `/${c.name}`, description: c.description }));
  }
  const sub = /^\/(\S+)\s+(\S*)$/.exec(typed);
  if (sub) {
    const found = commands.find((c) => c.name === sub[1]!.toLowerCase());
    const start = sub[2]!.toLowerCase();
    return (found?.subcommands ?? [])
      .filter((s) => s.name.startsWith(start) && s.name !== start)
      .map((s) => ({ text: `/${found!.name} ${s.name} `, label: s.name, description: s.description }));
  }
  return [];
}
