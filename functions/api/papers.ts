import type { HttpRequest, HttpResponseInit } from '@azure/functions';
import { z } from 'zod';
import { MAX_REPORT_BYTES, megabytes } from '../../bot/domain/agendaPack';
import type { Committee } from '../../bot/domain/committee';
import { AgendaItemIdSchema, type Meeting } from '../../bot/domain/meeting';
import { findPersonByAadObjectId } from '../../bot/domain/roles';
import { attachReport, buildPack, detachReport, openPack, openReport, packStatus } from '../../bot/features/agendaPack';
import { isRefusal, type Refusal } from '../../bot/features/record';
import { acting, meetingFor } from '../access';
import { callerOf, isResponse } from '../apiAuth';
import { json, parseBody, problems, readBodyBytes } from '../http';
import type { Services } from '../services';
import type { Handler } from './committees';
import { badId, idParam } from './params';

/** Reports and packs: uploaded by the clerk (or an allowed presenter) from the workspace, read by members. */

const refused = (r: Refusal) => problems(r.status, r.why);

/** The host takes a little more than a report may be, so an oversized upload hears the report's own limit. */
export const UPLOAD_LIMIT = MAX_REPORT_BYTES + 1024 * 1024;

const NameSchema = z.string().trim().min(1, 'give the file name, like ?name=Rutland%20membership.pdf').max(200);
const BySchema = z.object({ by: z.string().min(1).max(100) }).strict();

async function meetingOf(
  req: HttpRequest,
  s: Services,
  who: Parameters<Handler>[2],
): Promise<{ committee: Committee; meeting: Meeting } | HttpResponseInit> {
  const meetingId = idParam(req, 'meetingId');
  if (!meetingId) return badId('meetingId');
  const found = await meetingFor(s, who, meetingId);
  return isRefusal(found) ? refused(found) : found;
}

function itemIdOf(req: HttpRequest): string | HttpResponseInit {
  const id = AgendaItemIdSchema.safeParse(req.params.itemId);
  return id.success
    ? id.data
    : problems(400, 'The item in the address is not an agenda item id.', [
        { path: 'itemId', message: 'an item id is lower-case letters, digits and dashes, as the agenda gives it' },
      ]);
}

/**
 * Who is reading: the holder of a person's own link (`?t=`, from their agenda card), else a signed-in
 * caller (the workspace), else no one in particular (the public papers).
 */
/** The person whose own link (`?t=`, from their agenda card for this meeting) opened the page, and the token. */
export async function linkHolder(
  req: HttpRequest,
  s: Services,
  meetingId: string,
): Promise<{ personId: string; token: string } | undefined> {
  const token = z.string().uuid().safeParse(req.query.get('t'));
  if (!token.success) return undefined;
  const delivery = await s.store.outbox.byToken(token.data);
  return delivery?.meetingId === meetingId && delivery.personId
    ? { personId: delivery.personId, token: token.data }
    : undefined;
}

async function readerOf(req: HttpRequest, s: Services, committee: Committee, meeting: Meeting) {
  const holder = await linkHolder(req, s, meeting.id);
  if (holder) return holder.personId;
  if (!req.headers.get('authorization') && !req.headers.get('x-quorum-as')) return undefined;
  const caller = await callerOf(req, s.config);
  if (isResponse(caller) || caller.kind === 'anyone') return undefined;
  return findPersonByAadObjectId(committee, caller.aadObjectId)?.id;
}

const pdfResponse = (file: { pdf: Uint8Array; name: string }): HttpResponseInit => ({
  status: 200,
  body: file.pdf,
  headers: {
    'content-type': 'application/pdf',
    // Inline, so Teams and the browser show it in their viewer; the name is what "Download" saves.
    'content-disposition': `inline; filename="${file.name.replace(/[^\x20-\x7e]|"/g, '_')}"; filename*=UTF-8''${encodeURIComponent(file.name)}`,
    'cache-control': 'private, no-store',
    'x-content-type-options': 'nosniff',
  },
});

/** PUT /api/meetings/{id}/agenda/items/{itemId}/report?name=…: the report's bytes as the body (PDF or Word). */
export const putReport: Handler = async (req, s, who) => {
  const found = await meetingOf(req, s, who);
  if (isResponse(found)) return found;
  const itemId = itemIdOf(req);
  if (typeof itemId !== 'string') return itemId;
  const name = NameSchema.safeParse(req.query.get('name') ?? undefined);
  if (!name.success)
    return problems(400, 'Say what the file is called: ?name=<file name>.', [
      { path: 'name', message: name.error.issues[0]?.message ?? '' },
    ]);
  const by = who.person?.id ?? req.query.get('by') ?? undefined;
  if (!by)
    return problems(400, 'Say who is attaching the report: ?by=<person id>.', [{ path: 'by', message: 'required' }]);
  const body = await readBodyBytes(
    req,
    MAX_REPORT_BYTES,
    `${name.data} is over ${megabytes(MAX_REPORT_BYTES)}, the most a report can be. Reduce its images (Save As "Reduced size PDF") and attach it again. Nothing was attached.`,
  );
  if (!body.ok) return body.response;
  const result = await attachReport(s, found.committee, found.meeting, itemId, by, {
    name: name.data,
    bytes: body.bytes,
  });
  if (isRefusal(result)) return refused(result);
  const { file: _where, ...report } = result.report;
  return json(200, { itemId, number: result.item.number, report });
};

/** DELETE /api/meetings/{id}/agenda/items/{itemId}/report: takes the report off the item. */
export const deleteReport: Handler = async (req, s, who) => {
  const found = await meetingOf(req, s, who);
  if (isResponse(found)) return found;
  const itemId = itemIdOf(req);
  if (typeof itemId !== 'string') return itemId;
  const by = who.person?.id ?? req.query.get('by') ?? undefined;
  if (!by)
    return problems(400, 'Say who is removing the report: ?by=<clerk id>.', [{ path: 'by', message: 'required' }]);
  const result = await detachReport(s, found.committee, found.meeting, itemId, by);
  return isRefusal(result) ? refused(result) : json(200, { itemId, pack: packStatus(found.committee, result) });
};

/** GET /api/meetings/{id}/agenda/items/{itemId}/report[?t=]: the report as a PDF, exempt ones only to those entitled. */
export const getReport: Handler = async (req, s, who) => {
  const found = await meetingOf(req, s, who);
  if (isResponse(found)) return found;
  const itemId = itemIdOf(req);
  if (typeof itemId !== 'string') return itemId;
  const reader = await readerOf(req, s, found.committee, found.meeting);
  const file = await openReport(s, found.committee, found.meeting, itemId, reader);
  return isRefusal(file) ? refused(file) : pdfResponse(file);
};

/** GET /api/meetings/{id}/pack: whether the pack is built and up to date, and its supplements. */
export const getPackStatus: Handler = async (req, s, who) => {
  const found = await meetingOf(req, s, who);
  if (isResponse(found)) return found;
  return json(200, { meetingId: found.meeting.id, ...packStatus(found.committee, found.meeting) });
};

/** POST /api/meetings/{id}/pack: builds the agenda pack and fills in the agenda's page ranges. */
export const postPack: Handler = async (req, s, who) => {
  const found = await meetingOf(req, s, who);
  if (isResponse(found)) return found;
  const body = await parseBody(req, BySchema, {}, acting(who));
  if (!body.ok) return body.response;
  const built = await buildPack(s, found.committee, found.meeting, body.value.by);
  if (isRefusal(built)) return refused(built);
  return json(200, {
    meetingId: built.meeting.id,
    pages: built.pack.public.pages,
    part2Pages: built.pack.exempt?.pages ?? null,
    // Where the files are kept is Quorum's business, not the caller's.
    agenda: built.meeting.agenda.map((i) => {
      const { report, ...papers } = i.papers ?? { links: [] };
      const { file: _where, ...shown } = report ?? { file: undefined };
      return {
        id: i.id,
        number: i.number,
        title: i.title,
        papers: { ...papers, ...(report ? { report: shown } : {}) },
      };
    }),
    pack: packStatus(found.committee, built.meeting),
  });
};

const PackQuerySchema = z
  .object({
    part: z.enum(['public', '2']).default('public'),
    supplement: z.coerce.number().int().min(0).max(99).default(0),
  })
  .strict();

/** GET /api/meetings/{id}/pack.pdf[?part=2][&supplement=n][&t=]: a pack, part 2 only to members and officers. */
export const getPackPdf: Handler = async (req, s, who) => {
  const found = await meetingOf(req, s, who);
  if (isResponse(found)) return found;
  const query = PackQuerySchema.safeParse(
    Object.fromEntries([...req.query.entries()].filter(([k]) => k === 'part' || k === 'supplement')),
  );
  if (!query.success) return problems(400, 'Ask for part=public or part=2, and supplement=<number>.');
  const reader = await readerOf(req, s, found.committee, found.meeting);
  const file = await openPack(
    s,
    found.committee,
    found.meeting,
    { supplement: query.data.supplement, part2: query.data.part === '2' },
    reader,
  );
  if (isRefusal(file)) return refused(file);
  return pdfResponse(file);
};
