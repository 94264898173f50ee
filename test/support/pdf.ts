import { PDFDocument, StandardFonts } from 'pdf-lib';

/**
 * Reading PDFs in tests as a reader would: each page's text in reading order (lines joined by
 * newlines) and the bookmarks, through Mozilla's pdf.js (the engine of Firefox's and many viewers).
 */
export interface ReadPdf {
  pages: string[];
  bookmarks: string[];
}

export async function readPdf(bytes: Uint8Array): Promise<ReadPdf> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await pdfjs.getDocument({ data: new Uint8Array(bytes), isEvalSupported: false, verbosity: 0 }).promise;
  const pages: string[] = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const content = await (await doc.getPage(n)).getTextContent();
    // Items on one baseline make a line; lines from the top of the page down.
    const lines = new Map<number, { x: number; text: string }[]>();
    for (const item of content.items) {
      if (!('str' in item) || !item.str.trim()) continue;
      const y = Math.round(item.transform[5] as number);
      const key = [...lines.keys()].find((k) => Math.abs(k - y) <= 2) ?? y;
      lines.set(key, [...(lines.get(key) ?? []), { x: item.transform[4] as number, text: item.str }]);
    }
    pages.push(
      [...lines.entries()]
        .sort(([a], [b]) => b - a)
        .map(([, runs]) =>
          runs
            .sort((a, b) => a.x - b.x)
            .map((r) => r.text)
            .join(' '),
        )
        .join('\n'),
    );
  }
  const outline = (await doc.getOutline()) ?? [];
  await doc.destroy();
  return { pages, bookmarks: outline.map((o) => o.title) };
}

/** A report made in the test: `pages` pages, each saying whose report and which page it is. */
export async function makeReport(title: string, pages: number, size: [number, number] = [595.28, 841.89]) {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (let i = 1; i <= pages; i++) {
    const page = doc.addPage(size);
    page.drawText(`${title} (report page ${i} of ${pages})`, { x: 60, y: size[1] - 100, size: 14, font });
  }
  return doc.save();
}
