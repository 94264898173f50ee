import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  Header,
  HeadingLevel,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
  type ITableCellOptions,
} from 'docx';
import type { MeetingRecord } from '../domain/record';
import { recordBlocks, type RecordState } from './blocks';

const NONE = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };
const NO_BORDERS = { top: NONE, bottom: NONE, left: NONE, right: NONE, insideHorizontal: NONE, insideVertical: NONE };
const FONT = 'Arial';
/**
 * The action log's columns (twentieths of a point, on A4 with 2 cm margins: 9,638 in all), each wide
 * enough for its heading's longest word in 10 pt bold, so Word never breaks one ("Responsibl e").
 */
export const LOG_COLUMNS = [620, 1000, 2600, 1700, 2700, 1018];
/** Word's default cell margins, left and right (twentieths of a point). */
export const CELL_MARGINS = 2 * 108;
/** The table header's type size (half-points). */
export const LOG_HEADER_SIZE = 20;

const text = (t: string, opts: { bold?: boolean; italics?: boolean; size?: number } = {}) =>
  new TextRun({ text: t, font: FONT, size: opts.size ?? 22, bold: opts.bold, italics: opts.italics });

const para = (
  runs: TextRun[],
  opts: {
    indent?: number;
    spaceAfter?: number;
    align?: (typeof AlignmentType)[keyof typeof AlignmentType];
    /** A heading in Word's own styles (so the navigation pane lists the minutes), drawn in the house style. */
    heading?: (typeof HeadingLevel)['HEADING_1' | 'HEADING_2'];
  } = {},
) =>
  new Paragraph({
    children: runs,
    ...(opts.heading ? { heading: opts.heading } : {}),
    spacing: { after: opts.spaceAfter ?? 160 },
    ...(opts.indent ? { indent: { left: opts.indent, hanging: 567 } } : {}),
    ...(opts.align ? { alignment: opts.align } : {}),
  });

const cell = (t: string, opts: Partial<ITableCellOptions> & { bold?: boolean } = {}, size = 20) =>
  new TableCell({ children: [para([text(t, { bold: opts.bold, size })], { spaceAfter: 40 })], ...opts });

/** Word's heading styles, drawn as the papers draw headings: Arial 11 pt bold, black, nothing more. */
const HEADING_STYLES = (['Heading1', 'Heading2'] as const).map((id) => ({
  id,
  name: id === 'Heading1' ? 'Heading 1' : 'Heading 2',
  basedOn: 'Normal',
  next: 'Normal',
  quickFormat: true,
  run: { font: FONT, size: 22, bold: true, color: '000000' },
  paragraph: { spacing: { before: 0, after: 120 } },
}));

/** "Leicestershire Safer Communities Strategy Board, 30 June 2023": the running header. */
const runningTitle = (record: MeetingRecord) =>
  `${/meeting of the (.+?) (held|on) /.exec(record.heading)?.[1] ?? 'Minutes'}, ${record.date}`;

/**
 * The minutes as a Word document, in the house style of the papers: a running header with the committee
 * and date (and DRAFT until confirmed), page numbers, Word's heading styles for the navigation pane.
 */
export async function renderDocx(record: MeetingRecord, state: RecordState): Promise<Buffer> {
  const children: (Paragraph | Table)[] = [];
  for (const b of recordBlocks(record, state)) {
    switch (b.kind) {
      case 'stamp':
        children.push(para([text(b.text, { bold: true, size: 28 })], { align: AlignmentType.RIGHT }));
        break;
      case 'heading':
        children.push(para([text(b.text, { bold: true })], { spaceAfter: 240, heading: HeadingLevel.HEADING_1 }));
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
            heading: HeadingLevel.HEADING_2,
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
                  cell(
                    h,
                    { bold: true, width: { size: LOG_COLUMNS[i] ?? 1000, type: WidthType.DXA } },
                    LOG_HEADER_SIZE,
                  ),
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
  const small = (t: string, bold = false) => new TextRun({ text: t, font: FONT, size: 18, bold });
  const header = new Header({
    children: [
      new Paragraph({
        alignment: AlignmentType.RIGHT,
        children: [...(state === 'draft' ? [small('DRAFT  ', true)] : []), small(runningTitle(record))],
      }),
    ],
  });
  const footer = new Footer({
    children: [
      new Paragraph({
        alignment: AlignmentType.CENTER,
        children: [new TextRun({ children: [PageNumber.CURRENT], font: FONT, size: 18 })],
      }),
    ],
  });
  const doc = new Document({
    creator: 'Quorum',
    title: record.heading,
    styles: { default: { document: { run: { font: FONT, size: 22 } } }, paragraphStyles: HEADING_STYLES },
    sections: [
      {
        properties: { page: { margin: { top: 1134, bottom: 1134, left: 1134, right: 1134 } } },
        headers: { default: header },
        footers: { default: footer },
        children,
      },
    ],
  });
  return Packer.toBuffer(doc);
}
