// What a handover card lists (issue 17): each kind of open work comes from one source, so a domain
// built later adds its own without touching the card (the upgrades domain's maintenance windows are
// added in module.ts from `services.upgrades.windowsBetween(from, to)`).
import type { DutyTeam } from '../../../../models/duty/roster.js';

/** One line of open work, already in plain words (ids, titles, states the team reads as they are). */
export interface HandoverItem {
  id: string;
  text: string;
}

/** One kind of open work for a team over the shift handed over (`[from, to)`). */
export interface HandoverItemSource {
  /** The key under `duty.handover.items.*` that titles its lines. */
  kind: string;
  list(team: DutyTeam, from: Date, to: Date): Promise<HandoverItem[]>;
}

/** One kind's lines on a card; `failed` when its source could not be read (the card says so). */
export interface HandoverItemGroup {
  kind: string;
  items: HandoverItem[];
  failed?: boolean;
}

/**
 * The lines of every source, by kind. A source that fails is marked `failed` rather than stopping
 * the handover: the card must still go out, and must not claim there is nothing.
 */
export async function gatherItems(
  sources: readonly HandoverItemSource[],
  team: DutyTeam,
  from: Date,
  to: Date,
): Promise<HandoverItemGroup[]> {
  const found: HandoverItemGroup[] = [];
  for (const source of sources) {
    try {
      found.push({ kind: source.kind, items: await source.list(team, from, to) });
    } catch {
      found.push({ kind: source.kind, items: [], failed: true });
    }
  }
  return found;
}
