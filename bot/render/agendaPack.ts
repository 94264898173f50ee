import fontkit from '@pdf-lib/fontkit';
import { readFile } from 'node:fs/promises';
import {
  PDFDocument,
  PDFHexString,
  PDFName,
  PDFNull,
  PDFNumber,
  rgb,
  degrees,
  type PDFFont,
  type PDFPage,
  type PDFRef,
} from 'pdf-lib';
import { layoutPack, type PackLayout, type PackPlacement } from '../domain/agendaPack';
import type { FrontSheet } from '../domain/packFrontSheet';

/**
 * One agenda pack as a PDF (pdf-lib): the front sheet, then each report's own pages copied in
 * untouched, stamped "Page n" through the pack and "Agenda Item n" on each report's first page, with
 * "This page is intentionally left blank" where the next report would otherwise start on a left-hand
 * page, and a bookmark per item. Between reports it gives the event loop back, so a 400-page pack
 * never holds up other people's turns.
 */

export interface PackReport {
  itemId: string;
  number: number;
  title: string;
  pdf: Uint8Array;
}

export interface RenderedPack {
  pdf: Uint8Array;
  layout: PackLayout;
}

// DejaVu Sans prints every name the directory holds (Łukasz, Siobhán, Nguyễn); the standard PDF fonts
// cannot. Subsetting keeps a pack's fonts to the glyphs it uses.
const fontFile = (name: string) => require.resolve(`dejavu-fonts-ttf/ttf/${name}`);
let fonts: Promise<[Uint8Array, Uint8Array]> | undefined;
const fontBytes = () =>
  (fonts ??= Promise.all([readFile(fontFile('DejaVuSans.ttf')), readFile(fontFile('DejaVuSans-Bold.ttf'))]));
/**
 * fontkit parses a font's layout tables on first use, a few hundred milliseconds of work that would
 * hold up everyone's turns at every build: the parsed fonts are kept for the process's life instead
 * (they are read-only, and the same for every pack).
 */
const parsed = new Map<Uint8Array, ReturnType<typeof fontkit.create>>();
const cachedFontkit: typeof fontkit = {
  ...fontkit,
  create: (bytes, postscriptName) => {
    const key = bytes as Uint8Array;
    let font = parsed.get(key);
    if (!font) parsed.set(key, (font = fontkit.create(bytes, postscriptName)));
    return font;
  },
};

const A4 = { width: 595.28, height: 841.89 };
const MARGIN = 56;
const CITE_WIDTH = 100;
const NUMBER_WIDTH = 26;
const BLACK = rgb(0, 0, 0);
const BLANK_PAGE = 'This page is intentionally left blank';
const nextTick = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Widths of words at size 1, measured once each: fontkit shapes every string it measures, and
 * measuring each growing line afresh would shape a long agenda thousands of times.
 */
type Measure = (text: string, size: number) => number;
function measurer(font: PDFFont): Measure {
  const widths = new Map<string, number>();
  return (text, size) => {
    let w = widths.get(text);
    if (w === undefined) widths.set(text, (w = font.widthOfTextAtSize(text, 1)));
    return w * size;
  };
}

function wrap(text: string, measure: Measure, size: number, width: number): string[] {
  const lines: string[] = [];
  const space = measure(' ', size);
  for (const paragraph of text.split('\n')) {
    let line = '';
    let used = 0;
    for (const word of paragraph.split(/\s+/).filter(Boolean)) {
      const w = measure(word, size);
      if (!line || used + space + w <= width) {
        used += (line ? space : 0) + w;
        line = line ? `${line} ${word}` : word;
      } else {
        lines.push(line);
        line = word;
        used = w;
      }
    }
    lines.push(line);
  }
  return lines;
}

type Run = {
  text: string;
  font: 'regular' | 'bold';
  size: number;
  x: number;
  width: number;
  align?: 'centre' | 'right';
};
/** One row of the sheet: the runs on it, and the space it takes. */
type Row = { runs: Run[]; height: number; itemId?: string };

interface Fonts {
  regular: PDFFont;
  bold: PDFFont;
  measure: { regular: Measure; bold: Measure };
}

/**
 * The sheet as rows, independent of the page numbers it will print: the pages column has a fixed
 * width, so the sheet's length (and so where the first report starts) is known before the numbers are.
 */
function sheetRows(sheet: FrontSheet, f: Fonts): Row[] {
  const inner = A4.width - 2 * MARGIN;
  const rows: Row[] = [];
  const line = (text: string, font: 'regular' | 'bold', size: number, x: number, width: number, align?: Run['align']) =>
    wrap(text, f.measure[font], size, width).map((t) => ({
      runs: [{ text: t, font, size, x, width, ...(align ? { align } : {}) }],
      height: size * 1.3,
    }));
  const gap = (height: number): Row => ({ runs: [], height });
  rows.push(...line(sheet.heading[0] ?? '', 'bold', 14, MARGIN, inner, 'centre'), gap(8));
  for (const h of sheet.heading.slice(1)) rows.push(...line(h, 'bold', 12, MARGIN, inner, 'centre'), gap(4));
  rows.push(gap(14), ...line(sheet.title, 'bold', 14, MARGIN, inner, 'centre'), gap(10));
  for (const l of sheet.lead) rows.push(...line(l, 'regular', 10, MARGIN, inner), gap(8));
  const titleWidth = inner - NUMBER_WIDTH - CITE_WIDTH - 8;
  for (const item of sheet.items) {
    const title = wrap(item.title, f.measure.regular, 11, titleWidth);
    title.forEach((t, i) =>
      rows.push({
        runs: [
          ...(i === 0
            ? [{ text: `${item.number}.`, font: 'regular' as const, size: 11, x: MARGIN, width: NUMBER_WIDTH }]
            : []),
          { text: t, font: 'regular', size: 11, x: MARGIN + NUMBER_WIDTH, width: titleWidth },
        ],
        height: 11 * 1.3,
        // The first line of an item carries its pages, filled in once the layout is known.
        ...(i === 0 ? { itemId: item.itemId } : {}),
      }),
    );
    for (const l of item.lines) rows.push(...line(l, 'regular', 9.5, MARGIN + NUMBER_WIDTH, titleWidth));
    rows.push(gap(6));
  }
  if (sheet.contact.length) {
    rows.push(gap(16));
    for (const c of sheet.contact) rows.push(...line(c, 'regular', 9, MARGIN, inner), gap(2));
  }
  return rows;
}

/** Rows into pages: a page break never splits a row. */
function paginate(rows: readonly Row[]): Row[][] {
  const usable = A4.height - 2 * MARGIN;
  const pages: Row[][] = [[]];
  let used = 0;
  for (const row of rows) {
    if (used + row.height > usable && used > 0) {
      pages.push([]);
      used = 0;
    }
    (pages.at(-1) as Row[]).push(row);
    used += row.height;
  }
  return pages;
}

function drawSheetPage(page: PDFPage, rows: readonly Row[], f: Fonts, cite: (itemId: string) => string) {
  let y = A4.height - MARGIN;
  for (const row of rows) {
    y -= row.height;
    for (const run of row.runs) {
      const font = f[run.font];
      const w = run.align ? f.measure[run.font](run.text, run.size) : 0;
      const x =
        run.align === 'centre' ? run.x + (run.width - w) / 2 : run.align === 'right' ? run.x + run.width - w : run.x;
      page.drawText(run.text, { x, y, size: run.size, font, color: BLACK });
    }
    const citation = row.itemId ? cite(row.itemId) : '';
    if (citation) {
      const w = f.measure.regular(citation, 10);
      page.drawText(citation, { x: A4.width - MARGIN - w, y, size: 10, font: f.regular, color: BLACK });
    }
  }
}

/** Text at the foot (centred) or the head (right) of a page as it is seen, whatever its rotation. */
function stamp(page: PDFPage, text: string, where: 'foot' | 'head', font: PDFFont, measure: Measure, size: number) {
  const { width, height } = page.getSize();
  const angle = ((page.getRotation().angle % 360) + 360) % 360;
  const [w, h] = angle === 90 || angle === 270 ? [height, width] : [width, height];
  const tw = measure(text, size);
  // Where the text goes in the page as seen (origin bottom left), then into the page's own coordinates.
  const seen = where === 'foot' ? { x: (w - tw) / 2, y: 22 } : { x: w - 36 - tw, y: h - 30 };
  const at =
    angle === 90
      ? { x: width - seen.y, y: seen.x }
      : angle === 180
        ? { x: width - seen.x, y: height - seen.y }
        : angle === 270
          ? { x: seen.y, y: height - seen.x }
          : seen;
  const box = page.getCropBox();
  page.drawText(text, { x: box.x + at.x, y: box.y + at.y, size, font, color: BLACK, rotate: degrees(angle) });
}

function blankPage(doc: PDFDocument, f: Fonts, number: number) {
  const page = doc.addPage([A4.width, A4.height]);
  const w = f.measure.regular(BLANK_PAGE, 12);
  page.drawText(BLANK_PAGE, { x: (A4.width - w) / 2, y: A4.height / 2, size: 12, font: f.regular, color: BLACK });
  stamp(page, `Page ${number}`, 'foot', f.regular, f.measure.regular, 9);
}

/** A bookmark per item (and one for the agenda), so a member jumps to a report from the reader's sidebar. */
function addBookmarks(doc: PDFDocument, marks: readonly { title: string; page: PDFRef }[]) {
  if (!marks.length) return;
  const ctx = doc.context;
  const outlines = ctx.nextRef();
  const refs = marks.map(() => ctx.nextRef());
  marks.forEach((m, i) => {
    const entry = ctx.obj({});
    entry.set(PDFName.of('Title'), PDFHexString.fromText(m.title));
    entry.set(PDFName.of('Parent'), outlines);
    entry.set(PDFName.of('Dest'), ctx.obj([m.page, PDFName.of('XYZ'), PDFNull, PDFNull, PDFNull]));
    if (i > 0) entry.set(PDFName.of('Prev'), refs[i - 1] as PDFRef);
    if (i < marks.length - 1) entry.set(PDFName.of('Next'), refs[i + 1] as PDFRef);
    ctx.assign(refs[i] as PDFRef, entry);
  });
  const root = ctx.obj({});
  root.set(PDFName.of('Type'), PDFName.of('Outlines'));
  root.set(PDFName.of('First'), refs[0] as PDFRef);
  root.set(PDFName.of('Last'), refs.at(-1) as PDFRef);
  root.set(PDFName.of('Count'), PDFNumber.of(marks.length));
  ctx.assign(outlines, root);
  doc.catalog.set(PDFName.of('Outlines'), outlines);
  doc.catalog.set(PDFName.of('PageMode'), PDFName.of('UseOutlines'));
}

/**
 * Builds the pack. `cite` gives an item's citation for the front sheet from the layout (so part 2's
 * pages can be cited in the public pack); reports come in agenda order and are PDFs that were checked
 * on upload.
 */
export async function renderPack(
  sheet: FrontSheet,
  reports: readonly PackReport[],
  cite: (itemId: string, layout: PackLayout) => string,
  meta: { title: string; author: string },
): Promise<RenderedPack> {
  const doc = await PDFDocument.create();
  doc.registerFontkit(cachedFontkit);
  const [regularBytes, boldBytes] = await fontBytes();
  const regular = await doc.embedFont(regularBytes, { subset: true });
  const bold = await doc.embedFont(boldBytes, { subset: true });
  const f: Fonts = { regular, bold, measure: { regular: measurer(regular), bold: measurer(bold) } };
  doc.setTitle(meta.title);
  doc.setAuthor(meta.author);
  doc.setProducer('Quorum');
  doc.setCreator('Quorum');

  const sources: PDFDocument[] = [];
  for (const r of reports) {
    sources.push(await PDFDocument.load(r.pdf, { updateMetadata: false }));
    await nextTick();
  }
  const sheetPages = paginate(sheetRows(sheet, f));
  const layout = layoutPack(
    sheetPages.length,
    reports.map((r, i) => ({ itemId: r.itemId, pages: (sources[i] as PDFDocument).getPageCount() })),
  );
  for (const rows of sheetPages) {
    drawSheetPage(doc.addPage([A4.width, A4.height]), rows, f, (id) => cite(id, layout));
    await nextTick();
  }
  if (layout.front.blankAfter) blankPage(doc, f, sheetPages.length + 1);

  const marks: { title: string; page: PDFRef }[] = [{ title: sheet.title, page: doc.getPage(0).ref }];
  for (const [i, report] of reports.entries()) {
    const source = sources[i] as PDFDocument;
    const place = layout.reports[i] as PackPlacement;
    const copied = await doc.copyPages(source, source.getPageIndices());
    copied.forEach((page, n) => {
      doc.addPage(page);
      if (n === 0) stamp(page, `Agenda Item ${report.number}`, 'head', f.bold, f.measure.bold, 11);
      stamp(page, `Page ${place.from + n}`, 'foot', f.regular, f.measure.regular, 9);
    });
    if (place.blankAfter) blankPage(doc, f, place.to);
    marks.push({ title: `${report.number}. ${report.title}`, page: (copied[0] as PDFPage).ref });
    await nextTick();
  }
  addBookmarks(doc, marks);
  return { pdf: await doc.save({ objectsPerTick: 200 }), layout };
}

/** A report's pages, or why it cannot go into a pack (encrypted, damaged, not really a PDF). */
export async function readReport(pdf: Uint8Array): Promise<{ ok: true; pages: number } | { ok: false; why: string }> {
  try {
    const doc = await PDFDocument.load(pdf, { updateMetadata: false });
    const pages = doc.getPageCount();
    if (!pages) return { ok: false, why: 'it has no pages' };
    return { ok: true, pages };
  } catch (err) {
    const name = (err as Error).name || (err as Error).constructor.name;
    if (/Encrypted/i.test(name) || /encrypt/i.test((err as Error).message))
      return { ok: false, why: 'it is password-protected (encrypted), so it cannot be put into a pack' };
    return { ok: false, why: 'it is damaged: it could not be read as a PDF' };
  }
}
