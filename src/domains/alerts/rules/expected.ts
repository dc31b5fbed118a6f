// Alerts that are expected (issue 14, "During an in-progress window, alerts whose system label
// matches are marked ... and do not escalate or page"): the domains built after alerts (upgrades)
// say which system is in a maintenance window at an instant, and the flush asks before it speaks.
// Alerts never import those domains; they register here at build time.

/** The window `system` is in at `at` (an upgrade's id, `UPG-3`), or undefined. */
export type ExpectedLookup = (system: string, at: Date) => Promise<{ id: string } | undefined>;

/** The lookups registered; the first that knows a window answers. */
export class ExpectedWindows {
  private readonly lookups: ExpectedLookup[] = [];

  add(lookup: ExpectedLookup): void {
    this.lookups.push(lookup);
  }

  /** The id of the window `system` is in at `at`, or null (no system, no window, nobody registered). */
  async during(system: string | undefined, at: Date): Promise<string | null> {
    if (!system) return null;
    for (const lookup of this.lookups) {
      const found = await lookup(system, at);
      if (found) return found.id;
    }
    return null;
  }
}
