import {
  AlignmentType,
  BorderStyle,
  Document,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
  type ITableCellOptions,
} from 'docx';
import type { MeetingRecord } from '../domain/record';
import { recordBlocks } from './blocks';

const NONE = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };
const NO_BORDERS = { top: NONE, bottom: NONE, left: NONE, right: NONE, insideHorizontal: NONE, insideVertical: NONE };
const FONT = 'Arial';
/** The action log's columns as the papers set them (twentieths of a point, on A4 with 2 cm margins). */
const LOG_COLUMNS = [620, 1000, 2850, 1450, 2700, 1018];

const text = (t: string, opts: { bold?: boolean; italics?: boolean; size?: number } = {}) =>
  new TextRun({ text: t, font: FONT, size: opts.size ?? 22, bold: opts.bold, italics: opts.italics });

const para = (
  runs: TextRun[],
  opts: { indent?: number; spaceAfter?: number; align?: (typeof AlignmentType)[keyof typeof AlignmentType] } = {},
) =>
  new Paragraph({
    children: runs,
    spacing: { after: opts.spaceAfter ?? 160 },
    ...(opts.indent ? { indent: { left: opts.indent, hanging: 567 } } : {}),
    ...(opts.align ? { alignment: opts.align } : {}),
  });

const cell = (t: string, opts: Partial<ITableCellOptions> & { bold?: boolean } = {}) =>
  new TableCell({ children: [para([text(t, { bold: opts.bold, size: 20 })], { spaceAfter: 40 })], ...opts });

/** The minutes as a Word document, in the house style of the papers. */
export async function renderDocx(record: MeetingRecord): Promise<Buffer> {
  const children: (Paragraph | Table)[] = [];
  for (const b of recordBlocks(record)) {
    switch (b.kind) {
      case 'heading':
        children.push(para([text(b.text, { bold: true })], { spaceAfter: 240 }));
        break;
      case 'chair':
        children.push(para([text(b.text, { bold: true })]));
        break;
      case 'section':
        children.push(para([text(b.text, { bold: true })], { spaceAfter: 80 }));
        break;
      case 'people':
        children.push(
          new Table({
            width: { size: 100, type: WidthType.PERCENTAGE },
            borders: NO_BORDERS,
            rows: b.lines.map(
              (l) =>
                new TableRow({
                  children: [cell(l.name, { width: { size: 40, type: WidthType.PERCENTAGE } }), cell(l.body)],
                }),
            ),
          }),
          para([]),
        );
        break;
      case 'minuteTitle':
        children.push(
          para([text(b.text, { bold: true }), ...(b.exempt ? [text(' (exempt)', { italics: true })] : [])], {
            spaceAfter: 120,
          }),
        );
        break;
      case 'paragraph':
        children.push(para([text(b.text, { italics: b.placeholder })], { align: AlignmentType.JUSTIFIED }));
        break;
      case 'outcome':
        children.push(para([text(b.text, { bold: true })]));
        break;
      case 'listItem':
        children.push(para([text(b.text)], { indent: 567, align: AlignmentType.JUSTIFIED }));
        break;
      case 'signature':
        children.push(
          para([]),
          ...(b.times ? [para([text(b.times)], { spaceAfter: 0 })] : []),
          para([text(b.date)], { spaceAfter: 480 }),
          para([text('CHAIRMAN', { bold: true })]),
        );
        break;
      case 'table':
        children.push(
          new Paragraph({ children: [text(b.title, { bold: true })], pageBreakBefore: true, spacing: { after: 120 } }),
          new Table({
            width: { size: 100, type: WidthType.PERCENTAGE },
            columnWidths: LOG_COLUMNS,
            rows: [
              new TableRow({
                tableHeader: true,
                children: b.header.map((h, i) =>
                  cell(h, { bold: true, width: { size: LOG_COLUMNS[i] ?? 1000, type: WidthType.DXA } }),
                ),
              }),
              ...b.rows.map(
                (r) =>
                  new TableRow({
                    cantSplit: false,
                    children: r.map((c, i) =>
                      cell(c, { width: { size: LOG_COLUMNS[i] ?? 1000, type: WidthType.DXA } }),
                    ),
                  }),
              ),
            ],
          }),
        );
        break;
    }
  }
  const doc = new Document({
    creator: 'Quorum',
    title: record.heading,
    styles: { default: { document: { run: { font: FONT, size: 22 } } } },
    sections: [{ properties: { page: { margin: { top: 1134, bottom: 1134, left: 1134, right: 1134 } } }, children }],
  });
  return Packer.toBuffer(doc);
}
