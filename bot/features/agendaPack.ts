import { createHash } from 'node:crypto';
import {
  classifyUpload,
  MAX_REPORT_PAGES,
  pageRange,
  pageCitation,
  safeFileName,
  type Pack,
  type PackFile,
  type PackLayout,
  type Report,
} from '../domain/agendaPack';
import type { Committee } from '../domain/committee';
import { formatMeetingDate } from '../domain/londonTime';
import type { AgendaItem, Meeting } from '../domain/meeting';
import { frontSheet, type PackPart } from '../domain/packFrontSheet';
import { mayReadExempt, rolesOf } from '../domain/roles';
import type { GraphApi } from '../graph/graphClient';
import { log } from '../log';
import { readReport, renderPack, type PackReport } from '../render/agendaPack';
import { ConversionUnavailable, paperFilesFor, type PaperFiles } from '../store/paperFiles';
import type { Store } from '../store/store';
import { isRefusal, refuse, type Refusal } from './record';

/**
 * Reports attached to agenda items, and the packs built from them: the agenda pack before
 * publication (its page ranges become the agenda's), a supplementary pack for reports that come late,
 * each with a members-only part 2 for exempt reports.
 */
export interface PackDeps {
  store: Store;
  now: () => Date;
  graph?: GraphApi;
  /** Local mode: the folder reports and packs are kept in. */
  filesDir?: string;
}

const PDF = 'application/pdf';
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

const NO_FILES = refuse(
  409,
  "This committee has no document library for its papers yet. Set the committee's files (its Teams channel's SharePoint library) on the Committee screen, then attach the report again.",
);

const unreachable = (notDone: string) =>
  `The committee's files could not be reached just now. ${notDone} Try again in a few minutes.`;

/** A file gone from where Quorum kept it (moved or deleted in SharePoint, or from the folder). */
const isMissing = (err: unknown) =>
  (err as NodeJS.ErrnoException).code === 'ENOENT' || (err as { statusCode?: number }).statusCode === 404;

/**
 * Work on the committee's files, or the refusal to give when they could not be reached (SharePoint
 * down, a permission withdrawn): said in words, with what did not happen, never as an internal error.
 */
async function withFiles<T>(
  work: () => Promise<T>,
  said: { missing: string; unreachable: string },
): Promise<T | Refusal> {
  try {
    return await work();
  } catch (err) {
    log.warn('papers-files-failed', { error: (err as Error).message });
    return isMissing(err) ? refuse(409, said.missing) : refuse(503, unreachable(said.unreachable));
  }
}

/** Whether the meeting's papers can still change: not once it has been held or cancelled. */
function papersFixed(meeting: Meeting): Refusal | undefined {
  if (meeting.status === 'cancelled' || meeting.status === 'closed' || meeting.status === 'in-progress')
    return refuse(409, 'That meeting has already been held or cancelled, so its papers are fixed.');
  return undefined;
}

const itemNamed = (meeting: Meeting, itemId: string) => meeting.agenda.find((i) => i.id === itemId);

/** The clerks, and whoever the clerk has allowed to upload this item's report. */
export const mayUpload = (committee: Committee, item: AgendaItem, personId: string) =>
  committee.clerks.includes(personId) || item.uploader === personId;

/**
 * Attaches a report (PDF or Word) to an item: checked, converted to PDF if Word, kept in the
 * committee's files, and only then recorded on the item. A refused file changes nothing.
 */
export async function attachReport(
  deps: PackDeps,
  committee: Committee,
  meeting: Meeting,
  itemId: string,
  by: string,
  upload: { name: string; bytes: Uint8Array },
): Promise<{ item: AgendaItem; report: Report } | Refusal> {
  const item = itemNamed(meeting, itemId);
  if (!item) return refuse(404, `The agenda has no item "${itemId}".`);
  if (!mayUpload(committee, item, by))
    return refuse(
      403,
      'Only a clerk of the committee, or the presenter the clerk has allowed, can attach this report.',
    );
  const fixed = papersFixed(meeting);
  if (fixed) return fixed;
  const name = safeFileName(upload.name);
  const kind = classifyUpload(upload.bytes, name);
  if (!kind.ok) return refuse(422, kind.why);
  const files = paperFilesFor(committee, deps);
  if (!files) return NO_FILES;
  const folder = `Papers/${meeting.id}/${item.id}`;
  const stamp = deps.now().toISOString().replace(/[:.]/g, '-');
  let pdf = upload.bytes;
  if (kind.kind !== 'pdf') {
    try {
      pdf = await files.wordToPdf(`${folder}/${stamp} ${name}`, upload.bytes);
    } catch (err) {
      log.warn('report-conversion-failed', { meeting: meeting.id, item: item.id, error: (err as Error).message });
      if (err instanceof ConversionUnavailable)
        return refuse(
          422,
          `${name} is a Word document, and Word cannot be turned into PDF on this machine. Save it as PDF and attach that. Nothing was attached.`,
        );
      // SharePoint itself not answering, or refusing Quorum, is not the document's fault.
      const status = (err as { statusCode?: number }).statusCode;
      if (status !== undefined && (status >= 500 || status === 401 || status === 403 || status === 429))
        return refuse(503, unreachable('Nothing was attached.'));
      return refuse(
        422,
        `${name} could not be turned into a PDF: it may be damaged or password-protected. Save it as PDF and attach that. Nothing was attached.`,
      );
    }
  }
  const read = await readReport(pdf);
  if (!read.ok) return refuse(422, `${name} cannot go into the agenda pack: ${read.why}. Nothing was attached.`);
  if (read.pages > MAX_REPORT_PAGES)
    return refuse(
      422,
      `${name} has ${read.pages} pages; a report can have at most ${MAX_REPORT_PAGES}. Split it into appendices on items of their own. Nothing was attached.`,
    );
  const file = await withFiles(
    () => files.put(`${folder}/${stamp} ${name.replace(/\.(docx?|pdf)$/i, '')}.pdf`, pdf, PDF),
    {
      missing: "The folder for the meeting's papers is missing. Nothing was attached.",
      unreachable: 'Nothing was attached.',
    },
  );
  if (isRefusal(file)) return file;
  const report: Report = {
    file,
    name,
    converted: kind.kind !== 'pdf',
    pages: read.pages,
    bytes: pdf.byteLength,
    sha256: sha256(pdf),
    uploadedAt: deps.now().toISOString(),
    by,
  };
  let refusal: Refusal | undefined;
  const updated = await deps.store.meetings.update(committee.id, meeting.id, (m) => {
    refusal = papersFixed(m) ?? (itemNamed(m, itemId) ? undefined : refuse(404, `The agenda has no item "${itemId}".`));
    if (refusal) return m;
    return {
      ...m,
      agenda: m.agenda.map((i) => (i.id === itemId ? { ...i, papers: { links: [], ...i.papers, report } } : i)),
    };
  });
  if (refusal) return refusal;
  return { item: itemNamed(updated, itemId) as AgendaItem, report };
}

/** Takes a report off an item (the file stays in the committee's files; a pack that holds it keeps it). */
export async function detachReport(
  deps: PackDeps,
  committee: Committee,
  meeting: Meeting,
  itemId: string,
  by: string,
): Promise<Meeting | Refusal> {
  if (!committee.clerks.includes(by))
    return refuse(403, 'Only a clerk of the committee can take a report off the agenda.');
  const item = itemNamed(meeting, itemId);
  if (!item) return refuse(404, `The agenda has no item "${itemId}".`);
  if (!item.papers?.report) return refuse(404, `Item ${item.number} has no report attached.`);
  const fixed = papersFixed(meeting);
  if (fixed) return fixed;
  return deps.store.meetings.update(committee.id, meeting.id, (m) => ({
    ...m,
    agenda: m.agenda.map((i) => {
      if (i.id !== itemId || !i.papers) return i;
      const { report: _gone, ...papers } = i.papers;
      return { ...i, papers };
    }),
  }));
}

/**
 * What a pack is built from: a change to any of it (an item, a report, the date or the venue, the
 * officer to contact) makes the pack out of date.
 */
export function packFingerprint(committee: Committee, meeting: Meeting): string {
  const clerk = committee.people.find((p) => p.id === committee.clerks[0]);
  return sha256(
    new TextEncoder().encode(
      JSON.stringify([
        committee.name,
        committee.papersFooter ?? '',
        [clerk?.name, clerk?.phone, clerk?.email],
        meeting.startsAt,
        meeting.venue.name,
        meeting.agenda.map((i) => [
          i.id,
          i.number,
          i.title,
          i.presenter,
          i.note,
          i.exempt?.paragraph,
          i.papers?.report?.sha256,
        ]),
      ]),
    ),
  );
}

/** Items whose report, as it stands, is in no pack yet: after publication, the late ones. */
function unpacked(meeting: Meeting): AgendaItem[] {
  const inPacks = new Set(meeting.packs.flatMap((p) => p.reports.map((r) => `${r.itemId}:${r.sha256}`)));
  return meeting.agenda.filter((i) => i.papers?.report && !inPacks.has(`${i.id}:${i.papers.report.sha256}`));
}

/** The agenda pack's state for the clerk: built or not, and whether anything has changed since. */
export function packStatus(committee: Committee, meeting: Meeting) {
  const main = meeting.packs.find((p) => p.supplement === 0);
  const reports = meeting.agenda.filter((i) => i.papers?.report).length;
  const late = unpacked(meeting).length;
  return {
    reports,
    built: main ? { at: main.builtAt, pages: main.public.pages, part2Pages: main.exempt?.pages ?? null } : null,
    // Before publication the agenda pack can be rebuilt; after it, late reports wait for a supplement.
    stale: !meeting.publication && reports > 0 && (!main || main.fingerprint !== packFingerprint(committee, meeting)),
    lateReports: meeting.publication ? late : 0,
    supplements: meeting.packs
      .filter((p) => p.supplement > 0)
      .map((p) => ({ number: p.supplement, pages: p.public.pages, part2Pages: p.exempt?.pages ?? null })),
  };
}

/** The items a pack carries, in agenda order, split into the public pack and part 2. */
function packItems(meeting: Meeting, supplement: number) {
  const withReports = supplement === 0 ? meeting.agenda.filter((i) => i.papers?.report) : unpacked(meeting);
  return { public: withReports.filter((i) => !i.exempt), part2: withReports.filter((i) => i.exempt) };
}

async function reportsOf(files: PaperFiles, items: readonly AgendaItem[]): Promise<PackReport[] | Refusal> {
  const out: PackReport[] = [];
  // One at a time: a pack's reports together can be large, and SharePoint prefers a steady pace.
  for (const i of items) {
    const pdf = await withFiles(() => files.get((i.papers?.report as Report).file), {
      missing: `The report for item ${i.number} (${i.papers?.report?.name ?? ''}) is no longer in the committee's files: it may have been moved or deleted. Attach it again, then build the pack. Nothing was built.`,
      unreachable: 'Nothing was built.',
    });
    if (isRefusal(pdf)) return pdf;
    out.push({ itemId: i.id, number: i.number, title: i.title, pdf });
  }
  return out;
}

const placementIn = (layout: PackLayout | undefined, itemId: string) =>
  layout?.reports.find((r) => r.itemId === itemId);

/**
 * Builds a pack (the agenda pack, or supplement `number`) and records it on the meeting with the pages
 * it gives each item, in one write that first checks nothing changed while it was being built (a
 * report replaced meanwhile would make its page ranges wrong): if it did, it is built again.
 */
export async function buildPack(
  deps: PackDeps,
  committee: Committee,
  meeting: Meeting,
  by: string,
  part: Omit<PackPart, 'part2'> = { supplement: 0 },
): Promise<{ meeting: Meeting; pack: Pack } | Refusal> {
  if (!committee.clerks.includes(by)) return refuse(403, 'Only a clerk of the committee can build the agenda pack.');
  const files = paperFilesFor(committee, deps);
  if (!files) return NO_FILES;
  let current = meeting;
  for (let attempt = 0; attempt < 3; attempt++) {
    const fixed = papersFixed(current);
    if (fixed) return fixed;
    if (part.supplement === 0 && current.publication)
      return refuse(
        409,
        'The agenda has been published, so its pack is what members hold. Late reports go out as a supplementary pack: publish a supplementary agenda with the reason.',
      );
    const items = packItems(current, part.supplement);
    if (!items.public.length && !items.part2.length)
      return refuse(
        422,
        part.supplement
          ? 'No report has been attached or replaced since the last pack.'
          : 'No reports have been attached to the agenda yet: attach them to their items first.',
      );
    const fingerprint = packFingerprint(committee, current);
    const title = `${committee.name}, ${formatMeetingDate(current.startsAt)}`;
    const meta = { title, author: committee.name };
    const part2Reports = await reportsOf(files, items.part2);
    if (isRefusal(part2Reports)) return part2Reports;
    const publicReports = await reportsOf(files, items.public);
    if (isRefusal(publicReports)) return publicReports;
    const part2 = items.part2.length
      ? await renderPack(
          frontSheet(
            committee,
            current,
            { ...part, part2: true },
            items.part2.map((i) => i.id),
          ),
          part2Reports,
          (id, layout) => {
            const p = placementIn(layout, id);
            return p
              ? pageCitation({
                  pages: pageRange(p),
                  part2: true,
                  ...(part.supplement ? { supplement: part.supplement } : {}),
                })
              : '';
          },
          { ...meta, title: `${title}: Part 2 (not for publication)` },
        )
      : undefined;
    const listed = [...items.public, ...items.part2].map((i) => i.id);
    const pub = await renderPack(
      frontSheet(committee, current, { ...part, part2: false }, listed),
      publicReports,
      (id, layout) => {
        const p = placementIn(layout, id) ?? placementIn(part2?.layout, id);
        const exempt = !placementIn(layout, id);
        return p
          ? pageCitation({
              pages: pageRange(p),
              ...(exempt ? { part2: true } : {}),
              ...(part.supplement ? { supplement: part.supplement } : {}),
            })
          : '';
      },
      meta,
    );
    const builtAt = deps.now().toISOString();
    const stamp = builtAt.replace(/[:.]/g, '-');
    const name = part.supplement ? `Supplementary agenda ${part.supplement}` : 'Agenda pack';
    const keep = async (pdf: Uint8Array, suffix: string): Promise<PackFile | Refusal> => {
      const file = await withFiles(() => files.put(`Papers/${current.id}/${name}${suffix} ${stamp}.pdf`, pdf, PDF), {
        missing: "The folder for the meeting's papers is missing. The pack was not kept; nothing changed.",
        unreachable: 'The pack was not kept; nothing changed.',
      });
      return isRefusal(file) ? file : { file, pages: (suffix ? part2 : pub)?.layout.pages ?? 1, bytes: pdf.byteLength };
    };
    const publicFile = await keep(pub.pdf, '');
    if (isRefusal(publicFile)) return publicFile;
    const exemptFile = part2 ? await keep(part2.pdf, ' Part 2') : undefined;
    if (isRefusal(exemptFile)) return exemptFile;
    const pack: Pack = {
      supplement: part.supplement,
      builtAt,
      by,
      public: publicFile,
      ...(exemptFile ? { exempt: exemptFile } : {}),
      reports: [...items.public, ...items.part2].map((i) => ({
        itemId: i.id,
        sha256: (i.papers?.report as Report).sha256,
      })),
      fingerprint,
    };
    let changed = false;
    const updated = await deps.store.meetings.update(committee.id, current.id, (m) => {
      changed = packFingerprint(committee, m) !== fingerprint || (part.supplement === 0 && !!m.publication);
      if (changed) return m;
      const citedIn = new Set(pack.reports.map((r) => r.itemId));
      return {
        ...m,
        packs: [...m.packs.filter((p) => p.supplement !== part.supplement), pack],
        agenda: m.agenda.map((i) => {
          const place = placementIn(pub.layout, i.id) ?? placementIn(part2?.layout, i.id);
          if (place && citedIn.has(i.id))
            return {
              ...i,
              papers: {
                links: [],
                ...i.papers,
                pages: pageRange(place),
                ...(part.supplement ? { supplement: part.supplement } : {}),
                ...(i.exempt ? { part2: true } : {}),
              },
            };
          // The agenda pack decides every page range: an item without a report in it cites none.
          if (part.supplement === 0 && i.papers) {
            const { pages: _p, supplement: _s, part2: _x, ...rest } = i.papers;
            return { ...i, papers: rest };
          }
          return i;
        }),
      };
    });
    if (!changed) return { meeting: updated, pack };
    current = updated;
  }
  return refuse(409, 'The agenda kept changing while the pack was being built. Try again in a moment.');
}

/** Who may open which part: the public pack once published (the clerks any time); part 2 only members and officers. */
export function mayOpenPack(committee: Committee, meeting: Meeting, personId: string | undefined, part2: boolean) {
  const roles = personId ? rolesOf(committee, personId) : [];
  if (roles.includes('clerk')) return true;
  if (!meeting.publication) return false;
  return part2 ? mayReadExempt(roles) : true;
}

/** A pack's PDF, for someone allowed to open it. */
export async function openPack(
  deps: PackDeps,
  committee: Committee,
  meeting: Meeting,
  which: { supplement: number; part2: boolean },
  personId: string | undefined,
): Promise<{ pdf: Uint8Array; name: string } | Refusal> {
  const pack = meeting.packs.find((p) => p.supplement === which.supplement);
  const file = which.part2 ? pack?.exempt : pack?.public;
  if (!pack || !file || (!meeting.publication && !committee.clerks.includes(personId ?? '')))
    return refuse(404, 'That pack has not been published.');
  if (!mayOpenPack(committee, meeting, personId, which.part2))
    return refuse(
      403,
      personId
        ? 'Part 2 holds exempt reports, which only members of the committee and its officers may read.'
        : 'Part 2 holds exempt reports: open it from your own agenda card or the workspace, where Quorum knows who you are.',
    );
  const files = paperFilesFor(committee, deps);
  if (!files) return NO_FILES;
  const date = meeting.startsAt.slice(0, 10);
  const base = which.supplement ? `Supplementary agenda ${which.supplement}` : 'Agenda pack';
  const pdf = await withFiles(() => files.get(file.file), {
    missing:
      "That pack is no longer in the committee's files: it may have been moved or deleted. The clerk can build it again.",
    unreachable: 'The pack could not be opened.',
  });
  if (isRefusal(pdf)) return pdf;
  return {
    pdf,
    name: `${committee.shortName} ${date} ${base}${which.part2 ? ' Part 2' : ''}.pdf`,
  };
}

/** One item's report, for someone allowed to read it (exempt reports as part 2). */
export async function openReport(
  deps: PackDeps,
  committee: Committee,
  meeting: Meeting,
  itemId: string,
  personId: string | undefined,
): Promise<{ pdf: Uint8Array; name: string } | Refusal> {
  const item = itemNamed(meeting, itemId);
  const report = item?.papers?.report;
  const roles = personId ? rolesOf(committee, personId) : [];
  const uploader = !!item && !!personId && mayUpload(committee, item, personId);
  if (!item || !report || (!meeting.publication && !uploader))
    return refuse(404, 'That report has not been published.');
  if (item.exempt && !uploader && !mayReadExempt(roles))
    return refuse(403, 'This report is exempt: only members of the committee and its officers may read it.');
  const files = paperFilesFor(committee, deps);
  if (!files) return NO_FILES;
  const pdf = await withFiles(() => files.get(report.file), {
    missing:
      "That report is no longer in the committee's files: it may have been moved or deleted. The clerk can attach it again.",
    unreachable: 'The report could not be opened.',
  });
  if (isRefusal(pdf)) return pdf;
  return {
    pdf,
    name: `${item.number} ${report.name.replace(/\.(docx?|pdf)$/i, '')}.pdf`,
  };
}
