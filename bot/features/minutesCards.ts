import type { z } from 'zod';
import type { TurnContext } from 'botbuilder';
import { format } from 'date-fns';
import { attachment, renderCard, type CardJson } from '../../cards/render';
import type { Committee } from '../domain/committee';
import { inLondon } from '../domain/londonTime';
import { byStart, type Meeting } from '../domain/meeting';
import { outcomeProblem, resolutionsFrom, type MinuteText, type PreviousMinutes } from '../domain/minutes';
import { assembleRecord } from '../domain/record';
import type { Store } from '../store/store';
import type { GraphApi } from '../graph/graphClient';
import { MeetingIdPayloadSchema, MinutesItemPayloadSchema, MinutesSavePayloadSchema } from '../teams/cardPayloads';
import { clerkshipsOf, clerkActing, type Speaker } from './identify';
import { draftRecord, isRefusal, previousMeeting, recordInputs, recordPreviousMinutes, saveMinuteText } from './record';
import { verbsAnswering, type BotRoutes, type VerbTable } from '../teams/botRoutes';

export interface MinutesDeps {
  store: Store;
  now: () => Date;
  publicUrl: string;
  graph?: GraphApi;
}

const MALFORMED = "Sorry, I couldn't read that card, so nothing has been saved. Type **minutes** for a fresh one.";

const clerkFor = (context: TurnContext, deps: MinutesDeps, meetingId: string) =>
  clerkActing(deps.store, context, meetingId, 'write the minutes');

async function overviewCard(deps: MinutesDeps, committee: Committee, meeting: Meeting): Promise<CardJson> {
  const record = assembleRecord(await recordInputs(deps.store, committee, meeting, 'full'));
  const when = format(inLondon(meeting.startsAt), 'EEEE d MMMM yyyy');
  return renderCard('minutes', {
    title: `Minutes of the ${committee.shortName}, ${when}`,
    summary: record.missing.length
      ? `${record.minutes.length - record.missing.length} of ${record.minutes.length} items are written. Still to write: ${record.missing.join(', ')}.`
      : `All ${record.minutes.length} items are written.`,
    items: record.minutes.map((m) => ({
      label: `${m.placeholder ? '○' : '●'} ${m.number}. ${m.title}`,
      button: m.placeholder ? 'Write' : 'Edit',
      edit: { meetingId: meeting.id, itemNumber: m.itemNumber },
    })),
    draft: { meetingId: meeting.id },
  });
}

/** `minutes`: for the meeting in progress or just held, what is written and what is not. */
export async function sendMinutesOverview(context: TurnContext, deps: MinutesDeps, speaker: Speaker): Promise<void> {
  const clerked = await clerkshipsOf(
    context,
    speaker,
    'Only the clerk writes the minutes. You will be sent them when they are published.',
  );
  for (const m of clerked) {
    const started = (await deps.store.meetings.forCommittee(m.committee.id))
      .filter((x) => x.status !== 'cancelled' && Date.parse(x.startsAt) <= deps.now().getTime())
      .sort(byStart);
    const meeting = started[started.length - 1];
    if (!meeting) {
      await context.sendActivity(`The ${m.committee.shortName} has not met yet, so there are no minutes to write.`);
      continue;
    }
    await context.sendActivity({ attachments: [attachment(await overviewCard(deps, m.committee, meeting))] });
  }
}

/** For the previous minutes' item: what is recorded about them, and whether Quorum holds that meeting. */
interface PreviousShown {
  recorded?: PreviousMinutes;
  prior?: Meeting;
}

async function previousShown(store: Store, committee: Committee, meeting: Meeting): Promise<PreviousShown> {
  const [minutes, prior] = await Promise.all([
    store.records.minutesOf(committee.id, meeting.id),
    previousMeeting(store, committee.id, meeting),
  ]);
  return { ...(minutes?.previousMinutes ? { recorded: minutes.previousMinutes } : {}), ...(prior ? { prior } : {}) };
}

function editCard(
  meeting: Meeting,
  itemNumber: number,
  text: MinuteText | undefined,
  previous: PreviousShown,
  message = '',
  messageColor: 'Good' | 'Attention' | 'Default' = 'Default',
): CardJson {
  const item = meeting.agenda.find((i) => i.number === itemNumber);
  const prior = previous.prior;
  return renderCard('minuteEdit', {
    title: `Item ${itemNumber}. ${item?.title ?? ''}`,
    message,
    messageColor,
    considered: (text?.paragraphs ?? []).join('\n\n'),
    points: (text?.points ?? []).join('\n'),
    heading: text?.outcome?.heading ?? 'RESOLVED',
    resolutions: (text?.outcome?.resolutions ?? []).join('\n'),
    chairTakesOver: text?.chairTakesOver ? 'true' : 'false',
    exempt: !!item?.exempt,
    publicSummary: text?.publicSummary ?? '',
    previous: {
      shown: item?.standing === 'minutes',
      label: prior
        ? `At this meeting the minutes of ${format(inLondon(prior.startsAt), 'd MMMM yyyy')} were`
        : 'At this meeting the previous minutes were',
      outcome: previous.recorded?.outcome ?? 'unrecorded',
      amendment: previous.recorded?.amendment ?? '',
      needsDate: !prior,
      heldOn: previous.recorded?.heldOn ?? '',
    },
    save: { meetingId: meeting.id, itemNumber },
  });
}

export async function onMinutesEdit(
  context: TurnContext,
  deps: MinutesDeps,
  d: z.infer<typeof MinutesItemPayloadSchema>,
): Promise<CardJson | string> {
  const who = await clerkFor(context, deps, d.meetingId);
  if ('error' in who) return who.error as string;
  const minutes = await deps.store.records.minutesOf(who.committee.id, who.meeting.id);
  return editCard(
    who.meeting,
    d.itemNumber,
    minutes?.items.find((i) => i.itemNumber === d.itemNumber),
    await previousShown(deps.store, who.committee, who.meeting),
  );
}

const lines = (s: string) =>
  s
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);

export async function onMinutesSave(
  context: TurnContext,
  deps: MinutesDeps,
  d: z.infer<typeof MinutesSavePayloadSchema>,
): Promise<CardJson | string> {
  const who = await clerkFor(context, deps, d.meetingId);
  if ('error' in who) return who.error as string;
  const resolutions = resolutionsFrom([d.resolutions]);
  // An outcome chosen with nothing under it, or with words that are not what it records, is said.
  const outcome = d.heading !== 'none' ? outcomeProblem(d.heading, resolutions) : undefined;
  if (outcome) return `${outcome} Nothing has been saved.`;
  // What this card does not show (the lead-in chosen in the workspace) is kept, never wiped by a save here.
  const before = (await deps.store.records.minutesOf(who.committee.id, who.meeting.id))?.items.find(
    (i) => i.itemNumber === d.itemNumber,
  );
  const exempt = !!who.meeting.agenda.find((i) => i.number === d.itemNumber)?.exempt;
  const summary = exempt ? (d.publicSummary ?? before?.publicSummary ?? '').trim() : '';
  const text: MinuteText = {
    itemNumber: d.itemNumber,
    paragraphs: d.considered
      .split(/\n\s*\n/)
      .map((p) => p.replace(/\s*\n\s*/g, ' ').trim())
      .filter(Boolean),
    points: lines(d.points),
    ...(d.heading !== 'none' ? { outcome: { heading: d.heading, resolutions } } : {}),
    ...(before?.pointsIntro ? { pointsIntro: before.pointsIntro } : {}),
    chairTakesOver: d.chairTakesOver ? d.chairTakesOver === 'true' : (before?.chairTakesOver ?? false),
    ...(summary ? { publicSummary: summary } : {}),
  };
  // The previous minutes' item also records what the meeting did with them (confirming Quorum's draft).
  const isMinutesItem = who.meeting.agenda.find((i) => i.number === d.itemNumber)?.standing === 'minutes';
  if (isMinutesItem && d.previousMinutes && d.previousMinutes !== 'unrecorded') {
    const recorded = await recordPreviousMinutes(
      deps.store,
      who.committee,
      who.meeting,
      {
        outcome: d.previousMinutes,
        ...(d.previousMinutes === 'confirmed' && d.amendment?.trim() ? { amendment: d.amendment.trim() } : {}),
        ...(d.heldOn ? { heldOn: d.heldOn } : {}),
      },
      who.clerk.id,
      deps.now(),
    );
    if (isRefusal(recorded)) return `${recorded.why} Nothing has been saved.`;
  }
  const saved = await saveMinuteText(deps.store, who.committee, who.meeting, text, who.clerk.id, deps.now());
  if (isRefusal(saved)) return `${saved.why} Nothing has been saved.`;
  return editCard(
    who.meeting,
    d.itemNumber,
    text,
    await previousShown(deps.store, who.committee, who.meeting),
    'Saved. Type **minutes** to see what is left to write.',
    'Good',
  );
}

export async function onMinutesDraft(
  context: TurnContext,
  deps: MinutesDeps,
  d: z.infer<typeof MeetingIdPayloadSchema>,
): Promise<CardJson | string> {
  const who = await clerkFor(context, deps, d.meetingId);
  if ('error' in who) return who.error as string;
  const result = await draftRecord(deps.store, who.committee, who.meeting, who.clerk.id, deps.now(), deps.graph);
  if (isRefusal(result)) return result.why;
  const v = result.version;
  const base = `${deps.publicUrl}/api/meetings/${encodeURIComponent(who.meeting.id)}/record?version=${v.version}`;
  return renderCard('recordDraft', {
    title: `Draft ${v.version} of the minutes of the ${who.committee.shortName}, ${format(inLondon(who.meeting.startsAt), 'd MMMM yyyy')}`,
    lines: [
      result.created ? 'A new draft has been made.' : 'Nothing has changed since this draft.',
      v.full.missing.length
        ? `Still to write: item${v.full.missing.length === 1 ? '' : 's'} ${v.full.missing.join(', ')}. The draft shows a placeholder for each, and cannot be confirmed until they are written.`
        : 'Every item is written: the draft can be confirmed at the next meeting.',
      ...(result.upload
        ? ['webUrl' in result.upload ? `It is in the committee's files: ${result.upload.webUrl}` : result.upload.error]
        : []),
    ],
    links: { docx: `${base}&format=docx`, html: `${base}&format=html`, public: `${base}&format=html&view=public` },
  });
}

const verb = verbsAnswering(MALFORMED);

export const MINUTES_VERBS: VerbTable<MinutesDeps> = {
  'minutes.edit': verb({ payload: MinutesItemPayloadSchema, handle: onMinutesEdit }),
  'minutes.save': verb({
    payload: MinutesSavePayloadSchema,
    typed: ['considered', 'points', 'resolutions', 'publicSummary', 'amendment', 'heldOn'],
    nothingDone: 'Nothing has been saved.',
    handle: onMinutesSave,
  }),
  'minutes.draft': verb({ payload: MeetingIdPayloadSchema, handle: onMinutesDraft }),
};

/** minutes: the clerk writes the record on cards. */
export function register(routes: BotRoutes, deps: MinutesDeps): void {
  routes.command(/^\s*(minutes|write (the )?minutes|the minutes)\s*[.!?]?\s*$/i, (c, s) =>
    sendMinutesOverview(c, deps, s),
  );
  routes.verbs(MINUTES_VERBS, deps);
}
