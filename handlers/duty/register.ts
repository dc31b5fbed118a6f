// `/duty`: now, week, set, override, import, export, phone, handovers; and the handover card's
// buttons (take over, add a note). Parse, check the role, call the rules, answer privately.
import type { BaseContext, CommandContext } from '../../src/chat/context.js';
import { readCardValue } from '../../src/chat/card-value.js';
import type { Router } from '../../src/chat/router.js';
import { dispatchSubcommand } from '../../src/chat/subcommands.js';
import { UserError } from '../../src/chat/user-error.js';
import { requireUserRef } from '../../src/chat/preconditions.js';
import type { Clock } from '../../src/kernel/clock.js';
import { localDay, periodOf } from '../../src/kernel/calendar.js';
import { DUTY_TEAMS, type DutyTeam } from '../../models/duty/roster.js';
import {
  handoverListMessage,
  handoverMessage,
  NOTE_ACTION,
  TAKEOVER_ACTION,
} from '../../src/domains/duty/cards/handover.js';
import { dutyNowMessage } from '../../src/domains/duty/cards/now.js';
import { dutyWeekMessage } from '../../src/domains/duty/cards/week.js';
import { teamName } from '../../src/domains/duty/cards/words.js';
import type { DutyDesk } from '../../src/domains/duty/rules/duty-desk.js';
import type { Handovers } from '../../src/domains/duty/rules/handovers.js';
import type { Phones } from '../../src/domains/duty/rules/phones.js';
import { RosterImportError, type Rosters } from '../../src/domains/duty/rules/rosters.js';
import type { Swaps } from '../../src/domains/duty/rules/swaps.js';
import { SWAP_ACCEPT, SWAP_DECLINE, swapMessage } from '../../src/domains/duty/cards/swap.js';
import { parseLocalDay } from '../../src/kernel/calendar.js';
import { shiftsBetween } from '../../src/domains/duty/rules/schedule.js';
import { parsePeriod, parseSetWords, requireLocalTime, requireTeam, typedRows } from './input.js';
import { parseUserRef } from '../../src/chat/mentions.js';
import { formatTime } from '../../src/chat/time.js';
import { problemLines } from '../../src/domains/duty/cards/import-result.js';
import type { RowProblem } from '../../src/domains/duty/rules/roster-check.js';
import type { Translate } from '../../src/kernel/i18n.js';

/** What `/duty` and its buttons work with: the duty rules, the clock and zone, and Zhiban's address. */
export interface DutyHandlerDeps {
  rosters: Rosters;
  desk: DutyDesk;
  handovers: Handovers;
  swaps: Swaps;
  phones: Phones;
  clock: Clock;
  timezone: string;
  /** Zhiban's HTTP address, for the import and export paths; undefined before it listens. */
  httpUrl(): string | undefined;
}

const NOTE_FORM = 'duty.note';
/** Bad rows listed in a chat answer at most; the rest are counted, so the answer fits every platform. */
const PROBLEMS_SHOWN = 20;

/** The first bad rows, one line each, and how many more there are. */
function shownProblems(t: Translate, problems: readonly RowProblem[]): string[] {
  const lines = problemLines(t, problems.slice(0, PROBLEMS_SHOWN));
  const more = problems.length - PROBLEMS_SHOWN;
  return more > 0 ? [...lines, t('duty.import.more', { count: more })] : lines;
}
const MAX_NOTE = 1000;

/** Registers `/duty`, the handover buttons (take over, note) and the swap buttons on the router. */
export function registerDuty(router: Router, deps: DutyHandlerDeps): void {
  const zone = deps.timezone;
  const who = (ctx: BaseContext) => ({ key: ctx.actorKey, via: ctx.actor.platform });
  const teamsOf = async (typed: string | undefined): Promise<DutyTeam[]> =>
    typed ? [requireTeam(typed)] : (await deps.rosters.all()).map((r) => r._id);

  const now = async (c: CommandContext, [team]: string[]) => {
    await c.authorize('duty.view');
    const at = deps.clock.now();
    const teams = await teamsOf(team);
    const rows = await Promise.all(teams.map(async (t) => ({ team: t, now: await deps.desk.at(t, at) })));
    await c.replyPrivate(dutyNowMessage(c.t, rows, at, zone));
  };

  const address = (path: string) => `${deps.httpUrl() ?? ''}${path}`;

  router.command('duty', (ctx) =>
    dispatchSubcommand(
      ctx,
      ctx.args,
      {
        now,
        week: async (c, [team]) => {
          await c.authorize('duty.view');
          const week = periodOf('week', deps.clock.now(), zone);
          const teams = await teamsOf(team);
          const rows = [];
          for (const t of teams) {
            const roster = await deps.rosters.get(t);
            rows.push({ team: t, shifts: roster ? shiftsBetween(roster, week.start, week.end, zone) : [] });
          }
          await c.replyPrivate(dutyWeekMessage(c.t, rows, week, zone));
        },
        set: async (c, [team, ...words]) => {
          await c.authorize('duty.set');
          const which = requireTeam(team);
          const { people, options } = parseSetWords(words, localDay(deps.clock.now(), zone), zone);
          const keys = people.map((p) => requireUserRef(c, p, 'duty'));
          await deps.rosters.setRotation(which, { people: keys, ...options }, who(c));
          await c.replyPrivate({
            text: c.t('duty.set_done', {
              team: teamName(c.t, which),
              people: keys.join(', '),
              days: options.shiftDays,
              from: options.fromDay,
            }),
          });
        },
        override: async (c, [team, user, from, to]) => {
          await c.authorize('duty.override');
          const which = requireTeam(team);
          const person = requireUserRef(c, user, 'duty');
          const start = requireLocalTime(from, zone);
          const end = requireLocalTime(to, zone);
          await deps.rosters.override(which, person, start, end, who(c));
          await c.replyPrivate({
            text: c.t('duty.override_done', { team: teamName(c.t, which), person, from, to }),
          });
        },
        swap: async (c, [team, day, user]) => {
          await c.authorize('duty.view');
          const which = requireTeam(team);
          if (!day || !parseLocalDay(day, zone))
            throw new UserError('duty.errors.bad_day', { value: (day ?? '').slice(0, 20) }, 'duty');
          const to = requireUserRef(c, user, 'duty');
          const swap = await deps.swaps.ask(which, day, to, who(c));
          await c.replyPrivate({ text: c.t('duty.swap.asked_you', { id: swap._id, to }) });
        },
        import: async (c, [team, ...words]) => {
          await c.authorize('duty.import');
          const which = team ? requireTeam(team) : 'sysops';
          if (words.length === 0) {
            await c.replyPrivate({
              text: c.t('duty.import.how', { url: address(`/duty/${which}.xlsx`), team: which }),
            });
            return;
          }
          const rows = typedRows(words, (typed) => parseUserRef(typed, c.actor.platform));
          try {
            const shifts = await deps.rosters.importRows(which, rows, who(c));
            await c.replyPrivate({
              text: c.t('duty.import.typed_done', {
                team: teamName(c.t, which),
                count: shifts.length,
                from: formatTime(shifts[0]!.start, zone),
                to: formatTime(shifts[shifts.length - 1]!.end, zone),
              }),
            });
          } catch (error) {
            if (!(error instanceof RosterImportError)) throw error;
            await c.replyPrivate({
              text: [c.t('duty.import.typed_refused'), ...shownProblems(c.t, error.problems)].join('\n'),
              refusal: true,
            });
          }
        },
        export: async (c, [team]) => {
          await c.authorize('duty.view');
          const which = team ? requireTeam(team) : 'sysops';
          await c.replyPrivate({
            text: c.t('duty.export.how', {
              xlsx: address(`/duty/${which}.xlsx`),
              csv: address(`/duty/${which}.csv`),
              ics: address(`/duty/${which}.ics`),
              week: address('/duty/week.html'),
            }),
          });
        },
        phone: async (c, words) => {
          await c.authorize('duty.phone');
          if (!deps.phones.enabled) throw new UserError('duty.errors.phones_off');
          if (words.length === 0) {
            const masked = await deps.phones.masked(c.actorKey);
            await c.replyPrivate({ text: masked ? c.t('duty.phone.yours', { masked }) : c.t('duty.phone.none') });
            return;
          }
          const [first, second] = words;
          const forOther = words.length >= 2;
          if (forOther) await c.authorize('duty.phone_other');
          const person = forOther ? requireUserRef(c, first, 'duty') : c.actorKey;
          const masked = await deps.phones.set(person, (forOther ? second : first) ?? '', who(c));
          await c.replyPrivate({ text: c.t('duty.phone.saved', { person, masked }) });
        },
        handovers: async (c, words) => {
          await c.authorize('duty.view');
          const teamWord = words.find((w) => (DUTY_TEAMS as readonly string[]).includes(w.toLowerCase()));
          const { unit, offset } = parsePeriod(words);
          const period = periodOf(unit, deps.clock.now(), zone, offset);
          const list = await deps.handovers.list(teamWord as DutyTeam | undefined, period.start, period.end);
          await c.replyPrivate(handoverListMessage(c.t, list, period.label, zone));
        },
      },
      { name: 'duty', usage: 'duty', whenEmpty: (c) => now(c, []) },
    ),
  );

  router.action(TAKEOVER_ACTION, async (ctx) => {
    const { id, version } = readCardValue(ctx.value);
    const taken = await deps.handovers.takeOver(id, who(ctx), version);
    await ctx.update((t) => handoverMessage(t, taken, zone));
  });

  for (const [actionId, accept] of [
    [SWAP_ACCEPT, true],
    [SWAP_DECLINE, false],
  ] as const) {
    router.action(actionId, async (ctx) => {
      const { id } = readCardValue(ctx.value);
      const swap = await deps.swaps.decide(id, accept, who(ctx));
      await ctx.update((t) => swapMessage(t, swap, zone));
    });
  }

  router.action(NOTE_ACTION, async (ctx) => {
    const { id } = readCardValue(ctx.value);
    const handover = await deps.handovers.get(id);
    await ctx.openForm({
      id: NOTE_FORM,
      title: ctx.t('duty.handover.note_title', { id: handover.shortId }),
      submitLabel: ctx.t('duty.handover.note_submit'),
      privateValue: handover.shortId,
      inputs: [
        { id: 'note', label: ctx.t('duty.handover.note'), kind: 'paragraph', required: true, maxLength: MAX_NOTE },
      ],
    });
  });

  router.form(NOTE_FORM, async (ctx) => {
    const note = (ctx.values.note ?? '').trim();
    if (!note) throw new UserError('duty.errors.empty_note');
    if (note.length > MAX_NOTE) throw new UserError('errors.too_long', { max: MAX_NOTE });
    const handover = await deps.handovers.addNote(ctx.privateValue ?? '', note, who(ctx));
    await ctx.replyPrivate({ text: ctx.t('duty.handover.note_saved', { id: handover.shortId }) });
  });
}
