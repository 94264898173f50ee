import { z } from 'zod';
import { IdSchema, IsoInstantSchema, shortText } from './common';

/**
 * The agenda pack as the papers print it: the agenda as a front sheet, then each report in agenda
 * order, every report starting on a right-hand (odd) page, with "This page is intentionally left blank"
 * where one would otherwise start on a left-hand page, and pages numbered through the pack. The
 * agenda cites each report by the pages it fills, blank page included ("(Pages 3 - 10)" in the
 * 29 September 2023 pack: a seven-page set of minutes and its blank page).
 */

/** Where a stored file is: a path in the local stack's folder, or a drive item in SharePoint. */
export const FileRefSchema = z
  .object({
    store: z.enum(['local', 'sharepoint']),
    /** The local folder's relative path, or the SharePoint drive item's id. */
    id: z.string().min(1).max(500),
  })
  .strict();
export type FileRef = z.infer<typeof FileRefSchema>;

/** A report attached to an agenda item, as the pack uses it: always a PDF (Word is converted on upload). */
export const ReportSchema = z
  .object({
    file: FileRefSchema,
    /** The name it was uploaded under ("Rutland membership.docx"), as the clerk knows it. */
    name: shortText(200),
    /** Whether the upload was a Word document, converted to the PDF kept in `file`. */
    converted: z.boolean().default(false),
    pages: z.number().int().min(1),
    bytes: z.number().int().min(1),
    /** The PDF's SHA-256: which version of a report a pack holds. */
    sha256: z.string().regex(/^[0-9a-f]{64}$/),
    uploadedAt: IsoInstantSchema,
    by: IdSchema,
  })
  .strict();
export type Report = z.infer<typeof ReportSchema>;

export const PackFileSchema = z
  .object({ file: FileRefSchema, pages: z.number().int().min(1), bytes: z.number().int().min(1) })
  .strict();
export type PackFile = z.infer<typeof PackFileSchema>;

/** One built pack: the agenda pack (supplement 0) or a supplementary pack (1, 2…), each with its part 2. */
export const PackSchema = z
  .object({
    supplement: z.number().int().min(0),
    builtAt: IsoInstantSchema,
    by: IdSchema,
    /** The public pack: every item, the exempt ones by title and exemption notice only. */
    public: PackFileSchema,
    /** Part 2, for members only: the exempt reports. */
    exempt: PackFileSchema.optional(),
    /** The report versions it holds, by item id. */
    reports: z.array(z.object({ itemId: z.string(), sha256: z.string() }).strict()),
    /** What the pack was built from (agenda, reports, date and venue): a change makes it out of date. */
    fingerprint: z.string().max(100),
  })
  .strict();
export type Pack = z.infer<typeof PackSchema>;

/** 20 MB: far beyond a council report (the 60-page 2023 pack, images and all, is under 3 MB). */
export const MAX_REPORT_BYTES = 20 * 1024 * 1024;
export const MAX_REPORT_PAGES = 500;

export type UploadKind = { ok: true; kind: 'pdf' | 'docx' | 'doc' } | { ok: false; why: string };

const LATIN1 = new TextDecoder('latin1');
const startsWith = (bytes: Uint8Array, magic: readonly number[]) => magic.every((b, i) => bytes[i] === b);
const PDF = [0x25, 0x50, 0x44, 0x46, 0x2d]; // %PDF-
const ZIP = [0x50, 0x4b, 0x03, 0x04];
const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

/**
 * What an upload is, from its bytes (a name can say anything): a PDF, or a Word document, new (.docx,
 * a zip with word/document.xml) or old (.doc). Anything else is refused in words a clerk can act on.
 */
export function classifyUpload(bytes: Uint8Array, fileName: string): UploadKind {
  if (!bytes.length) return { ok: false, why: `${fileName} is empty. Nothing was attached.` };
  if (bytes.length > MAX_REPORT_BYTES)
    return {
      ok: false,
      why: `${fileName} is ${megabytes(bytes.length)}; a report can be at most ${megabytes(MAX_REPORT_BYTES)}. Reduce its images (Save As "Reduced size PDF") and attach it again. Nothing was attached.`,
    };
  // A PDF may have a little junk before its header; readers accept it within the first 1 KB.
  const head = LATIN1.decode(bytes.subarray(0, 1024));
  if (startsWith(bytes, PDF) || head.includes('%PDF-')) return { ok: true, kind: 'pdf' };
  if (startsWith(bytes, ZIP)) {
    const text = LATIN1.decode(bytes.subarray(0, 64 * 1024));
    if (text.includes('word/')) return { ok: true, kind: 'docx' };
  }
  if (startsWith(bytes, OLE) && /\.doc$/i.test(fileName)) return { ok: true, kind: 'doc' };
  return {
    ok: false,
    why: `${fileName} is not a PDF or a Word document, so it cannot go into the agenda pack. Save it as PDF (or Word) and attach that. Nothing was attached.`,
  };
}

export const megabytes = (n: number) => `${(n / (1024 * 1024)).toFixed(1).replace(/\.0$/, '')} MB`;

/** A file name as a path segment: no folders, nothing SharePoint refuses, a sensible length. */
export const safeFileName = (name: string) =>
  name
    .replace(/^.*[\\/]/, '')
    // eslint-disable-next-line no-control-regex -- control characters are exactly what must not reach a file name
    .replace(/[\\/:*?"<>|#%\u0000-\u001f]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 120) || 'report';

export interface PackEntry {
  itemId: string;
  pages: number;
}

export interface PackPlacement {
  itemId: string;
  /** The report's first page in the pack. */
  from: number;
  /** Its last page, with the blank page after it if there is one. */
  to: number;
  blankAfter: boolean;
}

export interface PackLayout {
  /** Pages the front sheet takes, and whether a blank page follows it. */
  front: { pages: number; blankAfter: boolean };
  reports: PackPlacement[];
  pages: number;
}

/** Where everything falls: each report starts on an odd page, after a blank page where needed. */
export function layoutPack(frontPages: number, entries: readonly PackEntry[]): PackLayout {
  const front = { pages: frontPages, blankAfter: frontPages % 2 === 1 && entries.length > 0 };
  let next = frontPages + (front.blankAfter ? 1 : 0) + 1;
  const reports = entries.map((e) => {
    const blankAfter = e.pages % 2 === 1;
    const placement = { itemId: e.itemId, from: next, to: next + e.pages - 1 + (blankAfter ? 1 : 0), blankAfter };
    next = placement.to + 1;
    return placement;
  });
  return { front, reports, pages: next - 1 };
}

/** "3 - 10", as the agenda prints "(Pages 3 - 10)". */
export const pageRange = (p: Pick<PackPlacement, 'from' | 'to'>) =>
  p.from === p.to ? `${p.from}` : `${p.from} - ${p.to}`;

/**
 * How the agenda cites an item's papers: "(Pages 3 - 10)" in the agenda pack, "(Part 2, Pages 3 - 6)"
 * for an exempt report, "(Supplement 1, Pages 3 - 6)" for a late one.
 */
export function pageCitation(papers: { pages?: string; supplement?: number; part2?: boolean } | undefined): string {
  if (!papers?.pages) return '';
  const where = [papers.supplement ? `Supplement ${papers.supplement}` : '', papers.part2 ? 'Part 2' : '']
    .filter(Boolean)
    .join(' ');
  return `(${where ? `${where}, ` : ''}Pages ${papers.pages})`;
}

/** The pack a new build makes: the agenda pack until the agenda is published, then the next supplement. */
export const nextPackNumber = (published: boolean, packs: readonly Pick<Pack, 'supplement'>[]) =>
  published ? Math.max(0, ...packs.map((p) => p.supplement)) + 1 : 0;
