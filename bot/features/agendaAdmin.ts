import type { z } from 'zod';
import { TurnContext } from 'botbuilder';
import { format } from 'date-fns';
import { attachment, renderCard, type CardData, type CardJson } from '../../cards/render';
import {
  addItem,
  moveItem,
  publishedIds,
  removeItem,
  renumberedPublished,
  renumberWarning,
  type AgendaEdit,
  type NewItem,
} from '../domain/agenda';
import type { Committee } from '../domain/committee';
import { formatMeetingDateTime, inLondon } from '../domain/londonTime';
import { byStart, type AgendaItem, type Meeting } from '../domain/meeting';
import { checkNotice } from '../domain/noticePeriod';
import type { Store } from '../store/store';
import {
  AgendaFormPayloadSchema,
  AgendaMovePayloadSchema,
  AgendaRemovePayloadSchema,
  MeetingIdPayloadSchema,
  type AgendaFormPayload,
} from '../teams/cardPayloads';
import {
  circulateRevision,
  circulationReport,
  circulationTotals,
  publishAgenda,
  publishSupplement,
  type CirculationRow,
  type OutboxSender,
  type Publication,
  type PublishDeps,
} from './circulation';
import { clerkshipsOf, clerkActing, type Speaker } from './identify';
import { findMeeting, isRefusal, type Refusal } from './record';
import { verbsAnswering, type BotRoutes, type VerbSpec, type VerbTable } from '../teams/botRoutes';
import { MeetingRefSchema } from '../teams/cardPayloads';
import { onPick, type ApologyDeps } from './apologies';
import { recordOpened } from './circulation';
import { onDeclarationForm, type DeclarationDeps } from './declarations';
import { speakerOf } from './identify';
import { pageCitation } from '../domain/agendaPack';
import type { GraphApi } from '../graph/graphClient';

export interface AgendaDeps {
  store: Store;
  now: () => Date;
  sender: OutboxSender;
  /** Where reports are kept, for publishing builds the pack first. */
  graph?: GraphApi;
  filesDir?: string;
}

const MALFORMED = "Sorry, I couldn't read that card, so nothing has changed. Type **agenda** for a fresh one.";
const day = (iso: string) => format(inLondon(iso), 'EEEE d MMMM yyyy');

/**
 * One edit to a meeting's agenda, by its clerk, applied under the meeting's ETag: the edit is
 * worked out again on the agenda as it is now, so two clerks editing at once both keep their change.
 */
export async function changeAgenda(
  deps: PublishDeps,
  committee: Committee,
  meeting: Meeting,
  by: string,
  edit: (agenda: readonly AgendaItem[]) => AgendaEdit,
  /** The clerk has confirmed renumbering a published agenda: a revised agenda then goes to everyone. */
  renumber = false,
): Promise<Meeting | Refusal> {
  if (!committee.clerks.includes(by))
    return { refused: true, status: 403, why: 'Only a clerk of the committee can change the agenda.' };
  if (meeting.status === 'cancelled' || meeting.status === 'closed' || meeting.status === 'in-progress')
    return {
      refused: true,
      status: 409,
      why: 'That meeting has already been held or cancelled, so its agenda is fixed.',
    };
  let refusal: Refusal | undefined;
  let revised = false;
  const updated = await deps.store.meetings.update(committee.id, meeting.id, (m) => {
    refusal = undefined;
    revised = false;
    const result = edit(m.agenda);
    if (!result.ok) {
      refusal = { refused: true, status: 422, why: result.why };
      return m;
    }
    // What members already hold keeps its numbers, unless the clerk says otherwise.
    const changed = m.publication ? renumberedPublished(m.agenda, result.agenda, publishedIds(m)) : [];
    if (changed.length && !renumber) {
      refusal = { refused: true, status: 409, why: renumberWarning(changed) };
      return m;
    }
    revised = changed.length > 0;
    return { ...m, agenda: result.agenda };
  });
  if (refusal) return refusal;
  return revised ? circulateRevision(deps, committee, updated, by) : updated;
}

/** "Written report, Pages 31 - 42. Joanne White will give a presentation. Exempt (paragraph 7)." */
function describeItem(i: AgendaItem): string {
  const kind = { written: 'Written report', presentation: 'Presentation', oral: 'Oral' }[i.kind];
  const parts = [
    `**${i.number}. ${i.title}**`,
    i.standing ? 'Standing item.' : `${kind}${i.papers?.pages ? ` ${pageCitation(i.papers)}` : ''}.`,
    i.presenter ?? '',
    i.exempt ? `Exempt (paragraph ${i.exempt.paragraph} of Schedule 12A).` : '',
  ];
  return parts.filter(Boolean).join(' ');
}

function noticeLine(committee: Committee, meeting: Meeting, now: Date): { text: string; late: boolean } {
  const p = meeting.publication;
  if (p) {
    const supplements = meeting.supplements.length
      ? ` ${meeting.supplements.length} supplementary agenda${meeting.supplements.length === 1 ? '' : 's'} since.`
      : '';
    return {
      text: `Published ${day(p.publishedAt)} with ${p.clearDays} clear working days' notice${p.urgentReason ? ` (late: ${p.urgentReason})` : ''}.${supplements} Type **circulation** to see who has it.`,
      late: false,
    };
  }
  if (meeting.scheduledPublication)
    return { text: `Set to be published at ${formatMeetingDateTime(meeting.scheduledPublication.at)}.`, late: false };
  const notice = checkNotice(meeting.startsAt, now, committee.notice);
  return {
    text: notice.late
      ? `${notice.explanation} Publishing now needs the reason it is late, which is recorded.`
      : `${notice.explanation} The last day to publish with full notice is ${day(notice.lastDayToPublish)}.`,
    late: notice.late,
  };
}

/** What the add/edit form shows: empty to add, an item's values to edit, or what the clerk typed when it was refused. */
type FormState = { editing?: { itemId: string; item: number } } & Partial<Omit<AgendaFormPayload, 'meetingId'>>;

function formFor(meetingId: string, state: FormState = {}): CardData['agendaAdmin']['form'] {
  const editing = state.editing;
  return {
    heading: editing ? `Edit item ${editing.item}` : 'Add an item',
    title: state.title ?? '',
    presenter: state.presenter ?? '',
    link: state.link ?? '',
    kind: state.kind ?? 'written',
    exempt: state.exempt ?? 'none',
    button: editing ? `Save item ${editing.item}` : 'Add to the agenda',
    verb: editing ? 'agenda.save' : 'agenda.add',
    data: editing ? { meetingId, ...editing } : { meetingId },
  };
}

const formOfItem = (i: AgendaItem): FormState => ({
  editing: { itemId: i.id, item: i.number },
  title: i.title,
  presenter: i.presenter ?? '',
  link: i.papers?.links[0]?.url ?? '',
  kind: i.kind,
  exempt: i.exempt ? (String(i.exempt.paragraph) as FormState['exempt']) : 'none',
});

interface Shown {
  message?: string;
  color?: 'Good' | 'Attention' | 'Default';
  form?: FormState;
  /** A refused change to a published agenda, offered again with the clerk's confirmation. */
  confirm?: { verb: 'agenda.move' | 'agenda.remove'; data: CardData['agendaAdmin']['items'][number]['up'] };
}

export function agendaAdminCard(committee: Committee, meeting: Meeting, now: Date, shown: Shown = {}): CardJson {
  const notice = noticeLine(committee, meeting, now);
  const published = !!meeting.publication;
  const ref = (i: AgendaItem) => ({ meetingId: meeting.id, itemId: i.id, title: i.title });
  return renderCard('agendaAdmin', {
    title: `Agenda: ${committee.shortName}, ${formatMeetingDateTime(meeting.startsAt)}`,
    notice: notice.text,
    noticeColor: published ? 'Good' : notice.late ? 'Attention' : 'Default',
    message: shown.message ?? '',
    messageColor: shown.color ?? 'Default',
    confirm: shown.confirm
      ? {
          shown: true,
          title:
            shown.confirm.verb === 'agenda.move'
              ? 'Move it, renumber, and send everyone a revised agenda'
              : 'Remove it, renumber, and send everyone a revised agenda',
          verb: shown.confirm.verb,
          data: { ...shown.confirm.data, renumber: true },
        }
      : { shown: false, title: '', verb: 'agenda.move', data: null },
    items: meeting.agenda.map((i) => ({
      line: describeItem(i),
      movable: !i.standing,
      up: { ...ref(i), to: i.number - 1 },
      down: { ...ref(i), to: i.number + 1 },
      remove: ref(i),
    })),
    add: { meetingId: meeting.id },
    form: formFor(meeting.id, shown.form),
    reasonLabel: published
      ? 'A late item: the Chairman’s reason it cannot wait (printed on the supplementary agenda)'
      : notice.late
        ? 'The agenda is late: the reason it must go ahead now (recorded)'
        : 'Reason, only if the agenda is late',
    publishLabel: published
      ? 'Send supplementary agenda'
      : notice.late
        ? 'Publish late agenda'
        : 'Publish and circulate',
    publishVerb: published ? 'agenda.supplement' : 'agenda.publish',
    publish: { meetingId: meeting.id },
  });
}

/** `agenda`: the clerk gets the next meeting's agenda to edit; anyone else the agenda as circulated. */
export async function sendAgendaAdmin(context: TurnContext, deps: AgendaDeps, speaker: Speaker): Promise<void> {
  for (const m of speaker.memberships) {
    const next = (await deps.store.meetings.forCommittee(m.committee.id))
      .filter((x) => x.status !== 'cancelled' && Date.parse(x.startsAt) > deps.now().getTime())
      .sort(byStart)[0];
    if (!next) {
      await context.sendActivity(`The ${m.committee.shortName} has no meetings coming up.`);
      continue;
    }
    if (m.roles.includes('clerk')) {
      await context.sendActivity({ attachments: [attachment(agendaAdminCard(m.committee, next, deps.now()))] });
      continue;
    }
    if (!next.publication) {
      await context.sendActivity(
        `The agenda for the ${m.committee.shortName} on ${day(next.startsAt)} has not been published yet. You will be sent it when it is.`,
      );
      continue;
    }
    await context.sendActivity({
      attachments: [attachment(await deps.sender.cardFor(m.committee, next, m.person.id))],
    });
  }
}

/** The card again as the agenda now stands, with a message (and the clerk's form as they left it). */
async function refreshed(deps: AgendaDeps, meetingId: string, shown: Shown): Promise<CardJson | string> {
  const found = await findMeeting(deps.store, meetingId);
  return isRefusal(found)
    ? (shown.message ?? MALFORMED)
    : agendaAdminCard(found.committee, found.meeting, deps.now(), shown);
}

/** Whether a change went out as a revised agenda (the clerk confirmed renumbering a published one). */
function revisedMessage(before: Meeting, after: Meeting): Shown {
  return after.supplements.length > before.supplements.length && after.supplements.at(-1)?.revision
    ? { message: 'The agenda has been renumbered; a revised agenda is on its way to everyone.', color: 'Good' }
    : {};
}

const STALE = (what: string) =>
  `The agenda has changed since this card was shown, so nothing was ${what}. Here it is as it stands.`;

/**
 * A move or a removal from the card: applied to the agenda as it is now (by the item's id), and on a
 * published agenda refused with what would be renumbered, the card then offering the confirmation.
 */
async function changeFromCard(
  context: TurnContext,
  deps: AgendaDeps,
  ask: { meetingId: string; itemId: string; renumber?: true },
  what: 'moved' | 'removed',
  confirm: NonNullable<Shown['confirm']>,
  edit: (agenda: readonly AgendaItem[], number: number) => AgendaEdit,
): Promise<{ card: CardJson | string } | { before: Meeting; after: Meeting; committee: Committee }> {
  const c = await clerkActing(deps.store, context, ask.meetingId, 'change the agenda');
  if ('error' in c) return { card: c.error as string };
  const result = await changeAgenda(
    deps,
    c.committee,
    c.meeting,
    c.clerk.id,
    (agenda) => {
      const item = agenda.find((i) => i.id === ask.itemId);
      return item ? edit(agenda, item.number) : { ok: false, why: STALE(what) };
    },
    ask.renumber === true,
  );
  if (isRefusal(result))
    return {
      card: await refreshed(deps, ask.meetingId, {
        message: result.why,
        color: 'Attention',
        ...(result.status === 409 && !ask.renumber ? { confirm } : {}),
      }),
    };
  return { before: c.meeting, after: result, committee: c.committee };
}

export async function onAgendaMove(
  context: TurnContext,
  deps: AgendaDeps,
  d: z.infer<typeof AgendaMovePayloadSchema>,
): Promise<CardJson | string> {
  const { meetingId, itemId, title, to } = d;
  const done = await changeFromCard(
    context,
    deps,
    d,
    'moved',
    { verb: 'agenda.move', data: { meetingId, itemId, title, to } },
    (agenda, number) => moveItem(agenda, number, to),
  );
  if ('card' in done) return done.card;
  return agendaAdminCard(done.committee, done.after, deps.now(), revisedMessage(done.before, done.after));
}

export async function onAgendaRemove(
  context: TurnContext,
  deps: AgendaDeps,
  d: z.infer<typeof AgendaRemovePayloadSchema>,
): Promise<CardJson | string> {
  const { meetingId, itemId, title } = d;
  const done = await changeFromCard(
    context,
    deps,
    d,
    'removed',
    { verb: 'agenda.remove', data: { meetingId, itemId, title } },
    (agenda, number) => removeItem(agenda, number),
  );
  if ('card' in done) return done.card;
  const revised = revisedMessage(done.before, done.after);
  return agendaAdminCard(done.committee, done.after, deps.now(), {
    message: `Removed "${title}".${revised.message ? ` ${revised.message}` : ''}`,
    color: 'Good',
  });
}

/** Edit: the form, filled in with the item as it is. */
export async function onAgendaEdit(
  context: TurnContext,
  deps: AgendaDeps,
  d: z.infer<typeof AgendaRemovePayloadSchema>,
): Promise<CardJson | string> {
  const c = await clerkActing(deps.store, context, d.meetingId, 'change the agenda');
  if ('error' in c) return c.error as string;
  const item = c.meeting.agenda.find((i) => i.id === d.itemId);
  if (!item)
    return agendaAdminCard(c.committee, c.meeting, deps.now(), { message: STALE('changed'), color: 'Attention' });
  return agendaAdminCard(c.committee, c.meeting, deps.now(), { form: formOfItem(item) });
}

/** Cancel an edit, or just look again. */
export async function onAgendaView(
  context: TurnContext,
  deps: AgendaDeps,
  d: z.infer<typeof MeetingIdPayloadSchema>,
): Promise<CardJson | string> {
  const c = await clerkActing(deps.store, context, d.meetingId, 'change the agenda');
  if ('error' in c) return c.error as string;
  return agendaAdminCard(c.committee, c.meeting, deps.now());
}

/** The card's form as an agenda item (title, presenter, link, kind, exempt paragraph); pages are the pack's. */
export function itemFromForm(form: AgendaFormPayload): NewItem | string {
  const title = form.title?.trim() ?? '';
  if (!title) return 'Give the item a title.';
  const links = form.link ? [{ title: 'Report', url: form.link }] : [];
  return {
    title,
    kind: form.kind ?? 'written',
    ...(form.presenter?.trim() ? { presenter: form.presenter.trim() } : {}),
    ...(links.length ? { papers: { links } } : {}),
    ...(form.exempt && form.exempt !== 'none' ? { exempt: { paragraph: Number(form.exempt) } } : {}),
  };
}

/** A refused form comes back with what the clerk typed, so nothing they wrote is lost. */
function keptForm(data: unknown): { meetingId?: string; form: FormState } {
  const raw = (typeof data === 'object' && data ? data : {}) as Record<string, unknown>;
  const text = (k: string) => (typeof raw[k] === 'string' ? (raw[k] as string) : undefined);
  const kind = text('kind');
  const exempt = text('exempt');
  const item = raw.item;
  const itemId = text('itemId');
  return {
    ...(text('meetingId') ? { meetingId: text('meetingId') } : {}),
    form: {
      ...(typeof item === 'number' && itemId !== undefined ? { editing: { itemId, item } } : {}),
      title: (text('title') ?? '').slice(0, 300),
      presenter: (text('presenter') ?? '').slice(0, 500),
      link: (text('link') ?? '').slice(0, 1000),
      ...(kind === 'written' || kind === 'presentation' || kind === 'oral' ? { kind } : {}),
      ...(exempt && /^(none|[1-7])$/.test(exempt) ? { exempt: exempt as FormState['exempt'] } : {}),
    },
  };
}

/** Add (verb agenda.add) or save an edited item (agenda.save). */
export async function onAgendaItem(
  context: TurnContext,
  deps: AgendaDeps,
  form: AgendaFormPayload,
): Promise<CardJson | string> {
  const c = await clerkActing(deps.store, context, form.meetingId, 'change the agenda');
  if ('error' in c) return c.error as string;
  const kept = keptForm(form).form;
  const item = itemFromForm(form);
  if (typeof item === 'string')
    return agendaAdminCard(c.committee, c.meeting, deps.now(), {
      message: `${item} Nothing was saved.`,
      color: 'Attention',
      form: kept,
    });
  const editing = form.itemId !== undefined ? form.itemId : undefined;
  const result = await changeAgenda(deps, c.committee, c.meeting, c.clerk.id, (agenda) => {
    if (!editing) return addItem(agenda, item, undefined, !!c.meeting.publication);
    const current = agenda.find((i) => i.id === editing);
    if (!current) return { ok: false, why: STALE('saved') };
    // The form edits what it shows; a standing item keeps its kind of standing, and its id.
    const { presenter: _p, papers: _pp, exempt: _e, ...kept } = current;
    const merged = { ...kept, ...item, id: current.id, ...(current.standing ? { standing: current.standing } : {}) };
    return { ok: true, agenda: agenda.map((i) => (i.id === editing ? { ...merged, number: i.number } : i)) };
  });
  if (isRefusal(result)) return refreshed(deps, c.meeting.id, { message: result.why, color: 'Attention', form: kept });
  const number = editing
    ? result.agenda.find((i) => i.id === editing)?.number
    : result.agenda.find((i) => i.title === item.title && !i.standing)?.number;
  const later = result.publication ? ' Send a supplementary agenda to circulate it.' : '';
  return agendaAdminCard(c.committee, result, deps.now(), {
    message: editing ? `Item ${number ?? ''} saved.` : `Added as item ${number ?? ''}.${later}`,
    color: 'Good',
  });
}

function publishedMessage(p: Publication, what: string): string {
  if (p.scheduled) return `The ${what} will be published at ${formatMeetingDateTime(p.scheduled)}.`;
  return `The ${what} is on its way to ${p.queued} recipient${p.queued === 1 ? '' : 's'}. Type **circulation** to see who has it.`;
}

export async function onAgendaPublish(
  context: TurnContext,
  deps: AgendaDeps,
  form: AgendaFormPayload,
  supplement: boolean,
): Promise<CardJson | string> {
  const c = await clerkActing(deps.store, context, form.meetingId, 'publish the agenda');
  if ('error' in c) return c.error as string;
  const kept = keptForm(form).form;
  const reason = form.reason?.trim();
  const refuse = (message: string) =>
    agendaAdminCard(c.committee, c.meeting, deps.now(), { message, color: 'Attention', form: kept });
  // An item typed into the form but not added would go out missing: say so rather than lose it.
  if (form.title?.trim())
    return refuse(
      `"${form.title.trim()}" is in the form but not on the agenda yet. Add it (or clear the title) first; nothing was sent.`,
    );
  if (supplement && !reason)
    return refuse('A supplementary agenda needs the Chairman’s reason why the item cannot wait; nothing was sent.');
  const result = supplement
    ? await publishSupplement(deps, c.committee, c.meeting, { by: c.clerk.id, reason: reason ?? '' })
    : await publishAgenda(deps, c.committee, c.meeting, {
        by: c.clerk.id,
        ...(reason ? { urgentReason: reason } : {}),
      });
  if (isRefusal(result))
    return refreshed(deps, c.meeting.id, {
      message: `${result.why} Nothing was sent.`,
      color: 'Attention',
      form: kept,
    });
  void deps.sender.kick();
  return refreshed(deps, c.meeting.id, {
    message: publishedMessage(result, supplement ? 'supplementary agenda' : 'agenda'),
    color: 'Good',
  });
}

/**
 * `post agendas here`, typed by the clerk in the committee's channel or group chat: the agenda card
 * goes there from now on. With several committees, `post LSCSB agendas here` says which.
 */
export async function onPostAgendasHere(context: TurnContext, deps: AgendaDeps, speaker: Speaker): Promise<void> {
  const conversation = context.activity.conversation;
  if (!conversation || conversation.conversationType === 'personal') {
    await context.sendActivity(
      "Type this in the committee's channel or group chat, and I'll post agendas there. Everyone on the committee gets their own copy here too.",
    );
    return;
  }
  const clerked = speaker.memberships.filter((m) => m.roles.includes('clerk'));
  const named = /post (?:the )?(?:([\w-]+) )?agendas? here/i.exec(context.activity.text ?? '')?.[1]?.toLowerCase();
  const chosen = named ? clerked.filter((m) => m.committee.shortName.toLowerCase() === named) : clerked;
  if (!clerked.length) {
    await context.sendActivity('Only the clerk can choose where agendas are posted.');
    return;
  }
  if (chosen.length !== 1) {
    await context.sendActivity(
      `Which committee? Type **post ${clerked[0]?.committee.shortName ?? ''} agendas here** (you clerk ${clerked.map((m) => m.committee.shortName).join(', ')}).`,
    );
    return;
  }
  const committee = (chosen[0] as (typeof chosen)[number]).committee;
  const reference = TurnContext.getConversationReference(context.activity);
  await deps.store.committees.update(committee.id, (c) => ({
    ...c,
    channel: {
      conversationReference: JSON.parse(JSON.stringify(reference)) as Record<string, unknown>,
      ...(conversation.name ? { name: conversation.name.slice(0, 200) } : {}),
    },
  }));
  await context.sendActivity(`From now on I'll post the ${committee.shortName} agendas here.`);
}

const STATUS: Record<CirculationRow['status'], { text: string; color: 'Good' | 'Attention' | 'Default' }> = {
  delivered: { text: 'Delivered', color: 'Default' },
  pending: { text: 'Sending', color: 'Default' },
  failed: { text: 'Failed', color: 'Attention' },
};

/** The circulation report as a card: who has the agenda, who has opened it, and why anyone failed. */
export function circulationCard(committee: Committee, meeting: Meeting, rows: readonly CirculationRow[]): CardJson {
  const t = circulationTotals(rows);
  return renderCard('circulation', {
    title: `Circulation: ${committee.shortName}, ${formatMeetingDateTime(meeting.startsAt)}`,
    summary: `${t.delivered} delivered, ${t.opened} opened, ${t.failed} failed, ${t.pending} still sending.`,
    rows: rows.map((r) => ({
      name: r.name,
      status: r.opened ? 'Opened' : STATUS[r.status].text,
      color: r.opened ? 'Good' : STATUS[r.status].color,
      reason: r.status === 'delivered' ? '' : (r.reason ?? ''),
    })),
  });
}

/** `circulation`: for the clerk, the report for the next meeting whose agenda has gone out. */
export async function sendCirculation(context: TurnContext, deps: AgendaDeps, speaker: Speaker): Promise<void> {
  const clerked = await clerkshipsOf(context, speaker, 'Only the clerk sees who has been sent the agenda.');
  for (const m of clerked) {
    const published = (await deps.store.meetings.forCommittee(m.committee.id))
      .filter((x) => x.publication && Date.parse(x.startsAt) > deps.now().getTime())
      .sort(byStart)[0];
    if (!published) {
      await context.sendActivity(
        `No ${m.committee.shortName} agenda is out yet. Type **agenda** to build and publish one.`,
      );
      continue;
    }
    const rows = await circulationReport(deps.store, m.committee, published);
    await context.sendActivity({ attachments: [attachment(circulationCard(m.committee, published, rows))] });
  }
}

const verb = verbsAnswering(MALFORMED);
/** The add/edit form's inputs: a refusal of one says which rule, and shows the form again as typed. */
const FORM_INPUTS = ['title', 'presenter', 'pages', 'kind', 'exempt', 'reason', 'link'];
const keptOnRefusal = async (_c: TurnContext, deps: AgendaDeps, data: unknown, why: string) => {
  const kept = keptForm(data);
  return kept.meetingId ? refreshed(deps, kept.meetingId, { message: why, color: 'Attention', form: kept.form }) : why;
};
const formVerb = (handle: VerbSpec<AgendaDeps, AgendaFormPayload>['handle']) =>
  verb({
    payload: AgendaFormPayloadSchema,
    typed: FORM_INPUTS,
    nothingDone: 'Nothing was saved.',
    refused: keptOnRefusal,
    handle,
  });

export const AGENDA_VERBS: VerbTable<AgendaDeps> = {
  'agenda.move': verb({ payload: AgendaMovePayloadSchema, handle: onAgendaMove }),
  'agenda.remove': verb({ payload: AgendaRemovePayloadSchema, handle: onAgendaRemove }),
  'agenda.add': formVerb(onAgendaItem),
  'agenda.save': formVerb(onAgendaItem),
  'agenda.edit': verb({ payload: AgendaRemovePayloadSchema, handle: onAgendaEdit }),
  'agenda.view': verb({ payload: MeetingIdPayloadSchema, handle: onAgendaView }),
  'agenda.publish': verb({
    payload: AgendaFormPayloadSchema,
    handle: (c, deps, d) => onAgendaPublish(c, deps, d, false),
  }),
  'agenda.supplement': verb({
    payload: AgendaFormPayloadSchema,
    handle: (c, deps, d) => onAgendaPublish(c, deps, d, true),
  }),
};

/** What the circulated agenda card's own buttons need: they open the apology and declaration forms. */
export interface AgendaCardDeps {
  store: Store;
  now: () => Date;
  apologies: ApologyDeps;
  declarations: DeclarationDeps;
}

/**
 * The circulated agenda card's buttons: whoever presses one has opened the agenda. The form they asked
 * for comes as a new message, so the agenda stays where it was in their chat.
 */
async function fromAgenda(context: TurnContext, deps: AgendaCardDeps, ids: z.infer<typeof MeetingRefSchema>) {
  const speaker = await speakerOf(deps.store, context);
  const m = speaker.memberships.find((x) => x.committee.id === ids.committeeId);
  if (m) await recordOpened(deps.store, ids.committeeId, ids.meetingId, m.person.id, deps.now());
  return m ? { ...ids, personId: m.person.id } : undefined;
}

async function asNewMessage(context: TurnContext, answer: CardJson | string, sent: string) {
  if (typeof answer === 'string') return answer;
  await context.sendActivity({ attachments: [attachment(answer)] });
  return sent;
}

export const AGENDA_CARD_VERBS: VerbTable<AgendaCardDeps> = {
  'agenda.apologies': verb({
    payload: MeetingRefSchema,
    handle: async (c, deps, ids) => {
      const who = await fromAgenda(c, deps, ids);
      if (!who) return "You're not on that committee, so there is nothing to send apologies for.";
      const card = await onPick(c, deps.apologies, { ...who, onBehalf: false });
      return asNewMessage(c, card, 'Check the card below to send your apologies.');
    },
  }),
  'agenda.declare': verb({
    payload: MeetingRefSchema,
    handle: async (c, deps, ids) => {
      const who = await fromAgenda(c, deps, ids);
      if (!who) return "You're not on that committee, so you can't declare interests at its meetings.";
      const card = await onDeclarationForm(c, deps.declarations, {
        committeeId: who.committeeId,
        meetingId: who.meetingId,
      });
      return asNewMessage(c, card, 'Fill in the card below to declare an interest.');
    },
  }),
};

/** agenda, post agendas here, circulation; the agenda card's buttons. */
export function register(routes: BotRoutes, deps: AgendaDeps, card: AgendaCardDeps): void {
  routes.command(/^\s*(agenda|the agenda|build (the )?agenda)\s*[.!?]?\s*$/i, (c, s) => sendAgendaAdmin(c, deps, s));
  routes.command(/^\s*post (the )?([\w-]+ )?agendas? here\s*[.!?]?\s*$/i, (c, s) => onPostAgendasHere(c, deps, s));
  routes.command(/^\s*(circulation|who has the agenda)\s*[.!?]?\s*$/i, (c, s) => sendCirculation(c, deps, s));
  routes.verbs(AGENDA_VERBS, deps);
  routes.verbs(AGENDA_CARD_VERBS, card);
}
