import { createHash } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import type { Committee } from '../domain/committee';
import { byStart, type Meeting } from '../domain/meeting';
import { format } from 'date-fns';
import { inLondon } from '../domain/londonTime';
import {
  minutesDraftId,
  outcomeProblem,
  resolutionsFrom,
  type MinuteText,
  type PreviousMinutes,
} from '../domain/minutes';
import { assembleRecord, type MeetingRecord, type RecordInputs, type RecordView } from '../domain/record';
import type { RecordState } from '../render/blocks';
import { renderDocx } from '../render/docx';
import { renderHtml } from '../render/html';
import { renderMarkdown } from '../render/markdown';
import { ConflictError } from '../store/documentStore';
import { recordVersionId, type RecordVersion } from '../store/records';
import type { Store } from '../store/store';
import type { GraphApi } from '../graph/graphClient';
import { log } from '../log';

export type RecordFormat = 'docx' | 'html' | 'md' | 'json';

/** A request refused, with why in words; 503 when a service Quorum depends on (SharePoint, Graph) did not answer. */
export type Refusal = { refused: true; status: 400 | 403 | 404 | 409 | 422 | 503; why: string };
export const refuse = (status: Refusal['status'], why: string): Refusal => ({ refused: true, status, why });

/** Minute numbers run on: the first is the meeting's own, or one after the last confirmed minute before it. */
async function firstMinuteNumber(
  store: Store,
  committee: Committee,
  meeting: Meeting,
  earlier: Meeting[],
): Promise<number> {
  if (meeting.firstMinuteNumber) return meeting.firstMinuteNumber;
  for (const m of [...earlier].reverse()) {
    const confirmed = (await store.records.versionsOf(committee.id, m.id)).find((v) => v.status === 'confirmed');
    const last = confirmed?.full.minutes[confirmed.full.minutes.length - 1]?.number;
    if (last) return last + 1;
  }
  return 1;
}

/** Everything the pure assembler needs, read from the store. */
export async function recordInputs(
  store: Store,
  committee: Committee,
  meeting: Meeting,
  view: RecordView,
): Promise<RecordInputs> {
  const all = (await store.meetings.forCommittee(committee.id)).filter((m) => m.status !== 'cancelled').sort(byStart);
  const earlier = all.filter((m) => Date.parse(m.startsAt) < Date.parse(meeting.startsAt));
  const later = all.filter((m) => Date.parse(m.startsAt) > Date.parse(meeting.startsAt));
  const [responses, actions, minutes, first] = await Promise.all([
    store.responses.forMeeting(committee.id, meeting.id),
    store.actions.forCommittee(committee.id),
    store.records.minutesOf(committee.id, meeting.id),
    firstMinuteNumber(store, committee, meeting, earlier),
  ]);
  return {
    committee,
    meeting,
    responses,
    actions,
    ...(minutes ? { minutes } : {}),
    ...(earlier.length ? { previousMeeting: earlier[earlier.length - 1] } : {}),
    ...(later.length ? { nextMeeting: later[0] } : {}),
    firstMinuteNumber: first,
    view,
  };
}

export async function findMeeting(
  store: Store,
  meetingId: string,
): Promise<{ committee: Committee; meeting: Meeting } | Refusal> {
  const meeting = await store.meetings.find(meetingId);
  if (!meeting) return refuse(404, `Meeting "${meetingId}" was not found.`);
  const committee = await store.committees.get(meeting.committeeId);
  if (!committee) return refuse(404, `Committee "${meeting.committeeId}" was not found.`);
  return { committee, meeting };
}

const isClerk = (committee: Committee, personId: string) => committee.clerks.includes(personId);

/** The record as it stands: a stored version (the latest, or the one asked for), else a preview. */
export async function currentRecord(
  store: Store,
  committee: Committee,
  meeting: Meeting,
  view: RecordView,
  version?: number,
): Promise<{ record: MeetingRecord; version?: RecordVersion } | Refusal> {
  const versions = await store.records.versionsOf(committee.id, meeting.id);
  const chosen = version
    ? versions.find((v) => v.version === version)
    : (versions.find((v) => v.status === 'confirmed') ?? versions[versions.length - 1]);
  if (version && !chosen) return refuse(404, `There is no version ${version} of these minutes.`);
  if (chosen) return { record: view === 'public' ? chosen.public : chosen.full, version: chosen };
  return { record: assembleRecord(await recordInputs(store, committee, meeting, view)) };
}

/**
 * Assembles the minutes as a new draft version, unless nothing has changed since the last draft.
 * Confirmed minutes are frozen: no more drafts.
 */
export type Upload = { webUrl: string } | { error: string };

/**
 * Puts a draft into the committee's files (its Teams channel's SharePoint folder): the full minutes if
 * only members can open the folder, else the public version.
 */
async function uploadDraft(
  graph: GraphApi | undefined,
  committee: Committee,
  version: RecordVersion,
): Promise<Upload | undefined> {
  if (!graph || !committee.files) return undefined;
  const members = committee.files.audience === 'members';
  const record = members ? version.full : version.public;
  const name = `${version.meetingId} minutes draft ${version.version}${members ? '' : ' (public)'}.docx`;
  try {
    const item = await graph.uploadFile(
      committee.files.driveId,
      `${committee.files.folder}/${name}`,
      Buffer.from(await renderRecord(record, 'docx', 'draft')),
      CONTENT_TYPES.docx,
    );
    return { webUrl: item.webUrl };
  } catch (err) {
    log.warn('minutes-upload-failed', {
      committee: committee.id,
      meeting: version.meetingId,
      error: (err as Error).message,
    });
    return {
      error: "The draft could not be put in the committee's files; it is still available from the links below.",
    };
  }
}

export async function draftRecord(
  store: Store,
  committee: Committee,
  meeting: Meeting,
  by: string,
  now: Date,
  graph?: GraphApi,
): Promise<{ version: RecordVersion; created: boolean; upload?: Upload } | Refusal> {
  if (!isClerk(committee, by)) return refuse(403, 'Only a clerk of the committee can draft the minutes.');
  for (let attempt = 0; attempt < 10; attempt++) {
    const versions = await store.records.versionsOf(committee.id, meeting.id);
    if (versions.some((v) => v.status === 'confirmed'))
      return refuse(409, 'These minutes have been confirmed and are frozen.');
    const [full, pub] = await Promise.all([
      recordInputs(store, committee, meeting, 'full').then(assembleRecord),
      recordInputs(store, committee, meeting, 'public').then(assembleRecord),
    ]);
    const latest = versions[versions.length - 1];
    if (latest && isDeepStrictEqual(latest.full, full) && isDeepStrictEqual(latest.public, pub))
      return { version: latest, created: false };
    const number = (latest?.version ?? 0) + 1;
    try {
      const version = await store.records.addVersion({
        id: recordVersionId(meeting.id, number),
        committeeId: committee.id,
        meetingId: meeting.id,
        version: number,
        status: 'draft',
        full,
        public: pub,
        createdAt: now.toISOString(),
        createdBy: by,
      });
      const upload = await uploadDraft(graph, committee, version);
      return { version, created: true, ...(upload ? { upload } : {}) };
    } catch (err) {
      if (!(err instanceof ConflictError)) throw err;
    }
  }
  return refuse(409, 'Another draft was being made at the same moment; please try again.');
}

/**
 * The next meeting confirms the minutes ("taken as read and confirmed as a correct record", perhaps
 * "subject to an amendment that …"): the version is frozen, and the amendment is printed in that
 * meeting's own minutes.
 */
export async function confirmRecord(
  store: Store,
  committee: Committee,
  meeting: Meeting,
  args: { version: number; atMeetingId: string; amendment?: string; by: string },
  now: Date,
): Promise<RecordVersion | Refusal> {
  if (!isClerk(committee, args.by)) return refuse(403, 'Only a clerk of the committee can mark minutes as confirmed.');
  const at = await store.meetings.get(committee.id, args.atMeetingId);
  if (!at || Date.parse(at.startsAt) <= Date.parse(meeting.startsAt))
    return refuse(422, 'Minutes are confirmed at a later meeting of the same committee.');
  const versions = await store.records.versionsOf(committee.id, meeting.id);
  if (versions.some((v) => v.status === 'confirmed')) return refuse(409, 'These minutes have already been confirmed.');
  const latest = versions[versions.length - 1];
  if (!latest || latest.version !== args.version)
    return refuse(409, `Only the latest draft (version ${latest?.version ?? 'none'}) can be confirmed.`);
  if (latest.full.missing.length)
    return refuse(
      422,
      `The minutes are not finished: item${latest.full.missing.length === 1 ? '' : 's'} ${latest.full.missing.join(', ')} still need text.`,
    );
  const confirmed = await store.records.confirm(committee.id, latest.id, (v) => ({
    ...v,
    status: 'confirmed',
    confirmedAt: now.toISOString(),
    confirmedAtMeeting: at.id,
    ...(args.amendment ? { amendment: args.amendment } : {}),
  }));
  // The meeting that confirmed them says so in its own minutes, with the amendment if there was one.
  await store.records.updateMinutes(committee.id, at.id, (m) => ({
    ...(m ?? { id: minutesDraftId(at.id), committeeId: committee.id, meetingId: at.id, items: [] }),
    previousMinutes: { outcome: 'confirmed', ...(args.amendment ? { amendment: args.amendment } : {}) },
    updatedAt: now.toISOString(),
    updatedBy: args.by,
  }));
  return confirmed;
}

/** The committee's meeting before this one, if Quorum holds it: whose minutes this one deals with. */
export async function previousMeeting(
  store: Store,
  committeeId: string,
  meeting: Meeting,
): Promise<Meeting | undefined> {
  return (await store.meetings.forCommittee(committeeId))
    .filter((m) => m.status !== 'cancelled' && Date.parse(m.startsAt) < Date.parse(meeting.startsAt))
    .sort(byStart)
    .at(-1);
}

/**
 * What this meeting did with the previous meeting's minutes, as the clerk records it: confirmed
 * (with an amendment), circulated and noted, or deferred. Where Quorum holds the previous minutes,
 * "confirmed" confirms them (the latest draft, frozen, as `confirmRecord`); otherwise (minutes kept
 * before Quorum) it is recorded here with the date they were held.
 */
export async function recordPreviousMinutes(
  store: Store,
  committee: Committee,
  meeting: Meeting,
  previous: PreviousMinutes,
  by: string,
  now: Date,
): Promise<PreviousMinutes | Refusal> {
  if (!isClerk(committee, by)) return refuse(403, 'Only a clerk of the committee can record this.');
  if (Date.parse(meeting.startsAt) > now.getTime())
    return refuse(422, 'The meeting has not started yet: record what it did with the previous minutes once it has.');
  if ((await store.records.versionsOf(committee.id, meeting.id)).some((v) => v.status === 'confirmed'))
    return refuse(409, 'These minutes have been confirmed and are frozen.');
  const prior = await previousMeeting(store, committee.id, meeting);
  const versions = prior ? await store.records.versionsOf(committee.id, prior.id) : [];
  const confirmedVersion = versions.find((v) => v.status === 'confirmed');
  if (previous.heldOn && prior)
    return refuse(
      422,
      `Quorum holds the previous meeting (${format(inLondon(prior.startsAt), 'd MMMM yyyy')}): there is no date to give.`,
    );
  if (!prior && !previous.heldOn)
    return refuse(422, 'Quorum holds no earlier meeting of this committee: say when the previous meeting was held.');
  if (prior && confirmedVersion && confirmedVersion.confirmedAtMeeting !== meeting.id)
    return refuse(409, 'The previous minutes were confirmed at another meeting.');
  if (prior && confirmedVersion)
    return previous.outcome === 'confirmed' && (previous.amendment ?? '') === (confirmedVersion.amendment ?? '')
      ? previous
      : refuse(409, 'The previous minutes have been confirmed at this meeting and are frozen.');
  if (prior && versions.length && previous.outcome === 'confirmed' && !confirmedVersion) {
    const latest = versions[versions.length - 1]!;
    const done = await confirmRecord(
      store,
      committee,
      prior,
      {
        version: latest.version,
        atMeetingId: meeting.id,
        by,
        ...(previous.amendment ? { amendment: previous.amendment } : {}),
      },
      now,
    );
    return isRefusal(done) ? done : previous;
  }
  if (prior && !versions.length && previous.outcome === 'confirmed')
    return refuse(
      422,
      'Quorum has no draft of the previous minutes to confirm: make the draft first (Minutes), then confirm it here.',
    );
  await store.records.updateMinutes(committee.id, meeting.id, (m) => ({
    ...(m ?? { id: minutesDraftId(meeting.id), committeeId: committee.id, meetingId: meeting.id, items: [] }),
    previousMinutes: previous,
    updatedAt: now.toISOString(),
    updatedBy: by,
  }));
  return previous;
}

/** The clerk's text for one item, kept until the minutes are confirmed. */
export async function saveMinuteText(
  store: Store,
  committee: Committee,
  meeting: Meeting,
  text: MinuteText,
  by: string,
  now: Date,
): Promise<MinuteText | Refusal> {
  if (!isClerk(committee, by)) return refuse(403, 'Only a clerk of the committee can write the minutes.');
  if (!meeting.agenda.some((i) => i.number === text.itemNumber))
    return refuse(400, `The agenda has no item ${text.itemNumber}.`);
  // However the lines came (a card's text box, the workspace, the API), a list stays with its resolution.
  if (text.outcome)
    text = { ...text, outcome: { ...text.outcome, resolutions: resolutionsFrom(text.outcome.resolutions) } };
  const outcome = text.outcome && outcomeProblem(text.outcome.heading, text.outcome.resolutions);
  if (outcome) return refuse(422, outcome);
  if (Date.parse(meeting.startsAt) > now.getTime())
    return refuse(422, 'The meeting has not started yet, so there is nothing to minute.');
  const versions = await store.records.versionsOf(committee.id, meeting.id);
  if (versions.some((v) => v.status === 'confirmed'))
    return refuse(409, 'These minutes have been confirmed and are frozen.');
  await store.records.updateMinutes(committee.id, meeting.id, (m) => ({
    ...(m ?? { id: minutesDraftId(meeting.id), committeeId: committee.id, meetingId: meeting.id }),
    items: [...(m?.items ?? []).filter((i) => i.itemNumber !== text.itemNumber), text].sort(
      (a, b) => a.itemNumber - b.itemNumber,
    ),
    updatedAt: now.toISOString(),
    updatedBy: by,
  }));
  return text;
}

export const CONTENT_TYPES: Record<RecordFormat, string> = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  html: 'text/html; charset=utf-8',
  md: 'text/markdown; charset=utf-8',
  json: 'application/json; charset=utf-8',
};

/**
 * Minutes already rendered, by what they were rendered from (the record's content, the format and
 * DRAFT or not): the same record always renders to the same file, so a record version's Word file is
 * built once per process, not on every download (a 2,000-row action log takes over a second to lay
 * out). A cache of a pure function's answers: it never decides anything. Bounded by entries and bytes.
 */
const rendered = new Map<string, Buffer | string>();
const RENDERED_ENTRIES = 32;
const RENDERED_BYTES = 64 * 1024 * 1024;
const sizeOf = (v: Buffer | string) => (typeof v === 'string' ? v.length * 2 : v.byteLength);

/** The minutes in a format; `state`: DRAFT is marked on every copy until they are confirmed. */
export async function renderRecord(
  record: MeetingRecord,
  format: RecordFormat,
  state: RecordState,
): Promise<Buffer | string> {
  const key = `${format}:${state}:${createHash('sha256').update(JSON.stringify(record)).digest('hex')}`;
  const known = rendered.get(key);
  if (known !== undefined) {
    // Most recently used last, so the least used goes first.
    rendered.delete(key);
    rendered.set(key, known);
    return known;
  }
  const made = await renderAfresh(record, format, state);
  rendered.set(key, made);
  let total = [...rendered.values()].reduce((n, v) => n + sizeOf(v), 0);
  for (const [k, v] of rendered) {
    if (rendered.size <= RENDERED_ENTRIES && total <= RENDERED_BYTES) break;
    rendered.delete(k);
    total -= sizeOf(v);
  }
  return made;
}

async function renderAfresh(record: MeetingRecord, format: RecordFormat, state: RecordState): Promise<Buffer | string> {
  switch (format) {
    case 'docx':
      return renderDocx(record, state);
    case 'html':
      return renderHtml(record, state);
    case 'md':
      return renderMarkdown(record, state);
    case 'json':
      return JSON.stringify(record, null, 2);
  }
}

export const isRefusal = (x: unknown): x is Refusal =>
  typeof x === 'object' && x !== null && (x as Refusal).refused === true;
