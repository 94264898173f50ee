import { createEvents, type EventAttributes } from 'ics';
import { draftAgenda } from '../domain/agenda';
import type { Committee } from '../domain/committee';
import { formatMeetingDateTime, londonInstant } from '../domain/londonTime';
import { checkAgreedDates, type AgreedDate, type DateProblem } from '../domain/meetingDates';
import type { Meeting } from '../domain/meeting';
import { personById, seatHoldersAndOfficers } from '../domain/roles';
import type { GraphApi, TeamsEvent } from '../graph/graphClient';
import { log } from '../log';
import type { Store } from '../store/store';
import { circulateNotice, papersUrl, type OutboxSender } from './circulation';
import { refuse, type Refusal } from './record';

export interface CalendarDeps {
  store: Store;
  now: () => Date;
  publicUrl: string;
  graph?: GraphApi;
  /** The app's Teams catalogue id: without it Quorum cannot add itself to meeting chats. */
  teamsAppId?: string;
  sender?: OutboxSender;
}

export interface Booking {
  meetingId: string;
  startsAt: string;
  /** created: new in Quorum; existing: already in the calendar (nothing changed). */
  status: 'created' | 'existing';
  /** The Teams meeting: booked, or why not (Graph not configured, a Graph error). */
  teams: 'booked' | 'already booked' | string;
  /** People not invited because Quorum has no e-mail address for them. */
  notInvited: string[];
}

/** A booked meeting's length when it has no recorded end: two hours, as boards usually run. */
const DEFAULT_LENGTH_MS = 120 * 60_000;
const endOf = (m: Pick<Meeting, 'startsAt' | 'endsAt'>): string =>
  m.endsAt ?? new Date(Date.parse(m.startsAt) + DEFAULT_LENGTH_MS).toISOString();

/** Members and officers, with addresses: who the Teams meeting invites. */
export function inviteesOf(committee: Committee): { invited: TeamsEvent['attendees']; missing: string[] } {
  const people = seatHoldersAndOfficers(committee).flatMap((id) => personById(committee, id) ?? []);
  return {
    invited: people.flatMap((p) => (p.email ? [{ email: p.email, name: p.name }] : [])),
    missing: people.filter((p) => !p.email).map((p) => p.name),
  };
}

function eventFor(deps: CalendarDeps, committee: Committee, meeting: Meeting): TeamsEvent {
  const papers = papersUrl(deps.publicUrl, meeting.id);
  return {
    subject: committee.name,
    startsAt: meeting.startsAt,
    endsAt: endOf(meeting),
    location: meeting.venue.name,
    bodyHtml: `<p>${committee.name}: ${formatMeetingDateTime(meeting.startsAt)}.</p><p>The agenda and papers: <a href="${papers}">${papers}</a> (published at least five clear working days before the meeting).</p><p>Send apologies by telling Quorum in Teams.</p>`,
    attendees: inviteesOf(committee).invited,
  };
}

/** Whose calendar: the committee's organiser if set, else the booking clerk's Entra account. */
function organizerOf(committee: Committee, by: string): string | undefined {
  return committee.calendar?.organizer ?? personById(committee, by)?.aadObjectId;
}

/** Books one meeting in Teams (if it is not already) and adds Quorum to its chat; idempotent. */
async function bookInTeams(deps: CalendarDeps, committee: Committee, meeting: Meeting, by: string): Promise<string> {
  if (meeting.teams?.eventId) return 'already booked';
  const graph = deps.graph;
  if (!graph) return 'Microsoft Graph is not configured, so no Teams meeting was booked.';
  const organizer = organizerOf(committee, by);
  if (!organizer) return 'No organiser: set the committee’s calendar organiser or the clerk’s Entra account.';
  try {
    const created = await graph.createEvent(organizer, {
      ...eventFor(deps, committee, meeting),
      transactionId: meeting.id,
    });
    const online = created.joinUrl ? await graph.onlineMeetingByJoinUrl(organizer, created.joinUrl) : undefined;
    let installed = false;
    if (online?.chatId && deps.teamsAppId) {
      await graph.installInChat(online.chatId, deps.teamsAppId);
      installed = true;
    }
    await deps.store.meetings.update(committee.id, meeting.id, (m) => ({
      ...m,
      teams: {
        ...m.teams,
        eventId: created.eventId,
        organizerId: organizer,
        ...(created.joinUrl ? { joinUrl: created.joinUrl } : {}),
        ...(online ? { onlineMeetingId: online.onlineMeetingId } : {}),
        ...(online?.chatId ? { chatId: online.chatId } : {}),
        installed,
      },
    }));
    return installed || !online?.chatId
      ? 'booked'
      : 'booked; add Quorum to the meeting chat (QUORUM_TEAMS_APP_ID is not set)';
  } catch (err) {
    log.warn('booking-failed', { meeting: meeting.id, error: (err as Error).message.slice(0, 200) });
    return `Teams could not book it (${(err as Error).message.slice(0, 120)}); try again later.`;
  }
}

/**
 * The year's agreed dates: each becomes a meeting (its agenda drafted) and, through Graph, a Teams
 * meeting with the members and officers invited and Quorum in its chat. Any error (a past date, a date
 * that is not one) refuses the lot; warnings (weekends, bank holidays) need `confirmWarnings`. Dates
 * already in the calendar are left as they are, so running it again books only what is missing.
 */
export async function bookCalendar(
  deps: CalendarDeps,
  committee: Committee,
  args: { by: string; dates: AgreedDate[]; problems?: DateProblem[]; confirmWarnings?: boolean },
): Promise<{ bookings: Booking[]; warnings: DateProblem[] } | (Refusal & { problems: DateProblem[] })> {
  if (!committee.clerks.includes(args.by))
    return { ...refuse(403, 'Only a clerk of the committee can set its meeting dates.'), problems: [] };
  const problems = [
    ...(args.problems ?? []),
    ...checkAgreedDates(args.dates, deps.now(), committee.notice.holidayRegion),
  ];
  const errors = problems.filter((p) => p.severity === 'error');
  const warnings = problems.filter((p) => p.severity === 'warning');
  if (!args.dates.length && !errors.length) errors.push({ severity: 'error', message: 'There are no dates to book.' });
  if (errors.length)
    return { ...refuse(422, `Nothing was booked: ${errors.map((e) => e.message).join(' ')}`), problems };
  if (warnings.length && !args.confirmWarnings)
    return {
      ...refuse(422, `Please confirm: ${warnings.map((w) => w.message).join(' ')} Nothing was booked yet.`),
      problems,
    };
  const lengthMs = committee.calendar ? committee.calendar.durationMinutes * 60_000 : DEFAULT_LENGTH_MS;
  const actions = await deps.store.actions.forCommittee(committee.id);
  const bookings: Booking[] = [];
  for (const d of args.dates) {
    const id = `${committee.id}-${d.date}`;
    const startsAt = londonInstant(d.date, d.time);
    let meeting = await deps.store.meetings.get(committee.id, id);
    const status = meeting ? 'existing' : 'created';
    if (!meeting)
      meeting = await deps.store.meetings.put({
        id,
        committeeId: committee.id,
        startsAt,
        endsAt: new Date(Date.parse(startsAt) + lengthMs).toISOString(),
        venue: { kind: 'teams', name: committee.calendar?.venue ?? 'Microsoft Teams' },
        status: 'scheduled',
        supplements: [],
        packs: [],
        agenda: draftAgenda(id, committee.forwardPlan, actions, committee.shortName),
      });
    const teams = await bookInTeams(deps, committee, meeting, args.by);
    bookings.push({ meetingId: id, startsAt, status, teams, notInvited: inviteesOf(committee).missing });
  }
  return { bookings, warnings };
}

/** A meeting moved: the store, the Teams event (one update), and a message to everyone in Teams. */
export async function moveMeeting(
  deps: CalendarDeps,
  committee: Committee,
  meeting: Meeting,
  args: { by: string; startsAt: string },
): Promise<Meeting | Refusal> {
  if (!committee.clerks.includes(args.by)) return refuse(403, 'Only a clerk of the committee can move its meetings.');
  if (meeting.status === 'cancelled') return refuse(409, 'That meeting has been cancelled.');
  const now = deps.now().getTime();
  if (Date.parse(meeting.startsAt) <= now) return refuse(409, 'That meeting has already started or taken place.');
  if (Date.parse(args.startsAt) <= now) return refuse(422, 'A meeting cannot be moved into the past.');
  if (Date.parse(args.startsAt) === Date.parse(meeting.startsAt)) return refuse(422, 'That is when it already is.');
  const length = Date.parse(endOf(meeting)) - Date.parse(meeting.startsAt);
  const from = meeting.startsAt;
  const moved = await deps.store.meetings.update(committee.id, meeting.id, (m) => ({
    ...m,
    startsAt: new Date(args.startsAt).toISOString(),
    endsAt: new Date(Date.parse(args.startsAt) + length).toISOString(),
  }));
  if (deps.graph && moved.teams?.eventId && moved.teams.organizerId)
    await deps.graph.updateEvent(moved.teams.organizerId, moved.teams.eventId, {
      startsAt: moved.startsAt,
      endsAt: moved.endsAt as string,
    });
  await notify(
    deps,
    committee,
    moved,
    `move-${Date.parse(moved.startsAt)}`,
    `The ${committee.name} meeting on ${formatMeetingDateTime(from)} has moved to ${formatMeetingDateTime(moved.startsAt)}.`,
  );
  return moved;
}

/** A meeting cancelled: kept (with its reason) but marked, the Teams event cancelled, everyone told. */
export async function cancelMeeting(
  deps: CalendarDeps,
  committee: Committee,
  meeting: Meeting,
  args: { by: string; reason: string },
): Promise<Meeting | Refusal> {
  if (!committee.clerks.includes(args.by)) return refuse(403, 'Only a clerk of the committee can cancel its meetings.');
  if (meeting.status === 'cancelled') return refuse(409, 'That meeting is already cancelled.');
  if (Date.parse(meeting.startsAt) <= deps.now().getTime())
    return refuse(409, 'That meeting has already started or taken place.');
  const cancelled = await deps.store.meetings.update(committee.id, meeting.id, (m) => ({ ...m, status: 'cancelled' }));
  const text = `The ${committee.name} meeting on ${formatMeetingDateTime(meeting.startsAt)} has been cancelled. ${args.reason}`;
  if (deps.graph && cancelled.teams?.eventId && cancelled.teams.organizerId)
    await deps.graph.cancelEvent(cancelled.teams.organizerId, cancelled.teams.eventId, text);
  await notify(deps, committee, cancelled, 'cancelled', text);
  return cancelled;
}

async function notify(deps: CalendarDeps, committee: Committee, meeting: Meeting, what: string, text: string) {
  await circulateNotice(deps, committee, meeting, `notice-${meeting.id}-${what}`, text);
  void deps.sender?.kick();
}

/**
 * The committee changed (a member joined or left): every future Teams meeting's invitation list is
 * brought into line, one update per meeting whose list differs.
 */
export async function syncInvitations(
  deps: CalendarDeps,
  before: Committee | undefined,
  after: Committee,
): Promise<number> {
  if (!deps.graph) return 0;
  const key = (c: Committee) =>
    inviteesOf(c)
      .invited.map((a) => a.email.toLowerCase())
      .sort()
      .join(',');
  if (before && key(before) === key(after)) return 0;
  let updated = 0;
  for (const m of await deps.store.meetings.forCommittee(after.id)) {
    if (m.status === 'cancelled' || Date.parse(m.startsAt) <= deps.now().getTime()) continue;
    if (!m.teams?.eventId || !m.teams.organizerId) continue;
    await deps.graph.updateEvent(m.teams.organizerId, m.teams.eventId, { attendees: inviteesOf(after).invited });
    updated++;
  }
  return updated;
}

/** The meetings as an iCalendar feed, for observers and guests outside the tenant: dates and venue, no join links. */
export function calendarIcs(
  deps: Pick<CalendarDeps, 'publicUrl'>,
  committee: Committee,
  meetings: readonly Meeting[],
): string {
  const utc = (instant: string) => {
    const d = new Date(instant);
    return [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate(), d.getUTCHours(), d.getUTCMinutes()] as [
      number,
      number,
      number,
      number,
      number,
    ];
  };
  const events: EventAttributes[] = meetings.map((m) => ({
    uid: `${m.id}@quorum`,
    title: m.status === 'cancelled' ? `CANCELLED: ${committee.name}` : committee.name,
    start: utc(m.startsAt),
    startInputType: 'utc',
    startOutputType: 'utc',
    end: utc(endOf(m)),
    endInputType: 'utc',
    endOutputType: 'utc',
    location: m.venue.name,
    url: papersUrl(deps.publicUrl, m.id),
    description: `Agenda and papers: ${papersUrl(deps.publicUrl, m.id)}`,
    status: m.status === 'cancelled' ? 'CANCELLED' : 'CONFIRMED',
    productId: 'quorum/calendar',
    calName: committee.name,
  }));
  const { error, value } = createEvents(events);
  if (error || !value) throw new Error(`calendar feed: ${error?.message ?? 'no output'}`);
  return value;
}
