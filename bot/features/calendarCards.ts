import type { z } from 'zod';
import type { TurnContext } from 'botbuilder';
import { attachment, renderCard, type CardJson } from '../../cards/render';
import type { Committee } from '../domain/committee';
import { formatMeetingDateTime, londonInstant } from '../domain/londonTime';
import { checkAgreedDates, parseMeetingDates, type AgreedDate, type DateProblem } from '../domain/meetingDates';
import { CalendarBookPayloadSchema } from '../teams/cardPayloads';
import { bookCalendar, type CalendarDeps } from './calendar';
import { clerkshipsOf, speakerOf, type Speaker } from './identify';
import { isRefusal } from './record';
import { verbsAnswering, type BotRoutes, type VerbTable } from '../teams/botRoutes';

const colorOf = (p: DateProblem) => (p.severity === 'error' ? 'Attention' : 'Warning') as 'Attention' | 'Warning';

function previewCard(committee: Committee, dates: AgreedDate[], problems: DateProblem[], now: Date): CardJson {
  const all = [...problems, ...checkAgreedDates(dates, now, committee.notice.holidayRegion)];
  const errors = all.filter((p) => p.severity === 'error');
  const warnings = all.filter((p) => p.severity === 'warning');
  return renderCard('calendar', {
    title: `Meeting dates: ${committee.shortName}`,
    summary: errors.length
      ? 'Some of these dates cannot be booked; correct the text and send it again. Nothing has been booked.'
      : `I read ${dates.length} date${dates.length === 1 ? '' : 's'}. Booking creates each meeting, its Teams meeting with members and officers invited, and puts me in its chat.`,
    rows: dates.map((d) => ({
      line: formatMeetingDateTime(londonInstant(d.date, d.time)),
      detail: '',
      color: 'Default' as const,
    })),
    problems: all.map((p) => ({ message: p.message, color: colorOf(p) })),
    canBook: !errors.length && dates.length > 0,
    bookLabel: warnings.length ? 'Book them anyway' : 'Book these meetings',
    book: { committeeId: committee.id, dates, confirmWarnings: warnings.length > 0 },
  });
}

/**
 * The clerk pastes the "future meeting dates" resolution (or types dates) in chat: Quorum reads the
 * dates and shows them with anything wrong, for one press to book. Nothing is booked from the text alone.
 */
export async function onMeetingDatesText(context: TurnContext, deps: CalendarDeps, speaker: Speaker): Promise<void> {
  const clerked = await clerkshipsOf(context, speaker, 'Only the clerk sets the meeting dates.');
  if (!clerked.length) return;
  const text = context.activity.text ?? '';
  const named = clerked.filter(
    (m) =>
      text.toLowerCase().includes(m.committee.shortName.toLowerCase()) ||
      text.toLowerCase().includes(m.committee.name.toLowerCase()),
  );
  const chosen = named.length === 1 ? named : clerked.length === 1 ? clerked : [];
  if (!chosen[0]) {
    await context.sendActivity(
      `Which committee are these dates for? Start with its short name, e.g. "${clerked[0]?.committee.shortName ?? ''}: future meetings on …".`,
    );
    return;
  }
  const { dates, problems } = parseMeetingDates(text);
  await context.sendActivity({
    attachments: [attachment(previewCard(chosen[0].committee, dates, problems, deps.now()))],
  });
}

export async function onCalendarBook(
  context: TurnContext,
  deps: CalendarDeps,
  d: z.infer<typeof CalendarBookPayloadSchema>,
): Promise<CardJson | string> {
  const speaker = await speakerOf(deps.store, context);
  const m = speaker.memberships.find((x) => x.committee.id === d.committeeId);
  if (!m || !m.roles.includes('clerk')) return 'Only the clerk can book the meetings.';
  const result = await bookCalendar(deps, m.committee, { by: m.person.id, ...d });
  if (isRefusal(result)) return previewCard(m.committee, d.dates, result.problems, deps.now());
  const created = result.bookings.filter((b) => b.status === 'created').length;
  const missing = result.bookings[0]?.notInvited ?? [];
  return renderCard('calendar', {
    title: `Meeting dates: ${m.committee.shortName}`,
    summary: `${created} meeting${created === 1 ? '' : 's'} added${created < result.bookings.length ? `; ${result.bookings.length - created} already in the calendar` : ''}.${missing.length ? ` Not invited (no e-mail address): ${missing.join(', ')}.` : ''}`,
    rows: result.bookings.map((b) => ({
      line: formatMeetingDateTime(b.startsAt),
      detail:
        b.teams === 'booked'
          ? 'Teams meeting booked; I am in its chat.'
          : b.teams === 'already booked'
            ? 'Already booked in Teams.'
            : b.teams,
      color: b.teams === 'booked' || b.teams === 'already booked' ? ('Good' as const) : ('Warning' as const),
    })),
    problems: [],
    canBook: false,
    bookLabel: '',
    book: { committeeId: m.committee.id, dates: [], confirmWarnings: false },
  });
}

const DATES_PHRASE = /(following (meeting )?dates|dates of future meetings|future meeting dates)/i;
const A_DATE =
  /\b\d{1,2}(st|nd|rd|th)? (january|february|march|april|may|june|july|august|september|october|november|december) \d{4}/i;

/**
 * "That future meetings … take place on the following dates …, 29 September 2023, …": the phrase, then
 * a date after it. Two linear searches, not one pattern with a run of anything between (which
 * backtracks quadratically on a long message that repeats the phrase).
 */
function isMeetingDatesText(text: string): boolean {
  const phrase = DATES_PHRASE.exec(text);
  return !!phrase && A_DATE.test(text.slice(phrase.index));
}

const verb = verbsAnswering(
  "Sorry, I couldn't read that card, so nothing has been booked. Paste the dates again for a fresh one.",
);

export const CALENDAR_VERBS: VerbTable<CalendarDeps> = {
  'calendar.book': verb({ payload: CalendarBookPayloadSchema, handle: onCalendarBook }),
};

/** The clerk pastes the year's dates ("That future meetings of the Board take place on the following dates …"). */
export function register(routes: BotRoutes, deps: CalendarDeps): void {
  routes.command(
    async (context) => isMeetingDatesText(context.activity.text ?? ''),
    (c, s) => onMeetingDatesText(c, deps, s),
  );
  routes.verbs(CALENDAR_VERBS, deps);
}
