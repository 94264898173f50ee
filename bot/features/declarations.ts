import type { z } from 'zod';
import type { TurnContext } from 'botbuilder';
import { randomUUID } from 'node:crypto';
import { attachment, renderCard, type CardJson, noticeCard } from '../../cards/render';
import type { Committee } from '../domain/committee';
import {
  CATEGORY_NAMES,
  categoriesFor,
  declarationSentence,
  MUST_LEAVE_WHY,
  mustLeaveFor,
  settleParticipation,
} from '../domain/declarations';
import { formatMeetingDateTime } from '../domain/londonTime';
import { exclusionPrompt } from '../domain/record';
import { quorumChangeSentence, quorumStatus } from '../domain/quorum';
import { rollMarks, type RollState } from '../domain/rollState';
import { byStart, hasFinished, type Meeting } from '../domain/meeting';
import { currentResponses, liveApologies, type AttendanceMark, type Declaration } from '../domain/responses';
import type { Person } from '../domain/person';
import { mayChair, personById, rolesOf } from '../domain/roles';
import type { Store } from '../store/store';
import { KEY_REUSED, keyIn } from '../store/responses';
import {
  DeclarationFormPayloadSchema,
  MeetingRefSchema,
  DeclarationSubmitPayloadSchema,
  DeclarationWithdrawPayloadSchema,
  RegisterAddPayloadSchema,
  RegisterRemovePayloadSchema,
} from '../teams/cardPayloads';
import { speakerOf, type Membership, type Speaker } from './identify';
import { verbsAnswering, type BotRoutes, type VerbTable } from '../teams/botRoutes';

export interface DeclarationDeps {
  store: Store;
  now: () => Date;
  tenantId: string;
}

const MALFORMED = "Sorry, I couldn't read that card, so nothing has been recorded. Type **declare** for a fresh one.";
// ---------------------------------------------------------------------------------------------
// Who may declare, and for which meeting

/** The meeting in progress, else the next one: the one declarations are about. */
async function currentOrNext(store: Store, committee: Committee, now: Date): Promise<Meeting | undefined> {
  const meetings = (await store.meetings.forCommittee(committee.id))
    .filter((m) => m.status !== 'cancelled')
    .sort(byStart);
  return meetings.find((m) => !hasFinished(m, now));
}

/** Members and observers declare, and so does anyone standing in as a substitute at this meeting. */
async function mayDeclare(store: Store, committee: Committee, personId: string, meeting: Meeting): Promise<boolean> {
  const roles = rolesOf(committee, personId);
  if (roles.includes('member') || roles.includes('observer')) return true;
  const apologies = liveApologies(await store.responses.forMeeting(committee.id, meeting.id));
  return apologies.some((a) => a.substituteId === personId);
}

/**
 * Why this person's declaration for this meeting cannot be recorded now, if it cannot. A clerk
 * recording one for someone else may do so after the meeting (until the minutes are confirmed): the
 * declaration then shows it was recorded by the clerk after the event.
 */
async function declarationRefusal(
  store: Store,
  committee: Committee,
  meeting: Meeting,
  personId: string,
  recordedBy: string,
  now: Date,
): Promise<string | undefined> {
  if (!(await mayDeclare(store, committee, personId, meeting)))
    return 'Only members of the committee (and substitutes standing in for them) declare interests, so nothing has been recorded.';
  if (await frozen(store, committee.id, meeting.id))
    return 'The minutes of that meeting have been confirmed, so its declarations can no longer be changed.';
  const byClerk = recordedBy !== personId && committee.clerks.includes(recordedBy);
  if (hasFinished(meeting, now) && !byClerk)
    return 'That meeting has ended, so declarations for it can no longer be made or changed.';
  return undefined;
}

async function frozen(store: Store, committeeId: string, meetingId: string): Promise<boolean> {
  return (await store.records.versionsOf(committeeId, meetingId)).some((v) => v.status === 'confirmed');
}

type Context = { membership: Membership; meeting: Meeting } | { error: string };

/** The speaker's membership and the meeting a card names, or why there is none. */
async function declarerOf(
  context: TurnContext,
  deps: DeclarationDeps,
  committeeId: string,
  meetingId: string,
): Promise<Context> {
  const speaker = await speakerOf(deps.store, context);
  const membership = speaker.memberships.find((m) => m.committee.id === committeeId);
  if (!membership) return { error: "You're not on that committee, so you can't declare interests at its meetings." };
  const meeting = await deps.store.meetings.get(committeeId, meetingId);
  if (!meeting) return { error: 'That meeting no longer exists, so nothing has been recorded.' };
  return { membership, meeting };
}

/** Checks everything about declaring for this meeting, from a card's committee and meeting ids. */
async function declaringContext(
  context: TurnContext,
  deps: DeclarationDeps,
  committeeId: string,
  meetingId: string,
): Promise<Context> {
  const c = await declarerOf(context, deps, committeeId, meetingId);
  if ('error' in c) return c;
  const { membership, meeting } = c;
  const refusal = await declarationRefusal(
    deps.store,
    membership.committee,
    meeting,
    membership.person.id,
    membership.person.id,
    deps.now(),
  );
  return refusal ? { error: refusal } : c;
}

/** The declarations that stand for a meeting, oldest first (read by kind, not with the whole history). */
export const liveDeclarations = async (store: Store, committeeId: string, meetingId: string) =>
  currentResponses(await store.responses.ofKind(committeeId, meetingId, 'declaration'));

// ---------------------------------------------------------------------------------------------
// The declaration card

async function declareCard(
  deps: DeclarationDeps,
  m: Membership,
  meeting: Meeting,
  prefill: {
    items?: number[] | 'all';
    category?: Declaration['category'];
    nature?: string;
    participation?: string;
    sensitive?: boolean;
    amends?: string;
  } = {},
  message = '',
  messageColor: 'Good' | 'Attention' | 'Default' = 'Default',
): Promise<CardJson> {
  const register = await deps.store.interests.get(deps.tenantId, m.committee.id, m.person.id);
  const categories = categoriesFor(m.committee.interestCategories);
  return renderCard('declare', {
    title: `${prefill.amends ? 'Amend your declaration' : 'Declare an interest'}: ${m.committee.shortName}, ${formatMeetingDateTime(meeting.startsAt)}`,
    message,
    messageColor,
    agenda: [
      { title: 'Everything on the agenda', value: 'all' },
      ...meeting.agenda
        .filter((i) => !i.standing)
        .map((i) => ({ title: `${i.number}. ${i.title}`, value: String(i.number) })),
    ],
    items: prefill.items === 'all' ? 'all' : (prefill.items ?? []).join(','),
    categories: categories.map((c) => ({ title: CATEGORY_NAMES[c].replace(/^./, (x) => x.toUpperCase()), value: c })),
    category: prefill.category ?? '',
    natureLabel: `Complete the sentence the minutes will print: "${m.person.name} declared that …"`,
    nature: prefill.nature ?? '',
    participation: prefill.participation ?? '',
    sensitive: prefill.sensitive ? 'true' : 'false',
    dpiNote: MUST_LEAVE_WHY,
    register: (register?.entries ?? []).map((e) => ({
      title: e.nature.length > 60 ? `${e.nature.slice(0, 57)}…` : e.nature,
      data: { committeeId: m.committee.id, meetingId: meeting.id, registerEntryId: e.id },
    })),
    submitLabel: prefill.amends ? 'Record the amended declaration' : 'Declare',
    submit: {
      committeeId: m.committee.id,
      meetingId: meeting.id,
      submissionId: randomUUID(),
      ...(prefill.amends ? { amends: prefill.amends } : {}),
    },
  });
}

/** `declare`: a card for the meeting in progress or the next one, of each committee the member sits on. */
export async function sendDeclareCards(context: TurnContext, deps: DeclarationDeps, speaker: Speaker): Promise<void> {
  let sent = 0;
  for (const m of speaker.memberships) {
    const meeting = await currentOrNext(deps.store, m.committee, deps.now());
    if (!meeting || !(await mayDeclare(deps.store, m.committee, m.person.id, meeting))) continue;
    await context.sendActivity({ attachments: [attachment(await declareCard(deps, m, meeting))] });
    sent++;
  }
  if (!sent)
    await context.sendActivity(
      'Only members of a committee (and substitutes standing in for them) declare interests, and only for a meeting that has not yet ended.',
    );
}

export async function onDeclarationForm(
  context: TurnContext,
  deps: DeclarationDeps,
  d: z.infer<typeof DeclarationFormPayloadSchema>,
): Promise<CardJson | string> {
  const c = await declaringContext(context, deps, d.committeeId, d.meetingId);
  if ('error' in c) return c.error;
  if (d.amends) {
    const existing = (await liveDeclarations(deps.store, d.committeeId, d.meetingId)).find((x) => x.id === d.amends);
    if (!existing || existing.personId !== c.membership.person.id)
      return 'That declaration has changed or been withdrawn since this card was sent. Type **declare** for a fresh card.';
    return declareCard(deps, c.membership, c.meeting, {
      items: existing.wholeAgenda ? 'all' : existing.agendaItems,
      category: existing.category,
      nature: existing.nature,
      participation: existing.participation,
      sensitive: existing.sensitive,
      amends: existing.id,
    });
  }
  if (d.registerEntryId) {
    const entry = (await deps.store.interests.get(deps.tenantId, d.committeeId, c.membership.person.id))?.entries.find(
      (e) => e.id === d.registerEntryId,
    );
    if (entry) return declareCard(deps, c.membership, c.meeting, { category: entry.category, nature: entry.nature });
  }
  return declareCard(deps, c.membership, c.meeting);
}

/**
 * Records a declaration of interest: the one way declarations enter the store, for the card and the
 * workspace alike (a clerk may record one for a member). Items are "3, 6" or "all"; a DPI always means
 * leaving; `amends` supersedes the person's own live declaration. The document's id is the key.
 */
export async function recordDeclaration(
  store: Store,
  args: {
    key: string;
    committee: Committee;
    meeting: Meeting;
    subject: Person;
    recordedBy: Person;
    items: string;
    category: Declaration['category'];
    nature: string;
    participation?: Declaration['participation'];
    sensitive: boolean;
    amends?: string;
    now: Date;
  },
): Promise<
  | { outcome: 'recorded'; declaration: Declaration; overridden: boolean }
  | { outcome: 'duplicate' }
  | { outcome: 'refused'; why: string; status?: 409 }
> {
  const { committee, meeting } = args;
  const refusal = await declarationRefusal(store, committee, meeting, args.subject.id, args.recordedBy.id, args.now);
  if (refusal) return { outcome: 'refused', why: refusal };
  if (!categoriesFor(committee.interestCategories).includes(args.category))
    return {
      outcome: 'refused',
      why: `The ${committee.name} records interests as ${categoriesFor(committee.interestCategories)
        .map((x) => CATEGORY_NAMES[x])
        .join(', ')}. Nothing has been recorded.`,
    };
  const chosen = args.items
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean);
  const wholeAgenda = chosen.includes('all');
  const numbers = wholeAgenda ? meeting.agenda.filter((i) => !i.standing).map((i) => i.number) : chosen.map(Number);
  const unknown = numbers.filter((n) => !Number.isInteger(n) || !meeting.agenda.some((i) => i.number === n));
  if (unknown.length || !numbers.length)
    return {
      outcome: 'refused',
      why: `The agenda has no item ${unknown.join(', ') || 'to declare against'}. Nothing has been recorded.`,
    };
  const history = await store.responses.forMeeting(committee.id, meeting.id);
  const seen = keyIn(history, args.key, { kind: 'declaration', personId: args.subject.id });
  if (seen === 'retry') return { outcome: 'duplicate' };
  if (seen === 'reused') return { outcome: 'refused', why: KEY_REUSED, status: 409 };
  let supersedes: string | undefined;
  if (args.amends) {
    const live = currentResponses(history.filter((r): r is Declaration => r.kind === 'declaration')).find(
      (x) => x.id === args.amends,
    );
    if (!live || live.personId !== args.subject.id)
      return {
        outcome: 'refused',
        why: 'That declaration has changed or been withdrawn since this card was sent. Nothing has been recorded.',
      };
    supersedes = live.id;
  }
  const { participation, overridden } = settleParticipation(args.category, args.participation);
  const declaration: Declaration = {
    id: args.key,
    kind: 'declaration',
    committeeId: committee.id,
    meetingId: meeting.id,
    personId: args.subject.id,
    recordedBy: args.recordedBy.id,
    recordedAt: args.now.toISOString(),
    withdrawn: false,
    agendaItems: numbers,
    wholeAgenda,
    category: args.category,
    nature: args.nature,
    participation,
    sensitive: args.sensitive,
    ...(supersedes ? { supersedes } : {}),
  };
  const result = await store.responses.append(declaration);
  if (!result.recorded)
    return result.reason === 'duplicate'
      ? { outcome: 'duplicate' }
      : { outcome: 'refused', why: KEY_REUSED, status: 409 };
  return { outcome: 'recorded', declaration, overridden };
}

export async function onDeclarationSubmit(
  context: TurnContext,
  deps: DeclarationDeps,
  d: z.infer<typeof DeclarationSubmitPayloadSchema>,
): Promise<CardJson | string> {
  // recordDeclaration makes the declaring checks itself: only who and which meeting are needed here.
  const c = await declarerOf(context, deps, d.committeeId, d.meetingId);
  if ('error' in c) return c.error;
  const { membership: m, meeting } = c;
  const result = await recordDeclaration(deps.store, {
    key: d.submissionId,
    committee: m.committee,
    meeting,
    subject: m.person,
    recordedBy: m.person,
    items: d.items,
    category: d.category,
    nature: d.nature,
    participation: d.participation || undefined,
    sensitive: d.sensitive === 'true',
    ...(d.amends ? { amends: d.amends } : {}),
    now: deps.now(),
  });
  if (result.outcome === 'refused') return result.why;
  if (result.outcome === 'duplicate')
    return noticeCard('Already recorded', ['That declaration was already recorded.'], 'Good');
  const { declaration, overridden } = result;
  const supersedes = declaration.supersedes;
  const participation = declaration.participation;
  const lines = [`The minutes will say: "${declarationSentence(declaration, m.person, meeting.agenda)}"`];
  if (overridden) lines.push(`You chose to stay, but ${MUST_LEAVE_WHY} Quorum has recorded that you will leave.`);
  else if (participation === 'leave')
    lines.push(
      'The Chairman will be reminded when the item comes up, and the minutes will show you left and returned.',
    );
  return renderCard('declarationList', {
    title: supersedes ? 'Declaration amended' : 'Declaration recorded',
    lines,
    declarations: [],
    canInvite: false,
    invite: { committeeId: m.committee.id, meetingId: meeting.id },
    canDeclare: true,
    declare: { committeeId: m.committee.id, meetingId: meeting.id },
  });
}

export async function onDeclarationWithdraw(
  context: TurnContext,
  deps: DeclarationDeps,
  d: z.infer<typeof DeclarationWithdrawPayloadSchema>,
): Promise<CardJson | string> {
  const c = await declaringContext(context, deps, d.committeeId, d.meetingId);
  if ('error' in c) return c.error;
  const history = await deps.store.responses.forMeeting(d.committeeId, d.meetingId);
  if (history.some((r) => r.id === d.submissionId))
    return noticeCard('Already withdrawn', ['That declaration was already withdrawn.'], 'Good');
  const live = currentResponses(history.filter((r): r is Declaration => r.kind === 'declaration')).find(
    (x) => x.id === d.declarationId,
  );
  if (!live || live.personId !== c.membership.person.id)
    return 'That declaration has changed or been withdrawn already. Nothing has changed.';
  await deps.store.responses.append({
    ...live,
    id: d.submissionId,
    supersedes: live.id,
    withdrawn: true,
    recordedAt: deps.now().toISOString(),
    recordedBy: c.membership.person.id,
  });
  return noticeCard(
    'Declaration withdrawn',
    ['It will not appear in the minutes. The change is kept in the history.'],
    'Good',
  );
}

// ---------------------------------------------------------------------------------------------
// The chair at the meeting

const isChairOrClerk = (m: Membership) => mayChair(m.roles);

async function listCard(
  deps: DeclarationDeps,
  m: Membership,
  meeting: Meeting,
  title: string,
  lines: string[] = [],
): Promise<CardJson> {
  const live = await liveDeclarations(deps.store, m.committee.id, meeting.id);
  return renderCard('declarationList', {
    title,
    lines: live.length ? lines : [...lines, 'No declarations have been made yet.'],
    declarations: live.map((d) => {
      const person = personById(m.committee, d.personId);
      return {
        sentence: person ? declarationSentence(d, person, meeting.agenda) : d.personId,
        mine: d.personId === m.person.id,
        amend: { committeeId: m.committee.id, meetingId: meeting.id, amends: d.id },
        withdraw: {
          committeeId: m.committee.id,
          meetingId: meeting.id,
          declarationId: d.id,
          submissionId: randomUUID(),
        },
      };
    }),
    canInvite: isChairOrClerk(m),
    invite: { committeeId: m.committee.id, meetingId: meeting.id },
    canDeclare: m.roles.includes('member') || m.roles.includes('observer'),
    declare: { committeeId: m.committee.id, meetingId: meeting.id },
  });
}

/** `declarations`: what has been declared for the meeting in progress or the next, with the chair's invitation button. */
export async function sendDeclarations(context: TurnContext, deps: DeclarationDeps, speaker: Speaker): Promise<void> {
  for (const m of speaker.memberships) {
    const meeting = await currentOrNext(deps.store, m.committee, deps.now());
    if (!meeting) continue;
    await context.sendActivity({
      attachments: [
        attachment(
          await listCard(
            deps,
            m,
            meeting,
            `Declarations of interest: ${m.committee.shortName}, ${formatMeetingDateTime(meeting.startsAt)}`,
          ),
        ),
      ],
    });
  }
}

/** The chair's "Invite declarations": the invitation goes to everyone in the chat, with a button to declare. */
export async function onDeclarationInvite(
  context: TurnContext,
  deps: DeclarationDeps,
  d: z.infer<typeof MeetingRefSchema>,
): Promise<CardJson | string> {
  const speaker = await speakerOf(deps.store, context);
  const m = speaker.memberships.find((x) => x.committee.id === d.committeeId);
  if (!m || !isChairOrClerk(m)) return 'Only the Chairman (or the clerk) invites declarations.';
  const meeting = await deps.store.meetings.get(m.committee.id, d.meetingId);
  if (!meeting) return 'That meeting no longer exists.';
  await context.sendActivity({
    attachments: [
      attachment(
        renderCard('declarationList', {
          title: 'Declarations of interest',
          lines: [
            'The Chairman invites members who wish to do so to declare any interests in respect of items on the agenda for the meeting.',
          ],
          declarations: [],
          canInvite: false,
          invite: { committeeId: m.committee.id, meetingId: meeting.id },
          canDeclare: true,
          declare: { committeeId: m.committee.id, meetingId: meeting.id },
        }),
      ),
    ],
  });
  return listCard(deps, m, meeting, `Declarations of interest: ${m.committee.shortName}`, [
    'The invitation has been posted.',
  ]);
}

export type ItemMove =
  | { ok: true; number: number; title: string; lines: string[]; leaving: boolean; exempt: boolean }
  | { ok: false; why: string };

/**
 * The chair moves the meeting to an item (or the next), from any surface: anyone who declared they
 * would leave for it is reminded (and marked as having left), and anyone who left for the last item
 * returns. Says what to tell the meeting.
 */
export async function goToItem(
  deps: Pick<DeclarationDeps, 'store' | 'now'>,
  committee: Committee,
  meeting: Meeting,
  chair: Person,
  target: number | 'next',
): Promise<ItemMove> {
  const number = target === 'next' ? (meeting.currentItem ?? 0) + 1 : target;
  const item = meeting.agenda.find((i) => i.number === number);
  if (!item) return { ok: false, why: `The agenda has no item ${number}.` };
  const previous = meeting.currentItem;
  await deps.store.meetings.update(committee.id, meeting.id, (x) => ({ ...x, currentItem: number }));
  const declarations = await liveDeclarations(deps.store, committee.id, meeting.id);
  const leaving = mustLeaveFor(number, declarations);
  const leftBefore = previous
    ? mustLeaveFor(previous, declarations).filter((d) => !leaving.some((l) => l.personId === d.personId))
    : [];
  // Someone leaving for an item can take the meeting's quorum with them: decided in the same write as
  // the mark (as at the roll call), so the chair is told once, here.
  let quorumChanged = false;
  let roll: RollState | undefined;
  const mark = async (personId: string, status: AttendanceMark['status']) => {
    const done = await deps.store.responses.append(
      {
        id: randomUUID(),
        kind: 'attendance',
        committeeId: committee.id,
        meetingId: meeting.id,
        personId,
        recordedBy: chair.id,
        recordedAt: deps.now().toISOString(),
        withdrawn: false,
        status,
        atAgendaItem: number,
        remote: false,
      },
      { quorateNow: (r) => quorumStatus(committee, rollMarks(r)).quorate },
    );
    if ('roll' in done && done.roll) roll = done.roll.value;
    if ('quorumFlipped' in done && done.quorumFlipped) quorumChanged = !quorumChanged;
  };
  for (const d of leftBefore) await mark(d.personId, 'present');
  for (const d of leaving) await mark(d.personId, 'left');
  const quorum = quorumChanged && roll ? quorumStatus(committee, rollMarks(roll)) : undefined;
  const names = (ds: Declaration[]) => ds.map((d) => personById(committee, d.personId)?.name ?? d.personId);
  const lines = [
    ...(quorum ? [quorumChangeSentence(quorum)] : []),
    ...exclusionPrompt(meeting.agenda, number),
    ...(leftBefore.length ? [`${names(leftBefore).join(' and ')} may now return to the meeting.`] : []),
    ...leaving.map(
      (d) =>
        `Reminder: ${personById(committee, d.personId)?.name} declared a ${CATEGORY_NAMES[d.category]} in this item and should leave the meeting until it is finished.`,
    ),
  ];
  return {
    ok: true,
    number,
    title: item.title,
    lines: lines.length ? lines : ['No one has declared that they will leave for this item.'],
    leaving: leaving.length > 0,
    exempt: !!item.exempt,
  };
}

/**
 * What the meeting chat is told when the meeting moves to an item. An exempt item's title stays out
 * of it: the chat may include people not entitled to know it.
 */
export const itemNotice = (moved: Extract<ItemMove, { ok: true }>) =>
  noticeCard(
    moved.exempt ? `Item ${moved.number} (exempt business)` : `Item ${moved.number}. ${moved.title}`,
    moved.lines,
    moved.leaving || moved.exempt ? 'Attention' : 'Default',
  );

/** `item 8` / `next item` from the chair in chat. */
export async function moveToItem(
  context: TurnContext,
  deps: DeclarationDeps,
  speaker: Speaker,
  target: number | 'next',
): Promise<void> {
  const chaired = speaker.memberships.filter(isChairOrClerk);
  if (!chaired.length) {
    await context.sendActivity('Only the Chairman (or the clerk) moves the meeting on to the next item.');
    return;
  }
  for (const m of chaired) {
    const meeting = await currentOrNext(deps.store, m.committee, deps.now());
    if (!meeting || Date.parse(meeting.startsAt) > deps.now().getTime() + 3600_000) {
      await context.sendActivity(`The ${m.committee.shortName} is not meeting now.`);
      continue;
    }
    const moved = await goToItem(deps, m.committee, meeting, m.person, target);
    if (!moved.ok) {
      await context.sendActivity(moved.why);
      continue;
    }
    await context.sendActivity({ attachments: [attachment(itemNotice(moved))] });
  }
}

// ---------------------------------------------------------------------------------------------
// The member's own register of standing interests

/**
 * Adds a standing interest to a member's register: the one way, for the card and the workspace. Returns
 * 'added' (also when the same interest is already there), or why not.
 */
export async function addToRegister(
  store: Store,
  tenantId: string,
  committee: Committee,
  personId: string,
  entry: { nature: string; category: Declaration['category'] },
  now: Date,
): Promise<'added' | string> {
  if (!categoriesFor(committee.interestCategories).includes(entry.category))
    return `The ${committee.name} records interests as ${categoriesFor(committee.interestCategories)
      .map((x) => CATEGORY_NAMES[x])
      .join(', ')}.`;
  let full = false;
  await store.interests.update(tenantId, committee.id, personId, (r) => {
    full = r.entries.length >= 30;
    if (full || r.entries.some((e) => e.nature === entry.nature)) return r;
    return {
      ...r,
      entries: [
        ...r.entries,
        { id: randomUUID(), nature: entry.nature, category: entry.category, addedAt: now.toISOString() },
      ],
      updatedAt: now.toISOString(),
    };
  });
  return full ? 'Your register already holds 30 interests; remove one before adding another.' : 'added';
}

export async function removeFromRegister(
  store: Store,
  tenantId: string,
  committeeId: string,
  personId: string,
  entryId: string,
  now: Date,
): Promise<void> {
  await store.interests.update(tenantId, committeeId, personId, (r) => ({
    ...r,
    entries: r.entries.filter((e) => e.id !== entryId),
    updatedAt: now.toISOString(),
  }));
}

async function registerCard(deps: DeclarationDeps, m: Membership, message = ''): Promise<CardJson> {
  const register = await deps.store.interests.get(deps.tenantId, m.committee.id, m.person.id);
  const categories = categoriesFor(m.committee.interestCategories);
  return renderCard('register', {
    title: `Your standing interests: ${m.committee.shortName}`,
    message,
    entries: (register?.entries ?? []).map((e) => ({
      text: `${e.nature} (${CATEGORY_NAMES[e.category]})`,
      remove: { committeeId: m.committee.id, entryId: e.id },
    })),
    categories: categories.map((c) => ({ title: CATEGORY_NAMES[c].replace(/^./, (x) => x.toUpperCase()), value: c })),
    defaultCategory: categories[1] ?? categories[0] ?? 'other-registrable',
    add: { committeeId: m.committee.id },
  });
}

export async function sendRegister(context: TurnContext, deps: DeclarationDeps, speaker: Speaker): Promise<void> {
  const members = speaker.memberships.filter((m) => m.roles.includes('member') || m.roles.includes('observer'));
  if (!members.length) {
    await context.sendActivity('Only members of a committee keep a register of interests here.');
    return;
  }
  for (const m of members) await context.sendActivity({ attachments: [attachment(await registerCard(deps, m))] });
}

async function registerMember(
  context: TurnContext,
  deps: DeclarationDeps,
  committeeId: string,
): Promise<Membership | undefined> {
  const speaker = await speakerOf(deps.store, context);
  return speaker.memberships.find(
    (x) => x.committee.id === committeeId && (x.roles.includes('member') || x.roles.includes('observer')),
  );
}

export async function onRegisterAdd(
  context: TurnContext,
  deps: DeclarationDeps,
  d: z.infer<typeof RegisterAddPayloadSchema>,
): Promise<CardJson | string> {
  const m = await registerMember(context, deps, d.committeeId);
  if (!m) return 'Only members of the committee keep a register of interests here.';
  if (!categoriesFor(m.committee.interestCategories).includes(d.category))
    return 'Choose one of the kinds of interest on the card. Nothing has been added.';
  const added = await addToRegister(deps.store, deps.tenantId, m.committee, m.person.id, d, deps.now());
  if (added !== 'added') return `${added} Nothing has been added.`;
  return registerCard(deps, m, 'Added.');
}

export async function onRegisterRemove(
  context: TurnContext,
  deps: DeclarationDeps,
  d: z.infer<typeof RegisterRemovePayloadSchema>,
): Promise<CardJson | string> {
  const m = await registerMember(context, deps, d.committeeId);
  if (!m) return 'Only members of the committee keep a register of interests here.';
  await removeFromRegister(deps.store, deps.tenantId, m.committee.id, m.person.id, d.entryId, deps.now());
  return registerCard(deps, m, 'Removed.');
}

const verb = verbsAnswering(MALFORMED);

export const DECLARATION_VERBS: VerbTable<DeclarationDeps> = {
  'declaration.form': verb({ payload: DeclarationFormPayloadSchema, handle: onDeclarationForm }),
  'declaration.submit': verb({
    payload: DeclarationSubmitPayloadSchema,
    typed: ['items', 'category', 'nature', 'participation', 'sensitive'],
    nothingDone: 'Nothing has been recorded.',
    handle: onDeclarationSubmit,
  }),
  'declaration.withdraw': verb({ payload: DeclarationWithdrawPayloadSchema, handle: onDeclarationWithdraw }),
  'declaration.invite': verb({ payload: MeetingRefSchema, handle: onDeclarationInvite }),
  'register.add': verb({
    payload: RegisterAddPayloadSchema,
    typed: ['nature', 'category'],
    nothingDone: 'Nothing has been added.',
    handle: onRegisterAdd,
  }),
  'register.remove': verb({ payload: RegisterRemovePayloadSchema, handle: onRegisterRemove }),
};

/** declare, declarations, my interests, and the chair's "item N" / "next item". */
export function register(routes: BotRoutes, deps: DeclarationDeps): void {
  routes.command(/^\s*(declare|declare an interest|declare interests?)\s*[.!?]?\s*$/i, (c, s) =>
    sendDeclareCards(c, deps, s),
  );
  routes.command(/^\s*(declarations|declarations of interest)\s*[.!?]?\s*$/i, (c, s) => sendDeclarations(c, deps, s));
  routes.command(/^\s*(my interests|my register|register of interests)\s*[.!?]?\s*$/i, (c, s) =>
    sendRegister(c, deps, s),
  );
  routes.command(/^\s*(?:item\s+(\d{1,3})|next item)\s*[.!?]?\s*$/i, (c, s) => {
    const n = /(\d{1,3})/.exec(c.activity.text ?? '')?.[1];
    return moveToItem(c, deps, s, n ? Number(n) : 'next');
  });
  routes.verbs(DECLARATION_VERBS, deps);
}
