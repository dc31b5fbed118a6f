// GET /maintenance.ics (CONTRACT.md): the announced maintenance windows as an iCalendar feed that
// teams subscribe to from their calendar program, written by src/kernel/icalendar.ts (ical.js).
// Guarded by the read-only CALENDAR_TOKEN (`?token=`, or a bearer header), not WEBHOOK_TOKEN.
import { Router } from 'express';
import type { Logger } from 'pino';
import type { Secret } from '../../config/secret.js';
import { requireFeedToken } from '../../http/feed-token.js';
import type { Clock } from '../../kernel/clock.js';
import { writeCalendar, type CalendarEvent } from '../../kernel/icalendar.js';
import type { Translate } from '../../kernel/i18n.js';
import type { Upgrade } from '../../../models/upgrades/upgrade.js';
import { versionLine } from './cards/words.js';
import type { UpgradeWindows } from './rules/windows.js';

export const MAINTENANCE_FEED_PATH = '/maintenance.ics';

export interface MaintenanceFeedDeps {
  windows: Pick<UpgradeWindows, 'announced'>;
  calendarToken: Secret | undefined;
  /** The team's language: a calendar subscription has one reader, the team. */
  teamT: Translate;
  clock: Clock;
  logger: Logger;
}

/** The feed's events: one per window, its UID stable (`UPG-3@zhiban`), its SEQUENCE the upgrade's version. */
export function maintenanceEvents(t: Translate, upgrades: readonly Upgrade[]): CalendarEvent[] {
  return upgrades.map((u) => ({
    uid: `${u._id}@zhiban`,
    start: u.start,
    end: u.end,
    summary: t('upgrade.feed.summary', {
      id: u._id,
      system: u.system,
      version: u.toVersion,
      state: t(`upgrade.state.${u.state}`),
    }),
    description: [
      u.summary,
      t('upgrade.feed.version', { version: versionLine(t, u) }),
      t('upgrade.feed.risk', { risk: t(`upgrade.risk.${u.risk}`) }),
      ...(u.plan.impact ? [t('upgrade.feed.impact', { impact: u.plan.impact })] : []),
      ...(u.plan.rollbackPlan ? [t('upgrade.feed.rollback', { plan: u.plan.rollbackPlan })] : []),
    ].join('\n'),
    status: u.state === 'cancelled' ? 'CANCELLED' : 'CONFIRMED',
    sequence: u.version,
    updatedAt: u.updatedAt,
  }));
}

export function maintenanceFeedRoutes(deps: MaintenanceFeedDeps): Router {
  const router = Router();
  router.get(MAINTENANCE_FEED_PATH, requireFeedToken(deps.calendarToken), async (_req, res) => {
    try {
      const now = deps.clock.now();
      const upgrades = await deps.windows.announced(now);
      const text = writeCalendar(
        { name: deps.teamT('upgrade.feed.name'), events: maintenanceEvents(deps.teamT, upgrades) },
        now,
      );
      res.set({ 'Content-Type': 'text/calendar; charset=utf-8', 'Cache-Control': 'no-store' }).send(text);
    } catch (error) {
      deps.logger.error({ err: error }, 'maintenance feed failed');
      res.status(503).json({ error: 'unavailable', details: ['the maintenance windows could not be read'] });
    }
  });
  return router;
}
