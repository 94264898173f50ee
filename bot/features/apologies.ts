import type Bottleneck from 'bottleneck';
import type { TeamsAdapter } from '@microsoft/teams-ai';
import type { TurnContext } from 'botbuilder';
import { randomUUID } from 'node:crypto';
import { attachment, renderCard, type CardJson, noticeCard } from '../../cards/render';
import type { ApologyIntent } from '../domain/apologyParser';
import type { Committee } from '../domain/committee';
import { formatMeetingDate, formatMeetingDateTime } from '../domain/londonTime';
import { hasFinished, type Meeting } from '../domain/meeting';
import { matchMeeting, type Candidate } from '../domain/meetingMatch';
import type { Person } from '../domain/person';
import { peopleNamed } from '../domain/personMatch';
import { liveApologies, type Apology } from '../domain/responses';
import { findPersonByAadObjectId, personById } from '../domain/roles';
import { checkSubstitute, memberSeatOf } from '../domain/substitutes';
import type { Store } from '../store/store';
import { KEY_REUSED, keyIn } from '../store/responses';
import {
  ApologyConfirmSchema,
  ApologyDraftSchema,
  ApologyPickSchema,
  ApologyWithdrawSchema,
  EmptyPayloadSchema,
  type ApologyConfirm,
  type ApologyDraft,
  type ApologyPick,
  type ApologyWithdraw,
} from '../teams/cardPayloads';
import { speakerOf, type Membership, type Speaker } from './identify';
import { sendToPerson, type Delivery } from './notify';
import { verbsAnswering, type BotRoutes, type VerbTable } from '../teams/botRoutes';
import { MAX_MESSAGE_CHARS, parseApology } from '../domain/apologyParser';

export interface ApologyDeps {
  store: Store;
  adapter: TeamsAdapter;
  botAppId: string;
  tenantId: string;
  now: () => Date;
  pace?: Bottleneck;
}

const MALFORMED =
  "Sorry, I couldn't read that card's answer, so nothing has been recorded. Please type your apologies again and I'll send a fresh card.";

const isGroup = (context: TurnContext) => context.activity.conversation?.conversationType !== 'personal';

const tenantOf = (context: TurnContext, deps: ApologyDeps): string =>
  context.activity.conversation?.tenantId ?? context.activity.channelData?.tenant?.id ?? deps.tenantId;

// ---------------------------------------------------------------------------------------------
// Who may act for whom

type Acting = { ok: true; membership: Membership; subject: Person; onBehalf: boolean } | { ok: false; why: string };

/** A member acts for themselves; the clerk of the committee may act for anyone on it. */
function actingFor(speaker: Speaker, committeeId: string, personId: string): Acting {
  const membership = speaker.memberships.find((m) => m.committee.id === committeeId);
  if (!membership) return { ok: false, why: "You're not on that committee, so I can't record apologies for it." };
  if (membership.person.id === personId) return { ok: true, membership, subject: membership.person, onBehalf: false };
  const subject = personById(membership.committee, personId);
  if (membership.roles.includes('clerk') && subject) return { ok: true, membership, subject, onBehalf: true };
  return { ok: false, why: 'Only the clerk can record apologies on behalf of someone else.' };
}

// ---------------------------------------------------------------------------------------------
// Cards

interface SubstituteView {
  substitute?: Person;
  line: string;
  warning: string;
}

function viewSubstitute(
  committee: Committee,
  subject: Person,
  draft: Pick<ApologyDraft, 'substitute' | 'substituteId'>,
): SubstituteView {
  const written = draft.substitute;
  let candidates: Person[] = [];
  if (draft.substituteId) candidates = [personById(committee, draft.substituteId)].filter((p): p is Person => !!p);
  else if (written) candidates = peopleNamed(written, committee.people);
  if (!written && !draft.substituteId) return { line: '', warning: '' };
  const label = written ?? 'that person';
  if (candidates.length === 0)
    return {
      line: '',
      warning: `I couldn't find "${label}" among the people of the ${committee.name}, so I can't check them against the terms of reference. You can still send your apologies; the clerk can add them as your substitute.`,
    };
  if (candidates.length > 1)
    return {
      line: '',
      warning: `"${label}" could be ${candidates.map((p) => p.name).join(' or ')}. Send your apologies, then tell me again with their full name.`,
    };
  const candidate = candidates[0] as Person;
  const check = checkSubstitute(committee, subject, candidate);
  if (!check.allowed)
    return {
      line: '',
      warning: `${candidate.name} can't substitute for you: ${check.why} You can still send your apologies without a substitute.`,
    };
  return {
    substitute: candidate,
    line: `${candidate.name} will attend in your place (${check.seat.represents}).`,
    warning: '',
  };
}

interface ConfirmContext {
  committee: Committee;
  meeting: Meeting;
  subject: Person;
  onBehalf: boolean;
  draft: ApologyDraft;
  groupChat: boolean;
  /** A reason was given in a group chat, and so left out of everything sent there. */
  reasonLeftOut?: boolean;
  existing?: Apology;
}

const REASON_LEFT_OUT =
  "I've left your reason out because this is a group chat. Message me 1:1 if you'd like the clerk to see it.";

function confirmCard(c: ConfirmContext): CardJson {
  const sub = viewSubstitute(c.committee, c.subject, c.draft);
  const when = formatMeetingDateTime(c.meeting.startsAt);
  const notes: string[] = [];
  const { reason: given, ...withoutReason } = c.draft;
  const reason = c.groupChat ? undefined : given;
  if (c.groupChat && (given || c.reasonLeftOut)) notes.push(REASON_LEFT_OUT);
  else if (reason) notes.push(`Reason, for the clerk only (never printed in the minutes): ${reason}`);
  if (c.existing) {
    const was = c.existing.substituteId ? personById(c.committee, c.existing.substituteId)?.name : undefined;
    notes.push(
      `This replaces the apologies recorded on ${formatMeetingDate(c.existing.recordedAt)}${was ? ` (substitute: ${was})` : ''}.`,
    );
  }
  if (c.onBehalf) notes.push('Recorded by the clerk on their behalf (received by email or phone).');
  const confirm: ApologyConfirm = {
    submissionId: randomUUID(),
    committeeId: c.committee.id,
    meetingId: c.meeting.id,
    personId: c.subject.id,
    ...(sub.substitute ? { substituteId: sub.substitute.id } : {}),
    ...(reason ? { reason } : {}),
    onBehalf: c.onBehalf,
  };
  return renderCard('apologyConfirm', {
    title: c.onBehalf ? `Apologies from ${c.subject.name}` : 'Send your apologies?',
    question: `Record apologies from ${c.subject.name} for the ${c.committee.name}, ${when}?`,
    substituteLine: sub.line,
    warning: sub.warning,
    note: notes.join(' '),
    confirmLabel: sub.warning ? 'Send apologies without a substitute' : 'Send apologies',
    confirm,
    others: c.groupChat ? withoutReason : { ...c.draft },
    cancel: {},
  });
}

/** A choice of meetings; the draft travels with each choice, its committee set to that meeting's. */
function chooseCard(title: string, text: string, candidates: Candidate[], draft: ApologyDraft): CardJson {
  return renderCard('apologyChoose', {
    title,
    text,
    choices: candidates.map((c) => ({
      label: `${formatMeetingDateTime(c.meeting.startsAt)}: ${c.committee.shortName}`,
      data: { ...draft, committeeId: c.committee.id, meetingId: c.meeting.id },
    })),
    cancel: {},
  });
}

// ---------------------------------------------------------------------------------------------
// Reading the store

async function candidatesFor(store: Store, committees: Committee[]): Promise<Candidate[]> {
  const lists = await Promise.all(
    committees.map(async (committee) =>
      (await store.meetings.forCommittee(committee.id)).map((meeting) => ({ committee, meeting })),
    ),
  );
  return lists.flat();
}

async function liveApologyOf(
  store: Store,
  committeeId: string,
  meetingId: string,
  personId: string,
): Promise<Apology | undefined> {
  return liveApologies(await store.responses.forMeeting(committeeId, meetingId)).find((a) => a.personId === personId);
}

// ---------------------------------------------------------------------------------------------
// A chat message that reads as an apology or a withdrawal

/** The people whose apologies this message is about, with the committees they share with the speaker. */
function subjectsOf(speaker: Speaker, intent: ApologyIntent): { subjects: Membership[]; problem?: string } {
  if (!intent.onBehalfOf) return { subjects: speaker.memberships };
  const clerked = speaker.memberships.filter((m) => m.roles.includes('clerk'));
  if (!clerked.length)
    return {
      subjects: [],
      problem:
        "Only the clerk can record apologies on behalf of someone else. If they're your own, just tell me which meeting.",
    };
  const found = clerked.flatMap((m) =>
    peopleNamed(intent.onBehalfOf as string, m.committee.people).map((person) => ({ ...m, person })),
  );
  if (!found.length)
    return { subjects: [], problem: `I couldn't find "${intent.onBehalfOf}" on the committees you clerk.` };
  const distinct = [...new Set(found.map((f) => f.person.id))];
  if (distinct.length > 1)
    return {
      subjects: [],
      problem: `"${intent.onBehalfOf}" could be ${[...new Set(found.map((f) => f.person.name))].join(' or ')}. Please use their full name.`,
    };
  return { subjects: found };
}

/** The @mentioned person other than Quorum, if the member mentioned their substitute. */
function mentionedSubstitute(
  context: TurnContext,
  committees: Committee[],
): { committeeId: string; personId: string }[] {
  const botId = context.activity.recipient?.id;
  const mentioned = (context.activity.entities ?? [])
    .filter((e) => e.type === 'mention' && e.mentioned?.id !== botId)
    .map((e) => (e.mentioned as { aadObjectId?: string } | undefined)?.aadObjectId)
    .filter((id): id is string => !!id);
  return committees.flatMap((c) =>
    mentioned
      .map((aad) => findPersonByAadObjectId(c, aad))
      .filter((p): p is Person => !!p)
      .map((p) => ({ committeeId: c.id, personId: p.id })),
  );
}

export async function onApologyMessage(
  context: TurnContext,
  deps: ApologyDeps,
  speaker: Speaker,
  intent: ApologyIntent,
): Promise<void> {
  const { subjects, problem } = subjectsOf(speaker, intent);
  if (problem) {
    await context.sendActivity(problem);
    return;
  }
  const committees = subjects.map((s) => s.committee);
  const all = await candidatesFor(deps.store, committees);
  const now = deps.now();

  if (intent.action === 'withdraw') {
    await offerWithdrawal(context, deps, subjects, all, intent);
    return;
  }

  const match = matchMeeting(intent.when, all, now, intent.committeeId);
  const mention = mentionedSubstitute(context, committees);
  const draftFor = (committeeId: string): ApologyDraft => {
    const subject = subjects.find((s) => s.committee.id === committeeId) as Membership;
    const mentionedHere = mention.find((m) => m.committeeId === committeeId && m.personId !== subject.person.id);
    return {
      committeeId,
      personId: subject.person.id,
      ...(mentionedHere
        ? { substituteId: mentionedHere.personId }
        : intent.substitute
          ? { substitute: intent.substitute }
          : {}),
      // A reason is personal: in a group chat it goes into nothing Quorum sends back, not even a button's data.
      ...(intent.reason && !isGroup(context) ? { reason: intent.reason } : {}),
      onBehalf: Boolean(intent.onBehalfOf),
    };
  };
  const reasonLeftOut = Boolean(intent.reason) && isGroup(context);
  const leftOutNote = reasonLeftOut ? ` ${REASON_LEFT_OUT}` : '';

  switch (match.kind) {
    case 'past': {
      await context.sendActivity({
        attachments: [
          attachment(
            noticeCard('That meeting has already taken place', [
              `The ${match.match.committee.name} met on ${formatMeetingDateTime(match.match.meeting.startsAt)}, so I can't record apologies for it.`,
              'If you meant a future meeting, tell me its date, or type **next meeting** to see when it is.',
            ]),
          ),
        ],
      });
      return;
    }
    case 'none': {
      if (!match.upcoming.length) {
        await context.sendActivity(
          "I couldn't find any upcoming meetings of your committees, so there is nothing to send apologies for yet.",
        );
        return;
      }
      const draft = draftFor(match.upcoming[0]?.committee.id as string);
      await context.sendActivity({
        attachments: [
          attachment(
            chooseCard(
              "I couldn't find that meeting",
              `None of your meetings is on that date. Which did you mean?${leftOutNote}`,
              match.upcoming,
              draft,
            ),
          ),
        ],
      });
      return;
    }
    case 'choose': {
      const draft = draftFor(match.matches[0]?.committee.id as string);
      await context.sendActivity({
        attachments: [
          attachment(
            chooseCard(
              'Which meeting?',
              `More than one meeting fits. Which one are your apologies for?${leftOutNote}`,
              match.matches,
              draft,
            ),
          ),
        ],
      });
      return;
    }
    case 'one': {
      const { committee, meeting } = match.match;
      const subject = subjects.find((s) => s.committee.id === committee.id) as Membership;
      const card = confirmCard({
        committee,
        meeting,
        subject: subject.person,
        onBehalf: Boolean(intent.onBehalfOf),
        draft: draftFor(committee.id),
        groupChat: isGroup(context),
        reasonLeftOut,
        existing: await liveApologyOf(deps.store, committee.id, meeting.id, subject.person.id),
      });
      await context.sendActivity({ attachments: [attachment(card)] });
      return;
    }
  }
}

async function offerWithdrawal(
  context: TurnContext,
  deps: ApologyDeps,
  subjects: Membership[],
  all: Candidate[],
  intent: ApologyIntent,
): Promise<void> {
  const now = deps.now();
  const withApology: { c: Candidate; apology: Apology; subject: Person }[] = [];
  for (const c of all) {
    if (hasFinished(c.meeting, now)) continue;
    const subject = subjects.find((s) => s.committee.id === c.committee.id)?.person;
    if (!subject) continue;
    const apology = await liveApologyOf(deps.store, c.committee.id, c.meeting.id, subject.id);
    if (apology) withApology.push({ c, apology, subject });
  }
  const when = intent.when.kind === 'next' && !intent.when.said ? { kind: 'next' as const, said: false } : intent.when;
  const scoped =
    when.kind === 'next' && !when.said
      ? withApology
      : withApology.filter((w) => {
          const m = matchMeeting(when, [w.c], now, intent.committeeId);
          return m.kind === 'one';
        });
  if (!scoped.length) {
    await context.sendActivity(
      withApology.length
        ? "You have no apologies recorded for that meeting, so there is nothing to withdraw. Type **my apologies** to see the ones you've sent."
        : "You have no apologies recorded for any upcoming meeting, so there's nothing to withdraw. We'll see you there!",
    );
    return;
  }
  await context.sendActivity({
    attachments: [attachment(apologyListCard(scoped, 'Withdraw your apologies?', '', false))],
  });
}

function apologyListCard(
  rows: { c: Candidate; apology: Apology; subject: Person }[],
  title: string,
  emptyText: string,
  showReasons: boolean,
): CardJson {
  return renderCard('apologyList', {
    title,
    emptyText,
    items: rows.map(({ c, apology, subject }) => {
      const substitute = apology.substituteId ? personById(c.committee, apology.substituteId)?.name : undefined;
      const facts = [
        { title: 'Meeting', value: `${c.committee.shortName}, ${formatMeetingDateTime(c.meeting.startsAt)}` },
        { title: 'Substitute', value: substitute ?? 'none' },
        {
          title: 'Sent',
          value: `${formatMeetingDate(apology.recordedAt)}${apology.onBehalf ? ' (recorded by the clerk)' : ''}`,
        },
        ...(showReasons && apology.reason ? [{ title: 'Reason', value: apology.reason }] : []),
      ];
      return {
        heading: subject.name,
        facts,
        withdraw: {
          submissionId: randomUUID(),
          committeeId: c.committee.id,
          meetingId: c.meeting.id,
          personId: subject.id,
          apologyId: apology.id,
        },
      };
    }),
  });
}

// ---------------------------------------------------------------------------------------------
// Card buttons (Action.Execute verbs). Each returns the card that replaces the one pressed.

export async function onPick(context: TurnContext, deps: ApologyDeps, pick: ApologyPick): Promise<CardJson | string> {
  const { meetingId, ...draft } = pick;
  const speaker = await speakerOf(deps.store, context);
  const acting = actingFor(speaker, draft.committeeId, draft.personId);
  if (!acting.ok) return acting.why;
  const meeting = await deps.store.meetings.get(draft.committeeId, meetingId);
  if (!meeting)
    return noticeCard(
      'That meeting no longer exists',
      ['It may have been moved or cancelled. Type **next meeting** to see what is coming up.'],
      'Warning',
    );
  if (hasFinished(meeting, deps.now()) || meeting.status === 'cancelled')
    return noticeCard(
      'That meeting has already taken place',
      [`I can't record apologies for ${formatMeetingDateTime(meeting.startsAt)}.`],
      'Warning',
    );
  return confirmCard({
    committee: acting.membership.committee,
    meeting,
    subject: acting.subject,
    onBehalf: acting.onBehalf,
    draft,
    groupChat: isGroup(context),
    existing: await liveApologyOf(deps.store, draft.committeeId, meetingId, draft.personId),
  });
}

export async function onOthers(
  context: TurnContext,
  deps: ApologyDeps,
  draft: ApologyDraft,
): Promise<CardJson | string> {
  const speaker = await speakerOf(deps.store, context);
  const acting = actingFor(speaker, draft.committeeId, draft.personId);
  if (!acting.ok) return acting.why;
  const committees = acting.onBehalf ? [acting.membership.committee] : speaker.memberships.map((m) => m.committee);
  const now = deps.now();
  const upcoming = (await candidatesFor(deps.store, committees))
    .filter((c) => !hasFinished(c.meeting, now) && c.meeting.status !== 'cancelled')
    .sort((a, b) => Date.parse(a.meeting.startsAt) - Date.parse(b.meeting.startsAt))
    .slice(0, 8);
  if (!upcoming.length)
    return noticeCard('No upcoming meetings', ['There are no upcoming meetings to send apologies for.']);
  return chooseCard('Which meeting?', 'Pick the meeting your apologies are for.', upcoming, draft);
}

export function onCancel(): CardJson {
  return noticeCard('Cancelled', ['Nothing has been recorded.']);
}

/**
 * Records an apology: the one way apologies enter the store, for card confirmations and for the
 * clerk's API alike. The document's id is the idempotency key, so a retry records once.
 */
export async function recordApology(
  store: Store,
  args: {
    key: string;
    committee: Committee;
    meeting: Meeting;
    subject: Person;
    recordedBy: Person;
    substituteId?: string;
    reason?: string;
    onBehalf: boolean;
    now: Date;
  },
): Promise<
  | { outcome: 'recorded' | 'duplicate'; apology: Apology; substitute?: Person }
  | { outcome: 'refused'; why: string; status?: 409 }
> {
  const { committee, meeting, subject } = args;
  if (meeting.committeeId !== committee.id)
    return { outcome: 'refused', why: 'That meeting is not a meeting of this committee.' };
  if (meeting.status === 'cancelled') return { outcome: 'refused', why: 'That meeting has been cancelled.' };
  // After the meeting only the clerk records apologies (ones that came by email), until the minutes are confirmed.
  const byClerk = args.onBehalf && committee.clerks.includes(args.recordedBy.id);
  if (hasFinished(meeting, args.now) && !byClerk)
    return {
      outcome: 'refused',
      why: `The meeting on ${formatMeetingDateTime(meeting.startsAt)} has already taken place, so apologies can't be recorded for it.`,
    };
  if (
    hasFinished(meeting, args.now) &&
    (await store.records.versionsOf(committee.id, meeting.id)).some((v) => v.status === 'confirmed')
  )
    return {
      outcome: 'refused',
      why: `The minutes of the meeting on ${formatMeetingDateTime(meeting.startsAt)} have been confirmed, so its apologies can no longer change.`,
    };
  let substitute: Person | undefined;
  if (args.substituteId) {
    substitute = personById(committee, args.substituteId);
    if (!substitute)
      return { outcome: 'refused', why: `There is no one with id "${args.substituteId}" on the ${committee.name}.` };
    const check = checkSubstitute(committee, subject, substitute);
    if (!check.allowed) return { outcome: 'refused', why: check.why };
  }
  const existing = await liveApologyOf(store, committee.id, meeting.id, subject.id);
  if (existing?.id === args.key) return { outcome: 'duplicate', apology: existing, substitute };
  const apology: Apology = {
    id: args.key,
    kind: 'apology',
    committeeId: committee.id,
    meetingId: meeting.id,
    personId: subject.id,
    recordedBy: args.recordedBy.id,
    recordedAt: args.now.toISOString(),
    withdrawn: false,
    onBehalf: args.onBehalf,
    ...(existing ? { supersedes: existing.id } : {}),
    ...(substitute ? { substituteId: substitute.id } : {}),
    ...(args.reason ? { reason: args.reason } : {}),
  };
  const result = await store.responses.append(apology);
  if (!result.recorded) {
    if (result.reason === 'key-reused' || result.response.kind !== 'apology')
      return { outcome: 'refused', why: KEY_REUSED, status: 409 };
    return { outcome: 'duplicate', apology: result.response, substitute };
  }
  return { outcome: 'recorded', apology, substitute };
}

/** The substitute hears from Quorum directly, with the agenda. */
async function tellSubstitute(
  context: TurnContext,
  deps: ApologyDeps,
  committee: Committee,
  meeting: Meeting,
  subject: Person,
  substitute: Person,
): Promise<Delivery> {
  const seat = memberSeatOf(committee, subject.id);
  const agenda = meeting.agenda.map(
    (i) => `${i.number}. ${i.title}${i.exempt ? ` (exempt: Schedule 12A, paragraph ${i.exempt.paragraph})` : ''}`,
  );
  return sendToPerson(deps, tenantOf(context, deps), substitute, {
    attachments: [
      attachment(
        noticeCard(`You are substituting at the ${committee.shortName}`, [
          `${subject.name} has sent apologies for the ${committee.name}, ${formatMeetingDateTime(meeting.startsAt)}, and named you as their substitute${seat ? ` for ${seat.represents}` : ''}.`,
          `${meeting.venue.name}.`,
          ...(agenda.length
            ? ['**Agenda**', ...agenda]
            : ['The agenda has not been published yet; I will send it when it is.']),
        ]),
      ),
    ],
  });
}

/**
 * The one prologue of the apology card's buttons (their submission already read by its verb's schema):
 * who is acting for whom (a member for themselves, a clerk for anyone on the committee), and the meeting as it is now.
 */
async function apologyAction<T extends { committeeId: string; personId: string; meetingId: string }>(
  context: TurnContext,
  deps: ApologyDeps,
  d: T,
): Promise<{ answer: string } | { d: T; acting: Extract<Acting, { ok: true }>; meeting: Meeting | undefined }> {
  const acting = actingFor(await speakerOf(deps.store, context), d.committeeId, d.personId);
  if (!acting.ok) return { answer: acting.why };
  return { d, acting, meeting: await deps.store.meetings.get(d.committeeId, d.meetingId) };
}

export async function onConfirm(
  context: TurnContext,
  deps: ApologyDeps,
  data: ApologyConfirm,
): Promise<CardJson | string> {
  const action = await apologyAction(context, deps, data);
  if ('answer' in action) return action.answer;
  const { d, acting, meeting } = action;
  if (d.onBehalf !== acting.onBehalf) return MALFORMED;
  const committee = acting.membership.committee;
  if (!meeting)
    return noticeCard(
      'That meeting no longer exists',
      ['Nothing has been recorded. Type **next meeting** to see what is coming up.'],
      'Warning',
    );
  const result = await recordApology(deps.store, {
    key: d.submissionId,
    committee,
    meeting,
    subject: acting.subject,
    recordedBy: acting.membership.person,
    substituteId: d.substituteId,
    reason: isGroup(context) ? undefined : d.reason,
    onBehalf: acting.onBehalf,
    now: deps.now(),
  });
  if (result.outcome === 'refused')
    return noticeCard('Apologies not recorded', [result.why, 'Nothing has been recorded.'], 'Warning');
  const when = formatMeetingDateTime(meeting.startsAt);
  const lines = [`Apologies from ${acting.subject.name} for the ${committee.name}, ${when}, are recorded.`];
  if (result.substitute) {
    lines.push(`${result.substitute.name} will attend in their place.`);
    if (result.outcome === 'recorded') {
      const delivery = await tellSubstitute(context, deps, committee, meeting, acting.subject, result.substitute);
      lines.push(
        delivery === 'sent'
          ? `I've sent ${result.substitute.name} the agenda.`
          : `I couldn't message ${result.substitute.name} in Teams (they haven't used Quorum yet), so please let them know; the clerk can see them on the apologies list.`,
      );
    }
  }
  return noticeCard(result.outcome === 'duplicate' ? 'Already recorded' : 'Apologies recorded', lines, 'Good');
}

/**
 * Withdraws the apology that stands (the one named, when the caller saw a particular one): the one way
 * apologies are withdrawn, for the card and the tab alike. Appends a superseding document.
 */
export async function withdrawApology(
  store: Store,
  args: {
    key: string;
    committee: Committee;
    meeting: Meeting;
    subject: Person;
    recordedBy: Person;
    apologyId?: string;
    onBehalf: boolean;
    now: Date;
  },
): Promise<{ outcome: 'withdrawn' | 'duplicate' } | { outcome: 'refused'; why: string; status?: 409 }> {
  const history = await store.responses.forMeeting(args.committee.id, args.meeting.id);
  const seen = keyIn(history, args.key, { kind: 'apology', personId: args.subject.id });
  if (seen === 'retry') return { outcome: 'duplicate' };
  if (seen === 'reused') return { outcome: 'refused', why: KEY_REUSED, status: 409 };
  const live = liveApologies(history).find((a) => a.personId === args.subject.id);
  if (!live) return { outcome: 'refused', why: `There are no apologies from ${args.subject.name} for that meeting.` };
  if (args.apologyId !== undefined && live.id !== args.apologyId)
    return { outcome: 'refused', why: 'The apologies have changed since you looked; nothing has been withdrawn.' };
  const result = await store.responses.append({
    ...live,
    id: args.key,
    supersedes: live.id,
    withdrawn: true,
    recordedBy: args.recordedBy.id,
    recordedAt: args.now.toISOString(),
    onBehalf: args.onBehalf,
  });
  if (!result.recorded)
    return result.reason === 'duplicate'
      ? { outcome: 'duplicate' }
      : { outcome: 'refused', why: KEY_REUSED, status: 409 };
  return { outcome: 'withdrawn' };
}

export async function onWithdraw(
  context: TurnContext,
  deps: ApologyDeps,
  data: ApologyWithdraw,
): Promise<CardJson | string> {
  const action = await apologyAction(context, deps, data);
  if ('answer' in action) return action.answer;
  const { d, acting, meeting } = action;
  if (!meeting) return noticeCard('That meeting no longer exists', ['Nothing has changed.'], 'Warning');
  if (hasFinished(meeting, deps.now()))
    return noticeCard(
      'That meeting has already taken place',
      ['Apologies for it can no longer be changed.'],
      'Warning',
    );
  const result = await withdrawApology(deps.store, {
    key: d.submissionId,
    committee: acting.membership.committee,
    meeting,
    subject: acting.subject,
    recordedBy: acting.membership.person,
    apologyId: d.apologyId,
    onBehalf: acting.onBehalf,
    now: deps.now(),
  });
  if (result.outcome === 'duplicate')
    return noticeCard(
      'Already withdrawn',
      [`Your apologies for ${formatMeetingDateTime(meeting.startsAt)} were withdrawn.`],
      'Good',
    );
  if (result.outcome === 'refused')
    return noticeCard(
      'Your apologies have changed since this card was sent',
      ['Nothing has been withdrawn. Type **my apologies** to see where things stand.'],
      'Warning',
    );
  return noticeCard(
    'Apologies withdrawn',
    [
      `${acting.subject.name}'s apologies for the ${acting.membership.committee.name}, ${formatMeetingDateTime(meeting.startsAt)}, are withdrawn: we'll expect them at the meeting.`,
    ],
    'Good',
  );
}

// ---------------------------------------------------------------------------------------------
// Lists

async function upcomingWithApologies(deps: ApologyDeps, committees: Committee[], personId?: string, nextOnly = false) {
  const now = deps.now();
  const candidates = (await candidatesFor(deps.store, committees))
    .filter((c) => !hasFinished(c.meeting, now) && c.meeting.status !== 'cancelled')
    .sort((a, b) => Date.parse(a.meeting.startsAt) - Date.parse(b.meeting.startsAt));
  const scoped = nextOnly
    ? candidates.filter((c, i) => candidates.findIndex((x) => x.committee.id === c.committee.id) === i)
    : candidates;
  const rows: { c: Candidate; apology: Apology; subject: Person }[] = [];
  for (const c of scoped) {
    const live = liveApologies(await deps.store.responses.forMeeting(c.committee.id, c.meeting.id));
    for (const apology of live) {
      if (personId && apology.personId !== personId) continue;
      const subject = personById(c.committee, apology.personId);
      if (subject) rows.push({ c, apology, subject });
    }
  }
  return { rows, meetings: scoped };
}

export async function sendMyApologies(context: TurnContext, deps: ApologyDeps, speaker: Speaker): Promise<void> {
  const rows = [];
  for (const m of speaker.memberships)
    rows.push(...(await upcomingWithApologies(deps, [m.committee], m.person.id)).rows);
  await context.sendActivity({
    attachments: [
      attachment(
        apologyListCard(
          rows,
          'Your apologies',
          "You haven't sent apologies for any upcoming meeting.",
          !isGroup(context),
        ),
      ),
    ],
  });
}

/** For the clerk: who has sent apologies for the next meeting of each committee they clerk. */
export async function sendClerkApologies(context: TurnContext, deps: ApologyDeps, speaker: Speaker): Promise<void> {
  const clerked = speaker.memberships.filter((m) => m.roles.includes('clerk')).map((m) => m.committee);
  if (!clerked.length) {
    await context.sendActivity("Only the clerk can see everyone's apologies. Type **my apologies** to see your own.");
    return;
  }
  const { rows, meetings } = await upcomingWithApologies(deps, clerked, undefined, true);
  const title = meetings.length
    ? `Apologies for ${meetings.map((m) => `${m.committee.shortName}, ${formatMeetingDateTime(m.meeting.startsAt)}`).join('; ')}`
    : 'Apologies';
  await context.sendActivity({
    attachments: [
      attachment(
        apologyListCard(
          rows,
          title,
          meetings.length ? 'No apologies have been received yet.' : 'There are no upcoming meetings.',
          !isGroup(context),
        ),
      ),
    ],
  });
}

const verb = verbsAnswering(MALFORMED);

export const APOLOGY_VERBS: VerbTable<ApologyDeps> = {
  'apology.pick': verb({ payload: ApologyPickSchema, handle: onPick }),
  'apology.others': verb({ payload: ApologyDraftSchema, handle: onOthers }),
  'apology.confirm': verb({ payload: ApologyConfirmSchema, handle: onConfirm }),
  'apology.withdraw': verb({ payload: ApologyWithdrawSchema, handle: onWithdraw }),
  'apology.cancel': verb({ payload: EmptyPayloadSchema, handle: async () => onCancel() }),
};

/** my apologies, the clerk's list, and apologies in members' own words. */
export function register(routes: BotRoutes, deps: ApologyDeps): void {
  routes.command(/^\s*(my apologies|my apols)\s*[.!?]?\s*$/i, (c, s) => sendMyApologies(c, deps, s));
  routes.command(
    /^\s*(apologies list|list apologies|who has sent apologies|apologies received)\s*[.!?]?\s*$/i,
    (c, s) => sendClerkApologies(c, deps, s),
  );
  // Free text that reads as an apology ("can't make Friday, Insp. Southall will attend for me"), read
  // with the speaker's own committees, so "can't make LSCSB" names the meeting by its short name.
  const committeesOf = async (context: TurnContext) =>
    (await speakerOf(deps.store, context)).memberships.map((m) => m.committee);
  routes.command(
    async (context) => parseApology(context.activity.text ?? '', deps.now(), await committeesOf(context)) !== undefined,
    async (context, speaker) => {
      const text = context.activity.text ?? '';
      const intent = parseApology(text, deps.now(), await committeesOf(context));
      if (!intent) return;
      // A long email is read from its top; the member is told the rest was not.
      if (text.length > MAX_MESSAGE_CHARS)
        await context.sendActivity(
          `That was a long message, so I read only its first ${MAX_MESSAGE_CHARS.toLocaleString('en-GB')} characters (where apologies usually are); the rest I haven't read.`,
        );
      await onApologyMessage(context, deps, speaker, intent);
    },
  );
  routes.verbs(APOLOGY_VERBS, deps);
}
