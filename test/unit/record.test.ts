import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { outcomeProblem, resolutionsFrom } from '../../bot/domain/minutes';
import { assembleRecord, exclusionPrompt, letterResolutions, meetingTimes } from '../../bot/domain/record';
import { itemNotice } from '../../bot/features/declarations';
import { renderRecord } from '../../bot/features/record';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { CELL_MARGINS, LOG_COLUMNS, LOG_HEADER_SIZE, renderDocx } from '../../bot/render/docx';
import { renderHtml } from '../../bot/render/html';
import { renderMarkdown } from '../../bot/render/markdown';
import { june2023Inputs, september2020Inputs } from '../fixtures/papers';

/** The lines of a Markdown section, from its heading to the next blank-line-separated heading. */
function section(md: string, title: string): string[] {
  const lines = md.split('\n');
  const start = lines.indexOf(title);
  expect(start, `no section "${title}"`).toBeGreaterThanOrEqual(0);
  const rows: string[] = [];
  for (const line of lines.slice(start + 4)) {
    if (!line.startsWith('| ')) break;
    rows.push(line);
  }
  return rows;
}

describe('the minutes of 30 June 2023, rebuilt from their parts', () => {
  const record = assembleRecord(june2023Inputs());
  // As the paper prints them: confirmed (a draft says DRAFT above the heading).
  const md = renderMarkdown(record, 'confirmed');

  it('heads them as the papers do', () => {
    expect(
      md.startsWith(
        'Minutes of a meeting of the Leicestershire Safer Communities Strategy Board held via Microsoft Teams on Friday, 30 June 2023.\n',
      ),
    ).toBe(true);
  });

  it('prints PRESENT with each member and the body they represent, substitutes in their seats', () => {
    expect(section(md, 'PRESENT')).toEqual([
      '| Mrs D. Taylor CC | Leicestershire County Council |',
      '| Cllr. L. Phillimore | Community Safety Partnership Strategy Group Chair - Blaby District Council |',
      '| Cllr. L. Blackshaw | Community Safety Partnership Strategy Group Chair - Charnwood Borough Council |',
      '| Cllr. P. Cumbers | Community Safety Partnership Strategy Group Chair – Melton Borough Council |',
      '| Cllr. M. Mullaney | Community Safety Partnership Strategy Group Chair – Hinckley and Bosworth Borough Council |',
      '| Cllr. D. Woodiwiss | Community Safety Partnership Strategy Group Chair – Harborough District Council |',
      '| Cllr. K. Loydall | Community Safety Partnership Strategy Group Chair – Oadby and Wigston Borough Council |',
      '| Mr. N. Bannister CC | Combined Fire Authority |',
      '| Matt Cane | Leicestershire Fire and Rescue Service |',
      '| Inspector Duncan Southall | Leicestershire Police |',
      '| Jo Hewitt | Public Health, Leicestershire County Council |',
      '| Bob Bearne | Probation Service |',
      '| Rupert Matthews | Police and Crime Commissioner |',
      '| Rani Mahal | Office of the Police and Crime Commissioner |',
      '| Wendy Hope | Integrated Care Board |',
    ]);
  });

  it('prints the officers in the order of the papers', () => {
    expect(section(md, 'Officers')).toEqual([
      '| Katie Herbert | Leicestershire County Council |',
      '| Sabrina Hussain | Leicestershire County Council |',
      '| Carly Turner | Leicestershire County Council |',
      '| Anita Chavda | Leicestershire County Council |',
      '| Euan Walters | Leicestershire County Council |',
      '| Tim McCabe | Charnwood Borough Council |',
      '| Giuseppe Vassallo | Charnwood Borough Council |',
      '| Carol Parker | Blaby District Council |',
      '| Rachel Burgess | Hinckley and Bosworth Borough Council |',
      '| Sarah Pickering | Harborough District Council |',
      '| Mark Smith | Oadby and Wigston Borough Council |',
      '| David Walker | Melton Borough Council |',
      '| Lee Mansfield | North West Leicestershire District Council |',
      '| Ian Stubbs | Prevent East Midlands |',
      '| Detective Sergeant Chris Perry | Leicestershire Police |',
    ]);
  });

  it('prints apologies in the order received, with their seats, and never their reasons', () => {
    expect(section(md, 'Apologies')).toEqual([
      '| Cllr. M. Wyatt | Community Safety Partnership Strategy Group Chair – North West Leicestershire District Council |',
      '| Cllr C. Wise | Rutland County Council |',
      '| Chief Supt Johnny Starbuck | Leicestershire Police |',
      '| Joshna Mavji | Public Health, Leicestershire County Council |',
      '| Rik Basra | Leicestershire County Council |',
    ]);
  });

  it('words the standing items as the papers word them', () => {
    expect(md).toContain(
      '**4. Minutes of previous meeting.**\n\nThe minutes of the meeting held on 17 March 2023 were taken as read and confirmed as a correct record.\n',
    );
    expect(md).toContain(
      [
        '**6. LSCSB Action Log**',
        '',
        "The Board considered the LSCSB Action Log, a copy of which, marked 'Agenda Item 6', is filed with these minutes.",
        '',
        'It was agreed that Action no. 1: Leicestershire Police to provide a report to a future meeting of the Board regarding lessons learned from the Covid-19 pandemic, was no longer required and should be removed from the Action Log.',
        '',
        'With regards to Action no. 5: CSP Chairs visit to Warning Zone, it was noted that the visit had gone well and the main themes arising from the visit were that Warning Zone required more funding and volunteers.',
        '',
        'RESOLVED:',
        '',
        'That the status of the Action Log be noted.',
      ].join('\n'),
    );
    expect(md).toContain(
      [
        '**7. Declarations of interest**',
        '',
        'The Chairman invited members who wished to do so to declare any interests in respect of items on the agenda for the meeting.',
        '',
        'Mr. N. Bannister CC declared that he was employed by the Crown Prosecution Service (CPS) but was not acting as a representative of the CPS at this meeting and any opinions he gave or statements he made were separate to those of the CPS.',
      ].join('\n'),
    );
  });

  it('puts the Chairman in the Chair after her election, letters resolutions, and closes with the times and CHAIRMAN', () => {
    expect(md).toContain(
      'RESOLVED:\n\nIt was proposed, seconded, and AGREED that Mrs. D. Taylor CC be elected Chairman of the Board for 2023/24.\n\nMrs D. Taylor CC in the Chair\n',
    );
    expect(record.chairLine).toBeUndefined();
    expect(md).toContain(
      'RESOLVED:\n\n- (a) That the contents of the report be noted;\n- (b) That the Board supports the protection and prevention activities being undertaken by Leicestershire Fire and Rescue Service.\n',
    );
    expect(md).toContain('\n10.00 - 11.35 am\n30 June 2023\n\nCHAIRMAN\n');
    expect(record.minutes.map((m) => m.number)).toEqual(Array.from({ length: 15 }, (_, i) => i + 1));
  });

  it('introduces points noted as the papers do, after discussion or after a presentation', () => {
    expect(md).toContain(
      [
        "marked 'Agenda Item 10', is filed with these minutes.",
        '',
        'Arising from discussions the following points were noted:',
        '',
        '- (i) LLR PDU had been subject to an HMIP Inspection in November/December 2022.',
      ].join('\n'),
    );
    expect(md).toContain(
      "marked 'Agenda Item 13', is filed with these minutes.\n\nArising from the presentation the following points were noted:\n\n- (i) The benchmarking",
    );
    expect(md).toContain(
      'RESOLVED:\n\n- (a) That the contents of the presentation be noted;\n- (b) That officers be requested to give consideration to holding an awareness raising event for elected members regarding the Prevent Duty.\n',
    );
  });

  it('prints the future dates one a line under their resolution, as the paper lists them', () => {
    expect(md).toContain(
      [
        '**15. Future meeting dates.**',
        '',
        'RESOLVED:',
        '',
        'That future meetings of the Board take place on the following dates all at 10.00am:',
        '',
        'Friday 29 September 2023;',
        '',
        'Friday 15 December 2023;',
        '',
        'Friday 22 March 2024;',
        '',
        'Friday 28 June 2024;',
        '',
        'Friday 27 September 2024;',
        '',
        'Friday 13 December 2024.',
      ].join('\n'),
    );
  });

  it('keeps a typed list with the resolution it follows, and a new “That …” as a resolution of its own', () => {
    expect(
      resolutionsFrom(['That meetings be held on:', 'Friday 1 March;', 'Friday 7 June', 'That the report be noted']),
    ).toEqual(['That meetings be held on:\nFriday 1 March;\nFriday 7 June', 'That the report be noted']);
    expect(resolutionsFrom(['That the report be noted', '', '  That X be thanked  '])).toEqual([
      'That the report be noted',
      'That X be thanked',
    ]);
  });

  it('shows a placeholder for items the clerk has not written, and lists them', () => {
    expect(record.missing).toEqual([8, 11, 12, 14]);
    expect(md).toContain(
      '**8. Safer Communities Performance 2022/23 - Quarter 4.**\n\n*[Minute to be written by the clerk.]*',
    );
  });

  it('says "No declarations were made." when none were', () => {
    const inputs = june2023Inputs();
    const none = assembleRecord({ ...inputs, responses: inputs.responses.filter((r) => r.kind !== 'declaration') });
    expect(renderMarkdown(none, 'draft')).toContain(
      'The Chairman invited members who wished to do so to declare any interests in respect of items on the agenda for the meeting.\n\nNo declarations were made.\n',
    );
  });

  it("prints the committee's blanket note after the invitation, as the 2014 and 2015 minutes do", () => {
    const inputs = june2023Inputs();
    const note =
      'It was noted that all members who were also members of a District or Borough (or Parish or Town) Councils would have personal interests in issues which related to areas covered by those authorities.';
    const md = renderMarkdown(
      assembleRecord({ ...inputs, committee: { ...inputs.committee, declarationsNote: note } }),
      'draft',
    );
    expect(md).toContain(`for the meeting.\n\n${note}\n\nMr. N. Bannister CC declared that`);
  });

  it('appends the action log as it stood at the meeting, as the papers print it', () => {
    expect(record.actionLog.map((r) => r.no)).toEqual(['1', '2', '3']);
    expect(md).toContain('| No. | Date | Action | Responsible Officer | Comments | Status |');
    expect(md).toContain(
      '| 3 | 9.12.22 17.3.23 | Update at a future Board meeting regarding Leicester University work',
    );
  });

  it('renders the same minutes as HTML, escaping what it prints', () => {
    const html = renderHtml(record, 'draft');
    expect(html).toContain(
      '<h1>Minutes of a meeting of the Leicestershire Safer Communities Strategy Board held via Microsoft Teams on Friday, 30 June 2023.</h1>',
    );
    expect(html).toContain('<tr><td>Inspector Duncan Southall</td><td>Leicestershire Police</td></tr>');
    expect(html).toContain('<p class="placeholder">[Minute to be written by the clerk.]</p>');
    expect(html).toContain('<li>(a) That the contents of the report be noted;</li>');
    expect(html).not.toContain('<script');
  });
});

describe('the six actions of the September 2023 pack in the record', () => {
  it('print as the papers print them, as of the 29 September 2023 meeting', () => {
    const inputs = june2023Inputs();
    const sept = assembleRecord({
      ...inputs,
      meeting: { ...inputs.meeting, id: 'x', startsAt: '2023-09-29T10:00:00+01:00', endsAt: undefined },
    });
    const md = renderMarkdown(sept, 'draft');
    expect(md).toContain(
      '| 1 | 18.3.21 | Training on Modern Slavery to be arranged for local authority officers and LSCSB members. | Gary Bee/Rik Basra | Capacity is an issue for bespoke training. | Amber |',
    );
    expect(md).toContain(
      '| 4 | 30.6.23 | Probation – Circulate Action Plan in response to HMIP Inspection report, and provide a further Probation update at a future meeting. | Bob Bearne/Euan Walters | Action Plan circulated 4 July 2023. | Green |',
    );
    expect(md).toContain(
      '| 6 | 30.6.23 | PREVENT – Look at holding event at County Hall to inform elected members about Prevent. | Anita Chavda/Ian Stubbs |  | Amber |',
    );
    expect(sept.actionLog).toHaveLength(6);
  });
});

describe('exempt business: 25 September 2020', () => {
  const full = renderMarkdown(assembleRecord(september2020Inputs('full')), 'draft');
  const pub = renderMarkdown(assembleRecord(september2020Inputs('public')), 'draft');

  it('keeps the County Lines item in the members’ record', () => {
    expect(full).toContain("The Board received a presentation from Superintendent Shane O'Neill");
    expect(full).toContain(
      '(b) That a further presentation be brought to a future meeting of the Board regarding County Lines',
    );
  });

  it('keeps its content out of the public record, which shows the exclusion resolution instead', () => {
    expect(pub).not.toContain("Shane O'Neill");
    expect(pub).not.toContain('Turning Point');
    expect(pub).toContain('**6. County Lines - Operational Learning.** (exempt)');
    expect(pub).toContain(
      'That under Section 100A of the Local Government Act 1972, the public be excluded for the following item of business on the grounds that it involves the likely disclosure of exempt information as defined in Paragraph 7 of Part 1 of Schedule 12A of the Act and that, in all circumstances of the case, the public interest in maintaining the exemption outweighs the public interest in disclosing the information:- County Lines - Operational Learning.',
    );
    expect(pub).toContain(
      'Its minutes are not for publication by virtue of Paragraph 7 of Part 1 of Schedule 12A of the Local Government Act 1972.',
    );
  });

  it('confirms the previous minutes "subject to an amendment that …", and takes the clerk’s words for the introductions', () => {
    expect(full).toContain(
      'The minutes of the meeting held on 26 June 2020 were taken as read and confirmed as a correct record, subject to an amendment that Gurjit Samra-Rai be recorded as attending on behalf of The Office of the Police and Crime Commissioner for Leicestershire as well as the Violence Reduction Network.',
    );
    expect(full).toContain(
      '**3. Introductions**\n\nThe Chairman welcomed everyone to the meeting and introductions were made.\n\n**4.',
    );
  });

  it('prints the exclusion resolution as a minute of its own before the exempt item, even with no agenda item for it', () => {
    const inputs = september2020Inputs('full');
    const withoutItem = {
      ...inputs.meeting,
      agenda: inputs.meeting.agenda.filter((i) => i.number !== 5).map((i, k) => ({ ...i, number: k + 1 })),
    };
    for (const view of ['full', 'public'] as const) {
      const record = assembleRecord({ ...inputs, meeting: withoutItem, view, minutes: undefined });
      const md = renderMarkdown(record, 'draft');
      expect(md).toContain(
        '**5. Exclusion of the Press and Public.**\n\nRESOLVED:\n\nThat under Section 100A of the Local Government Act 1972, the public be excluded for the following item of business',
      );
      expect(md).toContain('**6. County Lines - Operational Learning.** (exempt)');
      expect(record.minutes.map((m) => m.number)).toEqual([1, 2, 3, 4, 5, 6]);
    }
  });
});

describe('reaching exempt business in the meeting', () => {
  const agenda = september2020Inputs('full').meeting.agenda;
  const withoutItem = agenda.filter((i) => i.number !== 5).map((i, k) => ({ ...i, number: k + 1 }));

  it('prompts the chair to move the exclusion, with the resolution, at the exclusion item or at an exempt item reached without one', () => {
    const atExclusion = exclusionPrompt(agenda, 5);
    expect(atExclusion).toHaveLength(1);
    expect(atExclusion[0]).toMatch(
      /^Chairman: the business that follows is exempt\. Move that the press and public be excluded: “That under Section 100A of the Local Government Act 1972, the public be excluded for the following item of business/,
    );
    expect(atExclusion[0]).toContain('County Lines - Operational Learning');
    // Straight after the exclusion item, nothing more to move.
    expect(exclusionPrompt(agenda, 6)).toEqual([]);
    // Reached with no exclusion item before it, the exempt item itself prompts.
    expect(exclusionPrompt(withoutItem, 5)[0]).toMatch(
      /^Chairman: this item is exempt \(Paragraph 7 of Part 1 of Schedule 12A of the Local Government Act 1972\)\. Move that/,
    );
    expect(exclusionPrompt(agenda, 3)).toEqual([]);
  });

  it('tells the meeting chat the item number only, never an exempt title', () => {
    const card = JSON.stringify(
      itemNotice({
        ok: true,
        number: 6,
        title: 'County Lines - Operational Learning.',
        lines: ['x'],
        leaving: false,
        exempt: true,
      }),
    );
    expect(card).toContain('Item 6 (exempt business)');
    expect(card).not.toContain('County Lines');
  });
});

describe('the previous minutes, as the meeting dealt with them', () => {
  const minuteOf = (inputs: ReturnType<typeof june2023Inputs>) =>
    assembleRecord(inputs).minutes.find((m) => m.title.startsWith('Minutes of'));
  const base = june2023Inputs();
  const withPrevious = (previousMinutes?: NonNullable<typeof base.minutes>['previousMinutes']) => ({
    ...base,
    minutes: { ...base.minutes!, ...(previousMinutes ? { previousMinutes } : { previousMinutes: undefined }) },
  });

  it('never assumes they were confirmed: unrecorded, the item is a placeholder the clerk must fill', () => {
    const inputs = withPrevious();
    const record = assembleRecord(inputs);
    const minute = minuteOf(inputs);
    expect(minute?.placeholder).toBe(true);
    expect(minute?.paragraphs.join(' ')).not.toContain('confirmed');
    expect(record.missing).toContain(minute?.itemNumber);
  });

  it('prints confirmed, circulated and noted, or deferred, as recorded', () => {
    expect(minuteOf(withPrevious({ outcome: 'confirmed' }))?.paragraphs).toEqual([
      'The minutes of the meeting held on 17 March 2023 were taken as read and confirmed as a correct record.',
    ]);
    expect(minuteOf(withPrevious({ outcome: 'noted' }))?.paragraphs).toEqual([
      'The minutes of the meeting held on 17 March 2023 were circulated and noted.',
    ]);
    expect(minuteOf(withPrevious({ outcome: 'deferred' }))?.paragraphs).toEqual([
      'Consideration of the minutes of the meeting held on 17 March 2023 was deferred to the next meeting.',
    ]);
  });

  it('dates a previous meeting Quorum never held from what the clerk gives', () => {
    const { previousMeeting: _none, ...rest } = withPrevious({ outcome: 'confirmed', heldOn: '2014-06-12' });
    expect(minuteOf(rest)?.paragraphs).toEqual([
      'The minutes of the meeting held on 12 June 2014 were taken as read and confirmed as a correct record.',
    ]);
  });
});

describe('what an outcome holds', () => {
  it('takes a decision as the papers record one, "That …" or an election’s "It was proposed, seconded, and AGREED that …"', () => {
    expect(outcomeProblem('RESOLVED', ['That the report be noted'])).toBeUndefined();
    expect(
      outcomeProblem('RESOLVED', [
        'It was proposed, seconded, and AGREED that Mrs. D. Taylor CC be elected Chairman of the Board for 2023/24',
      ]),
    ).toBeUndefined();
    expect(outcomeProblem('AGREED', ['It was AGREED that the item be deferred'])).toBeUndefined();
    expect(outcomeProblem('RESOLVED', ['The Board thanked Rik Basra for his report'])).toContain('is not.');
    expect(outcomeProblem('RESOLVED', ['It was noted that the prison had opened'])).toContain('is not.');
    expect(outcomeProblem('NOTED', ['The significant progress being made'])).toBeUndefined();
  });
});

describe('house-style details', () => {
  it('letters several resolutions and stops a single one', () => {
    expect(letterResolutions(['That A', 'That B;', 'That C.'])).toEqual(['(a) That A;', '(b) That B;', '(c) That C.']);
    expect(letterResolutions(['That the contents of the report be noted'])).toEqual([
      'That the contents of the report be noted.',
    ]);
  });
  it('never prints a booking’s scheduled times as the times the meeting was held', () => {
    const inputs = june2023Inputs();
    const { held: _held, ...booked } = inputs.meeting;
    const record = assembleRecord({ ...inputs, meeting: booked });
    expect(record.times).toBeUndefined();
    expect(renderMarkdown(record, 'draft')).not.toContain('11.35');
  });

  it('prints times as the papers do', () => {
    expect(meetingTimes('2023-06-30T10:00:00+01:00', '2023-06-30T11:35:00+01:00')).toBe('10.00 - 11.35 am');
    expect(meetingTimes('2023-06-30T10:00:00+01:00', '2023-06-30T12:15:00+01:00')).toBe('10.00 am - 12.15 pm');
    expect(meetingTimes('2023-06-30T10:00:00+01:00')).toBeUndefined();
  });
});

describe('the Word document', () => {
  it('is a valid .docx whose text carries the minutes', async () => {
    const buffer = await renderDocx(assembleRecord(june2023Inputs()), 'draft');
    const dir = mkdtempSync(join(tmpdir(), 'quorum-docx-'));
    const file = join(dir, 'minutes.docx');
    writeFileSync(file, buffer);
    expect(buffer.subarray(0, 2).toString()).toBe('PK');
    const listing = execFileSync('unzip', ['-l', file]).toString();
    expect(listing).toContain('word/document.xml');
    const xml = execFileSync('unzip', ['-p', file, 'word/document.xml']).toString();
    expect(xml.startsWith('<?xml')).toBe(true);
    const textOnly = xml.replace(/<[^>]+>/g, '');
    expect(textOnly).toContain(
      'Minutes of a meeting of the Leicestershire Safer Communities Strategy Board held via Microsoft Teams on Friday, 30 June 2023.',
    );
    expect(textOnly).toContain('Inspector Duncan Southall');
    expect(textOnly).toContain('CHAIRMAN');
    // Balanced XML: every opened element is closed.
    const opens = (xml.match(/<w:p[ >]/g) ?? []).length;
    const closes = (xml.match(/<\/w:p>/g) ?? []).length + (xml.match(/<w:p\/>/g) ?? []).length;
    expect(opens).toBe(closes);
    expect(readFileSync(file).length).toBeGreaterThan(5000);
  });

  it('marks a draft DRAFT, heads every page with the committee and date, numbers the pages, and uses Word’s heading styles', async () => {
    const record = assembleRecord(june2023Inputs());
    const unpack = async (state: 'draft' | 'confirmed') => {
      const dir = mkdtempSync(join(tmpdir(), 'quorum-docx-'));
      const file = join(dir, 'minutes.docx');
      writeFileSync(file, await renderDocx(record, state));
      const part = (name: string) => execFileSync('unzip', ['-p', file, name]).toString();
      const names = execFileSync('unzip', ['-Z1', file]).toString().split('\n');
      const headers = names
        .filter((n) => /^word\/header\d*\.xml$/.test(n))
        .map(part)
        .join('');
      const footers = names
        .filter((n) => /^word\/footer\d*\.xml$/.test(n))
        .map(part)
        .join('');
      return { document: part('word/document.xml'), styles: part('word/styles.xml'), headers, footers };
    };
    const draft = await unpack('draft');
    const text = (xml: string) => xml.replace(/<[^>]+>/g, '');
    expect(text(draft.headers)).toContain('DRAFT');
    expect(text(draft.headers)).toContain('Leicestershire Safer Communities Strategy Board, 30 June 2023');
    expect(text(draft.document).startsWith('DRAFT')).toBe(true);
    expect(draft.footers).toContain('PAGE');
    // The navigation pane lists the heading and every minute.
    expect(draft.document.match(/<w:pStyle w:val="Heading1"\/>/g)).toHaveLength(1);
    expect(draft.document.match(/<w:pStyle w:val="Heading2"\/>/g)).toHaveLength(record.minutes.length);
    expect(draft.styles).toMatch(/w:styleId="Heading2"[\s\S]*?<w:rFonts w:ascii="Arial"/);
    const confirmed = await unpack('confirmed');
    expect(text(confirmed.headers)).not.toContain('DRAFT');
    expect(text(confirmed.document)).not.toContain('DRAFT');
    expect(text(confirmed.headers)).toContain('Leicestershire Safer Communities Strategy Board, 30 June 2023');
  });

  it('makes each action-log column wide enough for its heading’s longest word, so none breaks', async () => {
    // Arial's widths are Helvetica's: the standard PDF font metrics measure them.
    const doc = await PDFDocument.create();
    const bold = await doc.embedFont(StandardFonts.HelveticaBold);
    const header = ['No.', 'Date', 'Action', 'Responsible Officer', 'Comments', 'Status'];
    header.forEach((h, i) => {
      const widest = Math.max(...h.split(' ').map((w) => bold.widthOfTextAtSize(w, LOG_HEADER_SIZE / 2)));
      expect(widest * 20 + CELL_MARGINS, h).toBeLessThanOrEqual(LOG_COLUMNS[i]!);
    });
    expect(LOG_COLUMNS.reduce((a, b) => a + b, 0)).toBe(9638);
  });
});

describe('drafts and confirmed minutes in every format', () => {
  const record = assembleRecord(june2023Inputs());
  it('say DRAFT until the minutes are confirmed', () => {
    expect(renderMarkdown(record, 'draft').startsWith('**DRAFT**\n\nMinutes of a meeting')).toBe(true);
    expect(renderMarkdown(record, 'confirmed').startsWith('Minutes of a meeting')).toBe(true);
    expect(renderHtml(record, 'draft')).toContain('<p class="stamp">DRAFT</p>');
    expect(renderHtml(record, 'confirmed')).not.toContain('DRAFT');
  });
});

describe('downloading the minutes again', () => {
  it('serves the file made the first time while the record is the same, and a new one as soon as it changes', async () => {
    const record = assembleRecord(june2023Inputs());
    const first = await renderRecord(record, 'md', 'draft');
    expect(await renderRecord(structuredClone(record), 'md', 'draft')).toBe(first);
    // DRAFT or not, and the format, make different files from the same record.
    expect(await renderRecord(record, 'md', 'confirmed')).not.toBe(first);
    const changed = { ...record, heading: `${record.heading} (amended)` };
    const again = await renderRecord(changed, 'md', 'draft');
    expect(again).not.toBe(first);
    expect(String(again)).toContain('(amended)');
  });
});
