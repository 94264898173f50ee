import { format } from 'date-fns';
import type { Action } from './action';
import { actionLogRows, type ActionLogRow } from './actionLog';
import { exemptUnder } from './agenda';
import type { Committee, Seat } from './committee';
import { declarationSentence, DECLARATIONS_INVITATION, NO_DECLARATIONS } from './declarations';
import { formatMeetingDateTime, inLondon } from './londonTime';
import type { AgendaItem, Meeting } from './meeting';
import { pointsLeadIn, previousMinutesSentence, type MinuteText, type MinutesDraft } from './minutes';
import type { Person } from './person';
import { currentResponses, liveApologies, type AttendanceMark, type Declaration, type Response } from './responses';
import { personById } from './roles';

export type RecordView = 'full' | 'public';

/** A name as printed and, beside it, the body they represent or work for. */
export interface RecordLine {
  name: string;
  body: string;
}

export interface RecordMinute {
  number: number;
  /** The agenda item minuted; 0 for the exclusion resolution the papers print as a minute of its own. */
  itemNumber: number;
  title: string;
  exempt?: { paragraph: number };
  paragraphs: string[];
  pointsIntro?: string;
  points: string[];
  outcome?: { heading: 'RESOLVED' | 'AGREED' | 'NOTED'; resolutions: string[] };
  /** No text yet: the draft shows a placeholder and the record cannot be made final. */
  placeholder: boolean;
  /** "Mrs D. Taylor CC in the Chair", printed after this minute. */
  chairLineAfter?: string;
}

export interface MeetingRecord {
  committeeId: string;
  meetingId: string;
  view: RecordView;
  heading: string;
  /** Printed under the heading when the chair presided from the start. */
  chairLine?: string;
  present: RecordLine[];
  officers: RecordLine[];
  alsoInAttendance: RecordLine[];
  apologies: RecordLine[];
  minutes: RecordMinute[];
  /** "10.00 - 11.35 am" */
  times?: string;
  /** "30 June 2023" */
  date: string;
  actionLog: ActionLogRow[];
  /** Agenda items still without minute text. */
  missing: number[];
}

export interface RecordInputs {
  committee: Committee;
  meeting: Meeting;
  /** Every response for the meeting, history included: the current ones are worked out here. */
  responses: readonly Response[];
  actions: readonly Action[];
  minutes?: MinutesDraft;
  previousMeeting?: Pick<Meeting, 'startsAt'>;
  nextMeeting?: Pick<Meeting, 'startsAt'>;
  /** Minute numbers run on from the last confirmed record. */
  firstMinuteNumber: number;
  view: RecordView;
}

export const PLACEHOLDER = '[Minute to be written by the clerk.]';

/** "10.00 - 11.35 am", or "10.00 am - 12.15 pm" across noon. */
export function meetingTimes(startsAt: string, endsAt?: string): string | undefined {
  if (!endsAt) return undefined;
  const s = inLondon(startsAt);
  const e = inLondon(endsAt);
  const am = (d: Date) => format(d, 'a').toLowerCase();
  return am(s) === am(e)
    ? `${format(s, 'h.mm')} - ${format(e, 'h.mm')} ${am(e)}`
    : `${format(s, 'h.mm')} ${am(s)} - ${format(e, 'h.mm')} ${am(e)}`;
}

function venuePhrase(meeting: Meeting): string {
  return meeting.venue.kind === 'teams' ? 'held via Microsoft Teams' : `held at ${meeting.venue.name}`;
}

/** "(a) That …;" … "(b) That … ." as the papers letter them. */
export function letterResolutions(resolutions: readonly string[]): string[] {
  const clean = resolutions.map((r) => r.trim().replace(/[.;]+$/, ''));
  if (clean.length === 1) return [`${clean[0]}.`];
  return clean.map((r, i) => `(${String.fromCharCode(97 + i)}) ${r}${i === clean.length - 1 ? '.' : ';'}`);
}

/** "(i) …" numbering for points noted. */
export function romanPoints(points: readonly string[]): string[] {
  const roman = [
    'i',
    'ii',
    'iii',
    'iv',
    'v',
    'vi',
    'vii',
    'viii',
    'ix',
    'x',
    'xi',
    'xii',
    'xiii',
    'xiv',
    'xv',
    'xvi',
    'xvii',
    'xviii',
    'xix',
    'xx',
  ];
  return points.map((p, i) => `(${roman[i] ?? i + 1}) ${p.trim()}`);
}

function seatOf(committee: Committee, personId: string): Seat | undefined {
  return committee.seats.find((s) => s.holder === personId);
}

/** Where a person's apologies print: their seat, else their organisation. */
function bodyOf(committee: Committee, person: Person): string {
  return seatOf(committee, person.id)?.represents ?? person.organisation;
}

function attendance(committee: Committee, marks: AttendanceMark[], apologyIds: Set<string>) {
  const current = currentResponses(marks).filter((m) => m.status !== 'absent' && m.status !== 'apologies');
  const attended = new Map(current.map((m) => [m.personId, m]));
  const present: RecordLine[] = [];
  const placed = new Set<string>();
  // PRESENT in seat order (the terms of reference's order): holders, or the substitute filling the seat.
  for (const seat of committee.seats) {
    const holderHere = seat.holder && attended.has(seat.holder) && attended.get(seat.holder)?.status !== 'substitute';
    const candidates = [
      ...(holderHere && seat.holder ? [seat.holder] : []),
      ...current.filter((m) => m.status === 'substitute' && m.seatId === seat.id).map((m) => m.personId),
    ];
    for (const id of candidates) {
      const p = personById(committee, id);
      if (!p || placed.has(id)) continue;
      present.push({ name: p.name, body: seat.represents });
      placed.add(id);
    }
  }
  const officers: RecordLine[] = [];
  for (const o of committee.officers) {
    const p = personById(committee, o.person);
    if (p && attended.has(p.id) && !placed.has(p.id)) {
      officers.push({ name: p.name, body: p.organisation });
      placed.add(p.id);
    }
  }
  const also: RecordLine[] = [];
  for (const m of current) {
    if (placed.has(m.personId) || apologyIds.has(m.personId)) continue;
    const p = personById(committee, m.personId);
    also.push({ name: p?.name ?? m.guestName ?? m.personId, body: p?.organisation ?? '' });
    placed.add(m.personId);
  }
  return { present, officers, also };
}

function standingText(
  item: AgendaItem,
  inputs: RecordInputs,
  declarations: Declaration[],
): Pick<RecordMinute, 'paragraphs' | 'outcome'> | undefined {
  const { committee, meeting } = inputs;
  if (EXCLUSION_ITEM.test(item.title)) {
    const following = meeting.agenda.filter((i) => i.exempt && i.number > item.number);
    return following.length
      ? { paragraphs: [], outcome: { heading: 'RESOLVED', resolutions: [exclusionResolution(following)] } }
      : undefined;
  }
  switch (item.standing) {
    case 'introductions':
    case 'apologies':
      return { paragraphs: ['Introductions were made and the list of apologies was noted.'] };
    case 'minutes': {
      // Only what the meeting was recorded as doing with them: without that the clerk is asked.
      const previous = inputs.minutes?.previousMinutes;
      const heldAt = previous?.heldOn ?? inputs.previousMeeting?.startsAt;
      if (!previous || !heldAt) return undefined;
      return { paragraphs: [previousMinutesSentence(previous, format(inLondon(heldAt), 'd MMMM yyyy'))] };
    }
    case 'action-log':
      return {
        paragraphs: [
          `The Board considered the ${item.title.replace(/\.$/, '')}, a copy of which, marked 'Agenda Item ${item.number}', is filed with these minutes.`,
        ],
        outcome: { heading: 'RESOLVED', resolutions: ['That the status of the Action Log be noted'] },
      };
    case 'declarations': {
      const sentences = declarations
        .map((d) => {
          const p = personById(committee, d.personId);
          return p ? declarationSentence(d, p, meeting.agenda) : undefined;
        })
        .filter((s): s is string => !!s);
      return {
        paragraphs: [
          DECLARATIONS_INVITATION,
          ...(committee.declarationsNote ? [committee.declarationsNote] : []),
          ...(sentences.length ? sentences : [NO_DECLARATIONS]),
        ],
      };
    }
    case 'next-meeting':
      if (!inputs.nextMeeting) return undefined;
      return {
        paragraphs: [],
        outcome: {
          heading: 'RESOLVED',
          resolutions: [
            `That the next meeting of the Board be held on ${formatMeetingDateTime(inputs.nextMeeting.startsAt).replace(', ', ' at ')}`,
          ],
        },
      };
    default:
      return undefined;
  }
}

/**
 * "Cllr. X left the meeting for this item." / "Cllr. X returned to the meeting.": marks made when the
 * chair moved to an item, for members who declared they would leave.
 */
function comingsAndGoings(committee: Committee, marks: readonly AttendanceMark[], itemNumber: number): string[] {
  const sorted = [...marks].sort((a, b) => a.recordedAt.localeCompare(b.recordedAt));
  return sorted
    .filter((m) => m.atAgendaItem === itemNumber && !m.withdrawn)
    .flatMap((m) => {
      const name = personById(committee, m.personId)?.name ?? m.personId;
      if (m.status === 'left') return [`${name} left the meeting for this item.`];
      const leftEarlier = sorted.some(
        (x) => x.personId === m.personId && x.status === 'left' && x.recordedAt <= m.recordedAt,
      );
      return m.status === 'present' && leftEarlier ? [`${name} returned to the meeting.`] : [];
    });
}

/** The agenda item for the exclusion of the press and public, by its title as the papers word it. */
export const EXCLUSION_ITEM = /exclusion of the (press and )?public/i;

/** The Section 100A resolution the papers print before exempt business. */
export function exclusionResolution(items: readonly AgendaItem[]): string {
  const paragraphs = [...new Set(items.map((i) => i.exempt?.paragraph))].filter((p): p is number => p !== undefined);
  const para = paragraphs.length === 1 ? `Paragraph ${paragraphs[0]}` : `Paragraphs ${paragraphs.join(' and ')}`;
  return (
    `That under Section 100A of the Local Government Act 1972, the public be excluded for the following item${items.length === 1 ? '' : 's'} of business on the grounds that ${items.length === 1 ? 'it involves' : 'they involve'} the likely disclosure of exempt information as defined in ${para} of Part 1 of Schedule 12A of the Act and that, in all circumstances of the case, the public interest in maintaining the exemption outweighs the public interest in disclosing the information:- ` +
    items.map((i) => i.title.replace(/\.$/, '')).join('; ')
  );
}

/**
 * Reaching exempt business, the chair is prompted to move the exclusion of the press and public (with
 * the resolution the minutes will print), unless the meeting has just done so: the item before was
 * the exclusion item, or exempt itself.
 */
export function exclusionPrompt(agenda: readonly AgendaItem[], number: number): string[] {
  const item = agenda.find((i) => i.number === number);
  const before = agenda.find((i) => i.number === number - 1);
  const ahead = agenda.filter((i) => i.exempt && i.number >= number);
  if (!item || !ahead.length) return [];
  const prompt = (why: string) => [
    `Chairman: ${why}. Move that the press and public be excluded: “${exclusionResolution(ahead)}.” Once it is agreed, anyone not entitled to be present should leave, and any broadcast of the meeting should stop.`,
  ];
  if (EXCLUSION_ITEM.test(item.title)) return prompt('the business that follows is exempt');
  if (!item.exempt || before?.exempt || (before && EXCLUSION_ITEM.test(before.title))) return [];
  return prompt(`this item is exempt (${exemptUnder(item.exempt.paragraph)})`);
}

/**
 * Builds the minutes of a meeting from everything Quorum holds: who attended and in what capacity,
 * apologies, declarations, the action log and the clerk's text for each item. Pure: the same inputs
 * always give the same record, so golden tests can hold it to the papers.
 */
export function assembleRecord(inputs: RecordInputs): MeetingRecord {
  const { committee, meeting, view } = inputs;
  const apologies = liveApologies(inputs.responses).sort((a, b) => a.recordedAt.localeCompare(b.recordedAt));
  const apologyIds = new Set(apologies.map((a) => a.personId));
  const marks = inputs.responses.filter((r): r is AttendanceMark => r.kind === 'attendance');
  // A chair's "apologies" mark at the roll call counts as apologies too.
  const markedApologies = currentResponses(marks).filter(
    (m) => m.status === 'apologies' && !apologyIds.has(m.personId),
  );
  const declarations = currentResponses(
    inputs.responses.filter((r): r is Declaration => r.kind === 'declaration'),
  ).sort((a, b) => a.recordedAt.localeCompare(b.recordedAt));
  const { present, officers, also } = attendance(committee, marks, apologyIds);
  const chair = committee.chair ? personById(committee, committee.chair) : undefined;
  const texts = new Map((inputs.minutes?.items ?? []).map((t) => [t.itemNumber, t]));
  const exemptItems = meeting.agenda.filter((i) => i.exempt);

  const minutes: RecordMinute[] = [];
  const missing: number[] = [];
  let chairLine = chair ? `${chair.name} in the Chair` : undefined;
  // Without an "Exclusion of the Press and Public" item of its own, the papers still print the
  // exclusion resolution as a minute of its own, before the first exempt item.
  const hasExclusionItem = meeting.agenda.some((i) => EXCLUSION_ITEM.test(i.title));
  let number = inputs.firstMinuteNumber;
  meeting.agenda.forEach((item) => {
    if (item.exempt && item.number === exemptItems[0]?.number && !hasExclusionItem)
      minutes.push({
        number: number++,
        itemNumber: 0,
        title: 'Exclusion of the Press and Public.',
        paragraphs: [],
        points: [],
        outcome: { heading: 'RESOLVED', resolutions: [exclusionResolution(exemptItems)] },
        placeholder: false,
      });
    const text: MinuteText | undefined = texts.get(item.number);
    // The clerk's own words for introductions replace the stock sentence; elsewhere they follow it.
    const replacesStock =
      (item.standing === 'introductions' || item.standing === 'apologies') && !!text?.paragraphs.length;
    const generated = replacesStock ? undefined : standingText(item, inputs, declarations);
    const written = text && (text.paragraphs.length || text.points.length || text.outcome);
    const minute: RecordMinute = {
      number: number++,
      itemNumber: item.number,
      title: item.title,
      ...(item.exempt ? { exempt: { paragraph: item.exempt.paragraph } } : {}),
      paragraphs: [...(generated?.paragraphs ?? []), ...(text?.paragraphs ?? [])],
      // Points noted are introduced as the papers introduce them, unless the clerk chose other words.
      ...(text?.points.length ? { pointsIntro: text.pointsIntro ?? pointsLeadIn(item.kind) } : {}),
      points: text?.points ?? [],
      ...((text?.outcome ?? generated?.outcome) ? { outcome: text?.outcome ?? generated?.outcome } : {}),
      placeholder: !written && !generated,
    };
    if (minute.placeholder) {
      missing.push(item.number);
      minute.paragraphs = [PLACEHOLDER];
    }
    minute.paragraphs.unshift(...comingsAndGoings(committee, marks, item.number));
    if (text?.chairTakesOver && chair) {
      minute.chairLineAfter = `${chair.name} in the Chair`;
      chairLine = undefined;
    }
    if (item.exempt && view === 'public') {
      minute.paragraphs = [
        `This item was considered in private. Its minutes are not for publication by virtue of ${exemptUnder(item.exempt.paragraph)}.`,
        ...(text?.publicSummary ? [text.publicSummary] : []),
      ];
      minute.points = [];
      delete minute.pointsIntro;
      delete minute.outcome;
    }
    minutes.push(minute);
  });

  // Someone who sent apologies but came after all is present, not apologising.
  const attendedIds = new Set(
    currentResponses(marks)
      .filter((m) => m.status !== 'absent' && m.status !== 'apologies')
      .map((m) => m.personId),
  );
  const apologyLines = [
    ...apologies.filter((a) => !attendedIds.has(a.personId)).map((a) => personById(committee, a.personId)),
    ...markedApologies.map((m) => personById(committee, m.personId)),
  ]
    .filter((p): p is Person => !!p)
    .map((p) => ({ name: p.name, body: bodyOf(committee, p) }));

  // Only the times it was actually held (the roll call, the close, or the clerk): a booking's scheduled
  // end is never printed as if it were when the meeting closed.
  const times = meeting.held ? meetingTimes(meeting.held.startedAt, meeting.held.endedAt) : undefined;
  const heading = `Minutes of a meeting of the ${committee.name} ${venuePhrase(meeting)} on ${format(inLondon(meeting.startsAt), 'EEEE, d MMMM yyyy')}.`;
  return {
    committeeId: committee.id,
    meetingId: meeting.id,
    view,
    heading,
    ...(chairLine ? { chairLine } : {}),
    present,
    officers,
    alsoInAttendance: also,
    apologies: apologyLines,
    minutes,
    ...(times ? { times } : {}),
    date: format(inLondon(meeting.startsAt), 'd MMMM yyyy'),
    actionLog: actionLogRows(inputs.actions, new Date(meeting.startsAt).toISOString()),
    missing,
  };
}
