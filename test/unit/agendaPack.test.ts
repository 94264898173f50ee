import { describe, expect, it } from 'vitest';
import {
  classifyUpload,
  layoutPack,
  MAX_REPORT_BYTES,
  nextPackNumber,
  pageCitation,
  pageRange,
  safeFileName,
} from '../../bot/domain/agendaPack';

const bytes = (s: string | number[]) => (typeof s === 'string' ? new TextEncoder().encode(s) : Uint8Array.from(s));

describe('where reports fall in the pack', () => {
  it('starts every report on a right-hand page, with the blank page in the report’s range', () => {
    const layout = layoutPack(1, [
      { itemId: 'minutes', pages: 7 },
      { itemId: 'log', pages: 2 },
      { itemId: 'one-pager', pages: 1 },
    ]);
    expect(layout.front).toEqual({ pages: 1, blankAfter: true });
    expect(layout.reports.map((r) => [r.itemId, pageRange(r), r.blankAfter])).toEqual([
      ['minutes', '3 - 10', true],
      ['log', '11 - 12', false],
      ['one-pager', '13 - 14', true],
    ]);
    expect(layout.pages).toBe(14);
  });

  it('needs no blank page after a front sheet of two pages, and none at all without reports', () => {
    expect(layoutPack(2, [{ itemId: 'a', pages: 4 }]).reports[0]).toMatchObject({ from: 3, to: 6 });
    expect(layoutPack(1, [])).toEqual({ front: { pages: 1, blankAfter: false }, reports: [], pages: 1 });
  });

  it('cites pages as the agenda prints them, saying which pack when it is not the agenda pack', () => {
    expect(pageCitation({ pages: '3 - 10' })).toBe('(Pages 3 - 10)');
    expect(pageCitation({ pages: '3 - 8', part2: true })).toBe('(Part 2, Pages 3 - 8)');
    expect(pageCitation({ pages: '3 - 6', supplement: 1 })).toBe('(Supplement 1, Pages 3 - 6)');
    expect(pageCitation({ pages: '3 - 6', supplement: 2, part2: true })).toBe('(Supplement 2 Part 2, Pages 3 - 6)');
    expect(pageCitation(undefined)).toBe('');
    expect(nextPackNumber(false, [])).toBe(0);
    expect(nextPackNumber(true, [{ supplement: 0 }])).toBe(1);
    expect(nextPackNumber(true, [{ supplement: 0 }, { supplement: 1 }])).toBe(2);
  });
});

describe('what an upload is', () => {
  it('knows PDF and Word by their bytes, whatever the name says', () => {
    expect(classifyUpload(bytes('%PDF-1.7\n…'), 'report.docx')).toEqual({ ok: true, kind: 'pdf' });
    const docx = bytes([
      0x50,
      0x4b,
      0x03,
      0x04,
      ...new TextEncoder().encode('....[Content_Types].xml word/document.xml'),
    ]);
    expect(classifyUpload(docx, 'report.pdf')).toEqual({ ok: true, kind: 'docx' });
    expect(classifyUpload(bytes([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0]), 'old.doc')).toEqual({
      ok: true,
      kind: 'doc',
    });
  });

  it('refuses anything else, and empty or oversized files, saying what to do', () => {
    const xlsx = bytes([0x50, 0x4b, 0x03, 0x04, ...new TextEncoder().encode('xl/workbook.xml')]);
    const refused = classifyUpload(xlsx, 'figures.xlsx');
    expect(refused).toMatchObject({ ok: false });
    expect(!refused.ok && refused.why).toContain('figures.xlsx is not a PDF or a Word document');
    // An old spreadsheet is an OLE file too: only a .doc is taken for Word.
    expect(classifyUpload(bytes([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), 'old.xls').ok).toBe(false);
    expect(classifyUpload(new Uint8Array(), 'x.pdf')).toMatchObject({
      ok: false,
      why: expect.stringContaining('empty'),
    });
    const big = new Uint8Array(MAX_REPORT_BYTES + 1);
    big.set(bytes('%PDF-1.7'));
    expect(classifyUpload(big, 'big.pdf')).toMatchObject({ ok: false, why: expect.stringContaining('at most 20 MB') });
  });

  it('keeps a file name to one safe path segment', () => {
    expect(safeFileName('C:\\Users\\clerk\\Q1 report: final?.pdf')).toBe('Q1 report final .pdf');
    expect(safeFileName('../../etc/passwd')).toBe('passwd');
    expect(safeFileName('///')).toBe('report');
  });
});
