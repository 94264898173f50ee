import type { HttpResponseInit } from '@azure/functions';
import { z } from 'zod';
import type { Committee } from '../../bot/domain/committee';
import { addItem, moveItem, removeItem, updateItem } from '../../bot/domain/agenda';
import { IdSchema, IsoInstantSchema, shortText } from '../../bot/domain/common';
import { AgendaItemIdSchema, AgendaItemSchema, type Meeting } from '../../bot/domain/meeting';
import { checkNotice } from '../../bot/domain/noticePeriod';
import { mayReadExempt, rolesOf } from '../../bot/domain/roles';
import { changeAgenda } from '../../bot/features/agendaAdmin';
import { packStatus } from '../../bot/features/agendaPack';
import {
  circulationReport,
  circulationTotals,
  publishAgenda,
  publishSupplement,
  recordOpened,
  sendAgain,
} from '../../bot/features/circulation';
import { findMeeting, isRefusal, type Refusal } from '../../bot/features/record';
import { renderAgendaHtml } from '../../bot/render/agendaHtml';
import { json, notFound, parseBody, problems } from '../http';
import { acting, meetingFor } from '../access';
import type { Handler } from './committees';
import { badId, idParam } from './params';
import { linkHolder } from './papers';

const refused = (r: Refusal) => problems(r.status, r.why);

// An item's id is given by Quorum when it is added, and never changes; its pages come from the pack
// and its report from an upload, so of its papers only links are typed.
const NewItemSchema = AgendaItemSchema.omit({ id: true, number: true, standing: true, papers: true })
  .extend({ papers: z.object({ links: AgendaItemSchema.shape.papers.unwrap().shape.links }).strict().optional() })
  .strict();
const ItemPatchSchema = NewItemSchema.partial().strict();

const AddSchema = z
  .object({
    by: IdSchema,
    item: NewItemSchema,
    position: z.number().int().min(1).max(200).optional(),
    /** Confirms renumbering a published agenda: a revised agenda then goes to everyone. */
    renumber: z.boolean().default(false),
  })
  .strict();
const PatchSchema = z
  .object({
    by: IdSchema,
    set: ItemPatchSchema.default({}),
    /** Fields to clear, such as "exempt" when an item is no longer exempt. */
    clear: z.array(z.enum(['presenter', 'papers', 'note', 'exempt', 'uploader'])).default([]),
  })
  .strict();
const MoveSchema = z
  .object({ by: IdSchema, to: z.number().int().min(1).max(200), renumber: z.boolean().default(false) })
  .strict();
const RemoveSchema = z.object({ by: IdSchema, renumber: z.boolean().default(false) }).strict();
const PublishSchema = z
  .object({ by: IdSchema, urgentReason: shortText(1000).optional(), at: IsoInstantSchema.optional() })
  .strict();
const SupplementSchema = z.object({ by: IdSchema, reason: shortText(1000) }).strict();

/**
 * The meeting, and the item the address names by its id (its number from the agenda as it stands):
 * an id never names another item after a move or removal, so a repeated DELETE is a 404.
 */
async function target(
  req: Parameters<Handler>[0],
  s: Parameters<Handler>[1],
  who: Parameters<Handler>[2],
  withItem: boolean,
): Promise<{ response: HttpResponseInit } | { committee: Committee; meeting: Meeting; item: number }> {
  const meetingId = idParam(req, 'meetingId');
  if (!meetingId) return { response: badId('meetingId') };
  const itemId = AgendaItemIdSchema.safeParse(req.params.itemId);
  if (withItem && !itemId.success)
    return {
      response: problems(400, 'The item in the address is not an agenda item id.', [
        { path: 'itemId', message: 'an item id is lower-case letters, digits and dashes, as the agenda gives it' },
      ]),
    };
  const found = await meetingFor(s, who, meetingId);
  if (isRefusal(found)) return { response: refused(found) };
  if (!withItem) return { ...found, item: 0 };
  const item = found.meeting.agenda.find((i) => i.id === itemId.data);
  if (!item) return { response: notFound(`The agenda item "${String(req.params.itemId)}"`) };
  return { ...found, item: item.number };
}

/** What every agenda edit answers: the agenda as it now stands and the notice it would give today. */
const agendaBody = (meeting: Awaited<ReturnType<typeof findMeeting>>, now: Date) => {
  if (isRefusal(meeting)) return refused(meeting);
  return json(200, {
    meetingId: meeting.meeting.id,
    agenda: meeting.meeting.agenda,
    notice: checkNotice(meeting.meeting.startsAt, now, meeting.committee.notice),
    publication: meeting.meeting.publication ?? null,
    pack: packStatus(meeting.committee, meeting.meeting),
  });
};

/** GET /api/meetings/{id}/agenda */
export const getAgenda: Handler = async (req, s, who) => {
  const t = await target(req, s, who, false);
  if ('response' in t) return t.response;
  return agendaBody(t, s.now());
};

/** POST /api/meetings/{id}/agenda/items: a substantive item, among the others (at `position`, or last). */
export const postItem: Handler = async (req, s, who) => {
  const t = await target(req, s, who, false);
  if ('response' in t) return t.response;
  const body = await parseBody(req, AddSchema, {}, acting(who));
  if (!body.ok) return body.response;
  const { by, item, position, renumber } = body.value;
  const result = await changeAgenda(
    { store: s.store, now: s.now },
    t.committee,
    t.meeting,
    by,
    (a) => addItem(a, item, position, !!t.meeting.publication),
    renumber,
  );
  return isRefusal(result) ? refused(result) : agendaBody({ committee: t.committee, meeting: result }, s.now());
};

/** PATCH /api/meetings/{id}/agenda/items/{itemId}: presenter, papers, kind, exempt paragraph, title. */
export const patchItem: Handler = async (req, s, who) => {
  const t = await target(req, s, who, true);
  if ('response' in t) return t.response;
  const body = await parseBody(req, PatchSchema, {}, acting(who));
  if (!body.ok) return body.response;
  const { by, set, clear } = body.value;
  if (set.uploader && !t.committee.people.some((p) => p.id === set.uploader))
    return problems(422, 'The person allowed to upload the report must be someone on the committee.', [
      { path: 'set.uploader', message: 'not a person on the committee' },
    ]);
  const result = await changeAgenda({ store: s.store, now: s.now }, t.committee, t.meeting, by, (agenda) => {
    const edited = updateItem(agenda, t.item, set);
    if (!edited.ok || !clear.length) return edited;
    return {
      ok: true,
      agenda: edited.agenda.map((i) => {
        if (i.number !== t.item) return i;
        const kept = Object.fromEntries(
          Object.entries(i).filter(([k]) => k === 'papers' || !clear.includes(k as never)),
        ) as typeof i;
        // Clearing papers clears the links typed in; the report and its pages are the upload's and the pack's.
        return clear.includes('papers') && kept.papers ? { ...kept, papers: { ...kept.papers, links: [] } } : kept;
      }),
    };
  });
  return isRefusal(result) ? refused(result) : agendaBody({ committee: t.committee, meeting: result }, s.now());
};

/** POST /api/meetings/{id}/agenda/items/{itemId}/move: to another place; standing items keep theirs. */
export const moveAgendaItem: Handler = async (req, s, who) => {
  const t = await target(req, s, who, true);
  if ('response' in t) return t.response;
  const body = await parseBody(req, MoveSchema, {}, acting(who));
  if (!body.ok) return body.response;
  const result = await changeAgenda(
    { store: s.store, now: s.now },
    t.committee,
    t.meeting,
    body.value.by,
    (a) => moveItem(a, t.item, body.value.to),
    body.value.renumber,
  );
  return isRefusal(result) ? refused(result) : agendaBody({ committee: t.committee, meeting: result }, s.now());
};

/** DELETE /api/meetings/{id}/agenda/items/{itemId}?by=clerk */
export const deleteItem: Handler = async (req, s, who) => {
  const t = await target(req, s, who, true);
  if ('response' in t) return t.response;
  const by = RemoveSchema.safeParse({
    by: who.person?.id ?? req.query.get('by') ?? undefined,
    renumber: req.query.get('renumber') === 'true',
  });
  if (!by.success)
    return problems(400, 'Say who is removing the item: ?by=<clerk id>.', [{ path: 'by', message: 'required' }]);
  const result = await changeAgenda(
    { store: s.store, now: s.now },
    t.committee,
    t.meeting,
    by.data.by,
    (a) => removeItem(a, t.item),
    by.data.renumber,
  );
  return isRefusal(result) ? refused(result) : agendaBody({ committee: t.committee, meeting: result }, s.now());
};

/** POST /api/meetings/{id}/agenda/publish: now, or at `at`; a late agenda needs `urgentReason`. */
export const postPublish: Handler = async (req, s, who) => {
  const t = await target(req, s, who, false);
  if ('response' in t) return t.response;
  const body = await parseBody(req, PublishSchema, {}, acting(who));
  if (!body.ok) return body.response;
  const { by, urgentReason, at } = body.value;
  const result = await publishAgenda(s, t.committee, t.meeting, {
    by,
    ...(urgentReason ? { urgentReason } : {}),
    ...(at ? { at } : {}),
  });
  if (isRefusal(result)) return refused(result);
  void s.bot.sender.kick();
  return json(result.scheduled ? 202 : 200, result);
};

/** POST /api/meetings/{id}/agenda/supplements: what was added since publication, with the Chairman's reason. */
export const postSupplement: Handler = async (req, s, who) => {
  const t = await target(req, s, who, false);
  if ('response' in t) return t.response;
  const body = await parseBody(req, SupplementSchema, {}, acting(who));
  if (!body.ok) return body.response;
  const result = await publishSupplement(s, t.committee, t.meeting, body.value);
  if (isRefusal(result)) return refused(result);
  void s.bot.sender.kick();
  return json(200, result);
};

/** GET /api/meetings/{id}/circulation: delivered / opened / failed (with the reason), per person. */
export const getCirculation: Handler = async (req, s, who) => {
  const t = await target(req, s, who, false);
  if ('response' in t) return t.response;
  const rows = await circulationReport(s.store, t.committee, t.meeting);
  return json(200, {
    meetingId: t.meeting.id,
    publication: t.meeting.publication ?? null,
    supplements: t.meeting.supplements,
    totals: circulationTotals(rows),
    rows,
  });
};

/** POST /api/meetings/{id}/circulation/retry: send again to everyone it could not reach. */
export const postSendAgain: Handler = async (req, s, who) => {
  const t = await target(req, s, who, false);
  if ('response' in t) return t.response;
  const queued = await sendAgain(s.store, t.committee, t.meeting, s.now());
  if (queued) void s.bot.sender.kick();
  return json(200, { queued });
};

/**
 * GET /api/meetings/{id}/papers[?t=token]: the agenda and its papers. The token in a person's own
 * card says who opened it; without one, the public agenda (no exempt items at all).
 */
export const getPapers: Handler = async (req, s, who) => {
  const t = await target(req, s, who, false);
  if ('response' in t) return t.response;
  if (!t.meeting.publication) return problems(404, 'The agenda for this meeting has not been published yet.');
  const holder = await linkHolder(req, s, t.meeting.id);
  const mine = holder?.personId;
  if (mine) await recordOpened(s.store, t.committee.id, t.meeting.id, mine, s.now());
  return {
    status: 200,
    body: renderAgendaHtml(t.committee, t.meeting, {
      mayKnowExempt: !!mine,
      mayReadExempt: !!mine && mayReadExempt(rolesOf(t.committee, mine)),
      ...(holder ? { token: holder.token } : {}),
    }),
    headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'private, no-store' },
  };
};
