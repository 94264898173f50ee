import type { z } from 'zod';
import type { TeamsAdapter } from '@microsoft/teams-ai';
import { TeamsInfo, TurnContext, type ConversationReference, type MeetingParticipantsEventDetails } from 'botbuilder';
import { format } from 'date-fns';
import { createHash, randomUUID } from 'node:crypto';
import { attachment, noticeCard, renderCard, type CardJson } from '../../cards/render';
import type { Committee } from '../domain/committee';
import { formatMeetingDateTime, inLondon } from '../domain/londonTime';
import { byStart, hasFinished, type Meeting } from '../domain/meeting';
import { currentAttendance, quorumChangeSentence, quorumStatus } from '../domain/quorum';
import type { AttendanceMark } from '../domain/responses';
import { rollApologies, rollMarks, type RollState } from '../domain/rollState';
import { findPersonByAadObjectId, mayChair, personById } from '../domain/roles';
import type { Person } from '../domain/person';
import { buildRoster, seatedMark, seatTaken, STATUS_WORDS, type RosterRow } from '../domain/roster';
import { log } from '../log';
import type { CardRefresher } from './cardRefresher';
import type { Versioned } from '../store/documentStore';
import { KEY_REUSED, type Folded } from '../store/responses';
import type { Store } from '../store/store';
import { RollCallGuestPayloadSchema, RollCallMarkPayloadSchema, MeetingRefSchema } from '../teams/cardPayloads';
import { membershipIn, type Membership, type Speaker } from './identify';
import { verbsAnswering, type BotRoutes, type VerbTable } from '../teams/botRoutes';

export interface RollCallDeps {
  store: Store;
  adapter: TeamsAdapter;
  botAppId: string;
  tenantId: string;
  /** Where the workspace is served: "Open the roll call" opens its roll-call screen. */
  publicUrl: string;
  /** The Teams app's id (the manifest's): with it, "Open the roll call" is a Teams deep link to the meeting's tab. */
  teamsAppId?: string;
  /** This instance's folding of concurrent card refreshes. */
  cardRefresher: CardRefresher;
  now: () => Date;
}

/** How many not-yet-marked names the chair's card shows; the rest are in the side panel. */
const UNMARKED_SHOWN = 12;
/** The card's full marking form lists everyone: only while that stays well inside Teams' card size. */
const MARK_FORM_MAX_PEOPLE = 60;

const MALFORMED = "Sorry, I couldn't read that, so nobody has been marked. Press Refresh for a fresh roll call.";
const canChair = (m: Membership) => mayChair(m.roles);

/** Marks share the incoming activity's id, so a Teams retry of the same tap records once. */
const markId = (prefix: string, activityId: string | undefined, extra = '') =>
  `${prefix}-${createHash('sha256')
    .update(`${activityId ?? Math.random()}:${extra}`)
    .digest('hex')
    .slice(0, 32)}`;

/** A meeting's attendance marks and live apologies, as its roll holds them. */
const rollOf = (roll: RollState) => ({ marks: rollMarks(roll), apologies: rollApologies(roll) });

async function marksAndApologies(store: Store, committeeId: string, meetingId: string) {
  return rollOf((await store.responses.roll(committeeId, meetingId)).value);
}

/**
 * The roll call as one person sees it: the chair and clerk get the controls, everyone else "I'm here".
 * Only the shared card carries `refresh` (so Teams fetches the chair's and clerk's own view); a card
 * returned to the person who pressed a button must not, or teams-ai would show it to everyone.
 */
async function rollCallCard(
  deps: RollCallDeps,
  committee: Committee,
  meeting: Meeting,
  chairView: boolean,
  message = '',
  /** The roll as the caller has just read or written it. */
  roll?: RollState,
): Promise<CardJson> {
  const { refresh: _refresh, ...own } = await sharedRollCallCard(
    deps,
    committee,
    meeting,
    chairView,
    message,
    [],
    roll,
  );
  return own as CardJson;
}

async function sharedRollCallCard(
  deps: RollCallDeps,
  committee: Committee,
  meeting: Meeting,
  chairView: boolean,
  message = '',
  /** Whom Teams refreshes the shared card for (the chair and clerks, to show them the controls). */
  refreshFor: string[],
  /** The meeting's roll, when the caller has just read it. */
  roll?: RollState,
): Promise<CardJson> {
  const { marks, apologies } = roll ? rollOf(roll) : await marksAndApologies(deps.store, committee.id, meeting.id);
  const roster = buildRoster(committee, marks, apologies);
  const quorum = quorumStatus(committee, marks);
  const ids = { committeeId: committee.id, meetingId: meeting.id };
  const count = (...statuses: RosterRow['status'][]) => roster.filter((r) => statuses.includes(r.status)).length;
  const unmarked = roster.filter((r) => r.status === 'unmarked' && r.group !== 'guests');
  const counts = [
    ['Present', count('present')],
    ['Substitutes', count('substitute')],
    ['Apologies', count('apologies')],
    ['Not yet marked', unmarked.length],
    ['Left', count('left')],
    ['Absent', count('absent')],
  ]
    .filter(([title, n]) => n || title === 'Present' || title === 'Not yet marked')
    .map(([title, n]) => ({ title: String(title), value: String(n) }));
  const markForm = committee.people.length <= MARK_FORM_MAX_PEOPLE;
  return renderCard('rollCall', {
    refresh: { action: { type: 'Action.Execute', verb: 'rollcall.refresh', data: ids }, userIds: refreshFor },
    title: `Roll call: ${committee.shortName}, ${formatMeetingDateTime(meeting.startsAt)}`,
    quorum: quorum.message,
    quorumColor: quorum.quorate ? 'Good' : 'Attention',
    message,
    chairView,
    counts,
    unmarkedHeading: `Not yet marked (${unmarked.length}): tap to mark present`,
    unmarked: unmarked.slice(0, UNMARKED_SHOWN).map((r) => ({
      name: r.name,
      line: `${r.name}${r.body ? `, ${r.body}` : ''}`,
      tap: { ...ids, personId: r.personId, status: 'present' as const },
    })),
    more:
      unmarked.length > UNMARKED_SHOWN
        ? `and ${unmarked.length - UNMARKED_SHOWN} more: open the roll call to see everyone.`
        : '',
    markForm,
    people: markForm ? roster.map((r) => ({ title: r.name, value: r.personId })) : [],
    seats: markForm
      ? committee.seats.filter((s) => s.kind === 'member').map((s) => ({ title: s.represents, value: s.id }))
      : [],
    mark: ids,
    guest: ids,
    here: ids,
    openUrl: openRollUrl(deps, meeting),
  });
}

/**
 * "Open the roll call": in Teams, a deep link to Quorum's tab in the meeting's chat (the tab saved as
 * "meeting", which shows the roll call of the meeting it is in, and is the meeting's side panel); with
 * no Teams app id or meeting chat known (the local stack), the workspace's roll-call screen.
 */
/** The workspace's roll-call screen for a meeting. */
const rollScreenUrl = (publicUrl: string, meetingId: string) => `${publicUrl}/#/roll/${encodeURIComponent(meetingId)}`;

export function openRollUrl(deps: Pick<RollCallDeps, 'publicUrl' | 'teamsAppId'>, meeting: Meeting): string {
  const web = rollScreenUrl(deps.publicUrl, meeting.id);
  const chatId = meeting.teams?.chatId;
  if (!deps.teamsAppId || !chatId) return web;
  const context = JSON.stringify({ chatId, contextType: 'chat', subEntityId: `roll/${meeting.id}` });
  return `https://teams.microsoft.com/l/entity/${encodeURIComponent(deps.teamsAppId)}/meeting?webUrl=${encodeURIComponent(web)}&label=${encodeURIComponent('Roll call')}&context=${encodeURIComponent(context)}`;
}

/** Teams refreshes the card for these users (the chair and clerks whose chats Quorum knows) to show them the controls. */
async function chairUserIds(deps: RollCallDeps, committee: Committee): Promise<string[]> {
  const ids = [committee.chair, committee.viceChair, ...committee.clerks].filter((x): x is string => !!x);
  const found: string[] = [];
  for (const id of ids) {
    const aad = personById(committee, id)?.aadObjectId;
    const entry = aad ? await deps.store.people.get(deps.tenantId, aad) : undefined;
    const user = (entry?.conversationReference as { user?: { id?: string } } | undefined)?.user?.id;
    if (user) found.push(user);
  }
  // Teams refreshes automatically for at most 60 users.
  return found.slice(0, 60);
}

// ---------------------------------------------------------------------------------------------
// Keeping the shared card current and telling the chair when quorum changes

/**
 * Brings the roll-call card everyone sees up to date, from whichever instance took the mark: render
 * what the store holds, send it, then look again, and send again if anyone was marked meanwhile
 * (here or on another instance). Every sender checks after sending, so the last card sent anywhere
 * shows every mark: no in-process state decides what the card says.
 */
async function refreshSharedCard(deps: RollCallDeps, committee: Committee, meetingId: string): Promise<void> {
  // One read of the roll both draws the card and marks what it shows; the read that checks for marks
  // made meanwhile is the next round's.
  let roll = await deps.store.responses.roll(committee.id, meetingId);
  for (let round = 0; round < 10; round++) {
    const meeting = await deps.store.meetings.get(committee.id, meetingId);
    if (!meeting?.rollCall) return;
    const chairs = meeting.rollCall.chairUserIds ?? (await chairUserIds(deps, committee));
    const card = await sharedRollCallCard(deps, committee, meeting, false, '', chairs, roll.value);
    const activityId = meeting.rollCall.activityId;
    try {
      await deps.adapter.continueConversationAsync(
        deps.botAppId,
        meeting.rollCall.reference as Partial<ConversationReference>,
        async (ctx) => {
          await ctx.updateActivity({ id: activityId, type: 'message', attachments: [attachment(card)] });
        },
      );
    } catch (err) {
      log.warn('rollcall-update-failed', { meeting: meetingId, error: (err as Error).message });
      return;
    }
    const after = await deps.store.responses.roll(committee.id, meetingId);
    if (after.etag === roll.etag) return;
    roll = after;
  }
}

/**
 * Quorum reached or lost: the one append whose fold changed what the roll says the meeting was told
 * (store/responses.ts) tells the meeting, so forty people arriving at once produce one "now quorate".
 */
async function announceQuorumChange(deps: RollCallDeps, committee: Committee, meeting: Meeting, roll: RollState) {
  const status = quorumStatus(committee, rollMarks(roll));
  if (!meeting.rollCall) return;
  const text = quorumChangeSentence(status);
  const teamsMeetingId = meeting.rollCall.teamsMeetingId;
  // Looked up afresh (rare, and the chair may have started talking to Quorum since the roll call).
  const chairs = status.quorate || !teamsMeetingId ? [] : await chairUserIds(deps, committee);
  await deps.adapter.continueConversationAsync(
    deps.botAppId,
    meeting.rollCall.reference as Partial<ConversationReference>,
    async (ctx) => {
      // Everyone in the meeting chat is told, once per change…
      await ctx.sendActivity(text);
      // …and the chair (with the vice-chair and clerks) sees it in the meeting itself, with the roll
      // call open, where Teams lets the bot do that; the chat message stands if it does not.
      if (teamsMeetingId && chairs.length)
        await TeamsInfo.sendMeetingNotification(
          ctx,
          {
            type: 'targetedMeetingNotification',
            value: {
              recipients: chairs,
              surfaces: [
                {
                  surface: 'meetingStage',
                  contentType: 'task',
                  content: {
                    value: {
                      title: 'The meeting is no longer quorate',
                      url: rollScreenUrl(deps.publicUrl, meeting.id),
                      height: 'large',
                      width: 'medium',
                    },
                  },
                },
              ],
            },
          },
          teamsMeetingId,
        ).catch((err: Error) => log.warn('quorum-notification-failed', { meeting: meeting.id, error: err.message }));
    },
  );
}

async function afterMarks(deps: RollCallDeps, committee: Committee, meeting: Meeting, folded: Folded): Promise<void> {
  const meetingId = meeting.id;
  if (folded.quorumFlipped) await announceQuorumChange(deps, committee, meeting, folded.roll.value);
  // Not awaited: the person who tapped is answered at once; the shared card follows (folded with
  // the other taps of a storm), and converges whichever instance sends last.
  void deps.cardRefresher
    .refresh(meetingId, () => refreshSharedCard(deps, committee, meetingId))
    .catch((err: Error) => log.warn('rollcall-refresh-failed', { meeting: meetingId, error: err.message }));
}

/**
 * Records a mark and brings the roll up to date, deciding in the same write whether the meeting's
 * quorum changed: the roll after it, or undefined if its key was another request's.
 */
async function addMark(
  deps: RollCallDeps,
  committee: Committee,
  mark: Omit<AttendanceMark, 'kind' | 'withdrawn' | 'recordedAt'>,
  meeting: Pick<Meeting, 'currentItem'>,
  roll?: Versioned<RollState>,
): Promise<Folded | undefined> {
  const result = await deps.store.responses.append(
    {
      ...mark,
      kind: 'attendance',
      withdrawn: false,
      recordedAt: deps.now().toISOString(),
      ...(meeting.currentItem ? { atAgendaItem: meeting.currentItem } : {}),
    },
    { ...(roll ? { roll } : {}), quorateNow: (r) => quorumStatus(committee, rollMarks(r)).quorate },
  );
  return 'roll' in result && result.roll
    ? { roll: result.roll, quorumFlipped: result.quorumFlipped ?? false }
    : undefined;
}

// ---------------------------------------------------------------------------------------------
// Starting the roll call

/** Posts the roll call in this conversation and remembers where, so it can be kept up to date. */
async function postRollCall(
  context: TurnContext,
  deps: RollCallDeps,
  committee: Committee,
  meeting: Meeting,
  teamsMeetingId?: string,
): Promise<void> {
  // The roll is rebuilt from the history as the roll call opens, so nothing recorded is missing from it.
  const roll = await deps.store.responses.rebuildRoll(
    committee.id,
    meeting.id,
    (r) => quorumStatus(committee, rollMarks(r)).quorate,
  );
  const chairs = await chairUserIds(deps, committee);
  const card = await sharedRollCallCard(deps, committee, meeting, false, '', chairs, roll.value);
  const sent = await context.sendActivity({ attachments: [attachment(card)] });
  if (!sent?.id) return;
  const reference = { ...TurnContext.getConversationReference(context.activity) };
  await deps.store.meetings.update(committee.id, meeting.id, (m) => ({
    ...m,
    status: m.status === 'scheduled' || m.status === 'agenda-published' ? 'in-progress' : m.status,
    teams: { ...m.teams, chatId: context.activity.conversation.id },
    rollCall: {
      reference,
      activityId: sent.id,
      chairUserIds: chairs,
      startedAt: deps.now().toISOString(),
      ...((teamsMeetingId ?? m.rollCall?.teamsMeetingId)
        ? { teamsMeetingId: teamsMeetingId ?? m.rollCall?.teamsMeetingId }
        : {}),
    },
    // The roll call opens the meeting: when it began, for the minutes, unless the clerk has said.
    held: m.held ?? { startedAt: deps.now().toISOString() },
  }));
}

/**
 * The meeting closes (Teams' meeting-end event, the chair's "close the meeting", or the side panel):
 * its actual end time is recorded for the minutes, the roll is frozen, and the final attendance is
 * posted to the meeting chat. Once: a second close says it is already closed.
 */
export async function closeMeeting(
  deps: RollCallDeps,
  committee: Committee,
  meeting: Meeting,
): Promise<{ ok: true; message: string } | { ok: false; why: string }> {
  if (meeting.status === 'closed') return { ok: false, why: 'The meeting has already been closed.' };
  const at = deps.now().toISOString();
  let already = false;
  const closed = await deps.store.meetings.update(committee.id, meeting.id, (m) => {
    already = m.status === 'closed';
    if (already) return m;
    const startedAt = m.held?.startedAt ?? m.rollCall?.startedAt ?? m.startsAt;
    return {
      ...m,
      status: 'closed',
      // A close before the recorded start (a clock set wrong) keeps the start and records no end.
      held: Date.parse(at) > Date.parse(startedAt) ? { startedAt, endedAt: at } : { startedAt },
    };
  });
  if (already) return { ok: false, why: 'The meeting has already been closed.' };
  // The final attendance comes from the whole history, and leaves the roll rebuilt from it.
  const { marks, apologies } = rollOf((await deps.store.responses.rebuildRoll(committee.id, meeting.id)).value);
  const roster = buildRoster(committee, marks, apologies);
  const present = roster.filter((r) => r.status === 'present' || r.status === 'substitute' || r.status === 'left');
  const names = (rows: RosterRow[]) => rows.map((r) => r.name).join(', ') || 'none';
  const when = format(inLondon(at), 'H.mm');
  const card = noticeCard(`The meeting closed at ${when}`, [
    quorumStatus(committee, marks).message,
    `Attended (${present.length}): ${names(present)}.`,
    `Apologies (${roster.filter((r) => r.status === 'apologies').length}): ${names(roster.filter((r) => r.status === 'apologies'))}.`,
    'The roll is closed; the clerk can still correct it in the workspace until the minutes are confirmed.',
  ]);
  await tellMeeting(deps, closed, card).catch((err: Error) =>
    log.warn('close-post-failed', { meeting: meeting.id, error: err.message }),
  );
  return { ok: true, message: `The meeting closed at ${when}; the final attendance is in the meeting chat.` };
}

/** Teams says the meeting has ended: the meeting whose chat this is closes. */
export async function onMeetingEnd(context: TurnContext, deps: RollCallDeps): Promise<void> {
  const chatId = context.activity.conversation?.id;
  if (!chatId) return;
  for (const meeting of await deps.store.meetings.byChatId(chatId)) {
    if (meeting.status !== 'in-progress') continue;
    const committee = await deps.store.committees.get(meeting.committeeId);
    if (committee) await closeMeeting(deps, committee, meeting);
  }
}

/** "close the meeting" from the chair (or clerk) in the meeting chat. */
export async function onCloseCommand(context: TurnContext, deps: RollCallDeps, speaker: Speaker): Promise<void> {
  const chatId = context.activity.conversation?.id ?? '';
  for (const meeting of await deps.store.meetings.byChatId(chatId)) {
    const m = speaker.memberships.find((x) => x.committee.id === meeting.committeeId);
    if (!m || meeting.status === 'closed') continue;
    if (!canChair(m)) {
      await context.sendActivity('Only the Chairman (or the clerk) can close the meeting.');
      return;
    }
    const done = await closeMeeting(deps, m.committee, meeting);
    if (!done.ok) await context.sendActivity(done.why);
    return;
  }
  await context.sendActivity('There is no open meeting in this chat to close.');
}

/** A meeting about to start or under way: within an hour before its start, and not finished. */
function isOn(meeting: Meeting, now: Date): boolean {
  return (
    meeting.status !== 'cancelled' &&
    !hasFinished(meeting, now) &&
    Date.parse(meeting.startsAt) - now.getTime() <= 3600_000
  );
}

/** `roll call` from the chair or clerk in the meeting chat. */
export async function sendRollCall(context: TurnContext, deps: RollCallDeps, speaker: Speaker): Promise<void> {
  const chaired = speaker.memberships.filter(canChair);
  if (!chaired.length) {
    await context.sendActivity(
      "Only the Chairman (or the clerk) calls the roll. When it's posted, press **I'm here**.",
    );
    return;
  }
  let posted = 0;
  for (const m of chaired) {
    const meeting = (await deps.store.meetings.forCommittee(m.committee.id))
      .sort(byStart)
      .find((x) => isOn(x, deps.now()));
    if (!meeting) continue;
    await postRollCall(context, deps, m.committee, meeting);
    posted++;
  }
  if (!posted) await context.sendActivity('None of your committees is meeting now, so there is no roll to call.');
}

/** The Teams meeting has started: find which of our meetings it is and post the roll call. */
export async function onMeetingStart(
  context: TurnContext,
  deps: RollCallDeps,
  details: { joinUrl?: string; id?: string },
): Promise<void> {
  const chatId = context.activity.conversation?.id;
  const candidates: { committee: Committee; meeting: Meeting }[] = [];
  for (const committee of await deps.store.committees.list()) {
    for (const meeting of await deps.store.meetings.forCommittee(committee.id)) {
      const linked =
        (details.joinUrl && meeting.teams?.joinUrl === details.joinUrl) || (chatId && meeting.teams?.chatId === chatId);
      if (linked) {
        await postRollCall(context, deps, committee, meeting, details.id);
        return;
      }
      if (isOn(meeting, deps.now()) && !meeting.teams?.chatId) candidates.push({ committee, meeting });
    }
  }
  if (candidates.length === 1) {
    await postRollCall(context, deps, candidates[0]!.committee, candidates[0]!.meeting, details.id);
    return;
  }
  log.info('meeting-start-unmatched', { conversation: chatId, candidates: candidates.length });
  await context.sendActivity(
    "I couldn't tell which committee meeting this is. Chairman, type **roll call** to start the roll call.",
  );
}

// ---------------------------------------------------------------------------------------------
// Card buttons

type MeetingRef = z.infer<typeof MeetingRefSchema>;

/** Who is pressing, and the meeting, for a roll-call button (its submission already read by the verb's schema). */
async function rollCallContext(context: TurnContext, deps: RollCallDeps, ref: MeetingRef) {
  // The card names its committee: one point read of it says who the person is there (no search of
  // every committee for them, which a roll-call storm would pay 150 times).
  const membership = await membershipIn(deps.store, context, ref.committeeId);
  if (!membership) return { error: "You're not on that committee, so you can't take part in its roll call." } as const;
  const meeting = await deps.store.meetings.get(ref.committeeId, ref.meetingId);
  if (!meeting) return { error: 'That meeting no longer exists.' } as const;
  if (hasFinished(meeting, deps.now()))
    return { error: 'That meeting has finished; the roll call is closed.' } as const;
  return { membership, meeting } as const;
}

export async function onRefresh(context: TurnContext, deps: RollCallDeps, ref: MeetingRef): Promise<CardJson | string> {
  const c = await rollCallContext(context, deps, ref);
  if ('error' in c) return c.error as string;
  return rollCallCard(deps, c.membership.committee, c.meeting, canChair(c.membership));
}

/** `roll`: the roll with the mark in it, to draw the answer from without reading it again. */
export type Marked = { ok: true; message: string; roll: RollState } | { ok: false; why: string };

/**
 * A member marks themselves present, from any surface (the card's "I'm here", the side panel): a
 * named substitute goes into the seat they fill. `key` makes a retry of the same press record once.
 */
export async function markMyself(
  deps: RollCallDeps,
  committee: Committee,
  meeting: Meeting,
  person: Person,
  key: string,
): Promise<Marked> {
  const before = await deps.store.responses.roll(committee.id, meeting.id);
  const { apologies, marks } = rollOf(before.value);
  const { status, seat } = seatedMark(committee, apologies, person.id);
  const taken = seat && seatTaken(committee, marks, seat, person.id);
  if (taken) return { ok: false, why: `${taken} You have not been marked.` };
  const folded = await addMark(
    deps,
    committee,
    {
      id: markId('here', key, person.id),
      committeeId: committee.id,
      meetingId: meeting.id,
      personId: person.id,
      recordedBy: person.id,
      status,
      ...(seat ? { seatId: seat.id } : {}),
      remote: true,
    },
    meeting,
    before,
  );
  if (!folded) return { ok: false, why: KEY_REUSED };
  await afterMarks(deps, committee, meeting, folded);
  const when = format(inLondon(deps.now()), 'H.mm');
  return {
    ok: true,
    message: `${person.name}: marked present at ${when}${seat ? ` as substitute (${seat.represents})` : ''}.`,
    roll: folded.roll.value,
  };
}

/**
 * The chair (or clerk) marks anyone, from any surface: present, apologies, absent, left, or
 * substitute for a seat. Marked present, a substitute named in an apology takes the seat they fill,
 * so the minutes print them under PRESENT for that seat, as the papers do.
 */
export async function markSomeone(
  deps: RollCallDeps,
  committee: Committee,
  meeting: Meeting,
  by: Person,
  mark: { personId: string; status: AttendanceMark['status']; seatId?: string },
  key: string,
): Promise<Marked> {
  const person = personById(committee, mark.personId);
  if (!person)
    return { ok: false, why: 'That person is not on the committee. Use **Add** for someone not on the list.' };
  const before = await deps.store.responses.roll(committee.id, meeting.id);
  const { apologies, marks } = rollOf(before.value);
  const named = mark.status === 'present' ? seatedMark(committee, apologies, person.id) : undefined;
  const status = named?.status ?? mark.status;
  const seatId = named?.seat?.id ?? (mark.status === 'substitute' ? mark.seatId || undefined : undefined);
  if (status === 'substitute') {
    const seat = committee.seats.find((s) => s.id === seatId && s.kind === 'member');
    if (!seat) return { ok: false, why: 'Choose the seat the substitute fills. Nobody has been marked.' };
    const taken = seatTaken(committee, marks, seat, person.id);
    if (taken) return { ok: false, why: `${taken} Nobody has been marked.` };
  }
  const folded = await addMark(
    deps,
    committee,
    {
      id: markId('mark', key, `${person.id}:${status}:${seatId ?? ''}`),
      committeeId: committee.id,
      meetingId: meeting.id,
      personId: person.id,
      recordedBy: by.id,
      status,
      ...(seatId ? { seatId } : {}),
      remote: false,
    },
    meeting,
    before,
  );
  if (!folded) return { ok: false, why: KEY_REUSED };
  await afterMarks(deps, committee, meeting, folded);
  return { ok: true, message: `${person.name}: ${STATUS_WORDS[status].toLowerCase()}.`, roll: folded.roll.value };
}

/** "I'm here" on the card. */
export async function onHere(context: TurnContext, deps: RollCallDeps, ref: MeetingRef): Promise<CardJson | string> {
  const c = await rollCallContext(context, deps, ref);
  if ('error' in c) return c.error as string;
  const { membership: m, meeting } = c;
  const done = await markMyself(deps, m.committee, meeting, m.person, context.activity.id ?? randomUUID());
  return done.ok
    ? rollCallCard(deps, m.committee, meeting, canChair(m), done.message, done.roll)
    : rollCallCard(deps, m.committee, meeting, canChair(m), done.why);
}

/** The chair's mark on the card. */
export async function onMark(
  context: TurnContext,
  deps: RollCallDeps,
  d: z.infer<typeof RollCallMarkPayloadSchema>,
): Promise<CardJson | string> {
  const c = await rollCallContext(context, deps, { committeeId: d.committeeId, meetingId: d.meetingId });
  if ('error' in c) return c.error as string;
  const { membership: m, meeting } = c;
  if (!canChair(m))
    return "Only the Chairman (or the clerk) can mark other people. Press **I'm here** to mark yourself.";
  if (!d.personId) return 'Choose who to mark. Nobody has been marked.';
  const done = await markSomeone(
    deps,
    m.committee,
    meeting,
    m.person,
    { personId: d.personId, status: d.status, ...(d.seatId ? { seatId: d.seatId } : {}) },
    context.activity.id ?? randomUUID(),
  );
  // A refusal is said, and the card stays as it was.
  return done.ok ? rollCallCard(deps, m.committee, meeting, true, done.message, done.roll) : done.why;
}

/** The chair adds someone not on the list (a presenter, a guest) as also in attendance. */
export async function onGuest(
  context: TurnContext,
  deps: RollCallDeps,
  d: z.infer<typeof RollCallGuestPayloadSchema>,
): Promise<CardJson | string> {
  const c = await rollCallContext(context, deps, { committeeId: d.committeeId, meetingId: d.meetingId });
  if ('error' in c) return c.error as string;
  if (!canChair(c.membership)) return 'Only the Chairman (or the clerk) can add people to the roll call.';
  const done = await addGuest(
    deps,
    c.membership.committee,
    c.meeting,
    c.membership.person,
    d.guestName,
    context.activity.id ?? randomUUID(),
  );
  return done.ok
    ? rollCallCard(deps, c.membership.committee, c.meeting, true, done.message, done.roll)
    : rollCallCard(deps, c.membership.committee, c.meeting, true, done.why);
}

/** The chair adds someone not on the list (a presenter, a guest), from any surface: also in attendance. */
export async function addGuest(
  deps: RollCallDeps,
  committee: Committee,
  meeting: Meeting,
  by: Person,
  guestName: string,
  key: string,
): Promise<Marked> {
  const guestId = `guest-${createHash('sha256').update(guestName.toLowerCase()).digest('hex').slice(0, 12)}`;
  const folded = await addMark(
    deps,
    committee,
    {
      id: markId('guest', key, guestId),
      committeeId: committee.id,
      meetingId: meeting.id,
      personId: guestId,
      recordedBy: by.id,
      status: 'present',
      guestName,
      remote: false,
    },
    meeting,
  );
  if (!folded) return { ok: false, why: KEY_REUSED };
  await afterMarks(deps, committee, meeting, folded);
  return { ok: true, message: `${guestName}: added as also in attendance.`, roll: folded.roll.value };
}

/** Tells the meeting chat, where the roll call was posted (the chair's moves from the side panel). */
export async function tellMeeting(deps: RollCallDeps, meeting: Meeting, card: CardJson): Promise<void> {
  if (!meeting.rollCall) return;
  await deps.adapter.continueConversationAsync(
    deps.botAppId,
    meeting.rollCall.reference as Partial<ConversationReference>,
    async (ctx) => {
      await ctx.sendActivity({ attachments: [attachment(card)] });
    },
  );
}

/** Teams tells Quorum who joined or left the meeting: people on the committee are marked accordingly. */
export async function onParticipants(
  context: TurnContext,
  deps: RollCallDeps,
  details: MeetingParticipantsEventDetails,
  joined: boolean,
): Promise<void> {
  const chatId = context.activity.conversation?.id;
  for (const committee of await deps.store.committees.list()) {
    const meeting = (await deps.store.meetings.forCommittee(committee.id)).find(
      (m) => m.teams?.chatId === chatId && !hasFinished(m, deps.now()),
    );
    if (!meeting) continue;
    const before = await deps.store.responses.roll(committee.id, meeting.id);
    const { marks, apologies } = rollOf(before.value);
    const latest = currentAttendance(marks);
    let last: Folded | undefined;
    let flipped = false;
    for (const member of details.members ?? []) {
      const aad = member.user?.aadObjectId;
      const person = aad ? findPersonByAadObjectId(committee, aad) : undefined;
      if (!person) continue;
      const current = latest.get(person.id)?.status;
      if (joined && (current === 'present' || current === 'substitute')) continue;
      if (!joined && current !== 'present' && current !== 'substitute') continue;
      const self = seatedMark(committee, apologies, person.id);
      const folded = await addMark(
        deps,
        committee,
        {
          id: markId(joined ? 'join' : 'leave', context.activity.id, person.id),
          committeeId: committee.id,
          meetingId: meeting.id,
          personId: person.id,
          recordedBy: person.id,
          status: joined ? self.status : 'left',
          ...(joined && self.seat ? { seatId: self.seat.id } : {}),
          remote: true,
        },
        meeting,
        last?.roll ?? before,
      );
      if (!folded) continue;
      last = folded;
      flipped ||= folded.quorumFlipped;
    }
    // Several joining at once: the meeting is told how its quorum stands after them all.
    if (last) await afterMarks(deps, committee, meeting, { roll: last.roll, quorumFlipped: flipped });
  }
}

const verb = verbsAnswering(MALFORMED);

export const ROLL_CALL_VERBS: VerbTable<RollCallDeps> = {
  'rollcall.here': verb({ payload: MeetingRefSchema, handle: onHere }),
  'rollcall.mark': verb({
    payload: RollCallMarkPayloadSchema,
    typed: ['status'],
    nothingDone: 'Nobody has been marked.',
    handle: onMark,
  }),
  'rollcall.guest': verb({
    payload: RollCallGuestPayloadSchema,
    typed: ['guestName'],
    nothingDone: 'Nobody has been added.',
    handle: onGuest,
  }),
  'rollcall.refresh': verb({ payload: MeetingRefSchema, handle: onRefresh }),
};

/** The Teams meeting's events, roll call, close the meeting. */
export function register(routes: BotRoutes, deps: RollCallDeps): void {
  routes.meetingStart((context, meeting) => onMeetingStart(context, deps, meeting));
  routes.meetingEnd((context) => onMeetingEnd(context, deps));
  routes.participants((context, details, joined) => onParticipants(context, deps, details, joined));
  routes.command(/^\s*(close the meeting|end the meeting|close meeting)\s*[.!?]?\s*$/i, (c, s) =>
    onCloseCommand(c, deps, s),
  );
  routes.command(/^\s*(roll ?call|call the roll|attendance)\s*[.!?]?\s*$/i, (c, s) => sendRollCall(c, deps, s));
  routes.verbs(ROLL_CALL_VERBS, deps);
}
