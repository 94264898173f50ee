import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { Document, Packer, Paragraph } from 'docx';
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MeetingSchema } from '../../bot/domain/meeting';
import { makeReport, readPdf } from '../support/pdf';
import { DEMO, startTestStack, type TestStack } from '../support/stack';

// The 29 September 2023 agenda, two weeks before the meeting: the pack is built as it was then.
let clock = new Date('2023-09-15T09:00:00Z');
let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack({ now: () => clock });
});
afterAll(async () => {
  await stack?.services.bot.sender.settled();
  await stack?.close();
});

const CLERK: Record<string, string> = { 'x-quorum-as': DEMO.clerk.aadObjectId };
const MEMBER: Record<string, string> = { 'x-quorum-as': DEMO.member.aadObjectId };

async function request(
  method: string,
  path: string,
  body?: Uint8Array | object,
  headers: Record<string, string> = CLERK,
) {
  const res = await fetch(`${stack.url}${path}`, {
    method,
    headers: {
      ...headers,
      ...(body instanceof Uint8Array
        ? { 'content-type': 'application/octet-stream' }
        : body
          ? { 'content-type': 'application/json' }
          : {}),
    },
    ...(body ? { body: body instanceof Uint8Array ? body : JSON.stringify(body) } : {}),
  });
  const bytes = new Uint8Array(await res.arrayBuffer());
  const type = res.headers.get('content-type') ?? '';
  return {
    status: res.status,
    type,
    bytes,
    json: type.includes('json')
      ? (JSON.parse(Buffer.from(bytes).toString('utf8')) as Record<string, unknown>)
      : undefined,
  };
}

/** The agenda in the paper: "2. Minutes of previous meeting. (Pages 3 - 10)" → item 2 cites "3 - 10". */
const SEED = readFileSync(join(__dirname, '../fixtures/seeds/001_574722d7efc6496d.txt'), 'utf8');
const seedAgenda = SEED.slice(0, SEED.indexOf('Minutes of a meeting'));
const seedPages = new Map(
  [...seedAgenda.matchAll(/^(\d+)\. (.+?)(?: \(Pages (\d+) - (\d+)\))?$/gm)].map((m) => [
    Number(m[1]),
    { title: m[2] as string, pages: m[3] ? { from: Number(m[3]), to: Number(m[4]) } : undefined },
  ]),
);

/** The 29 September 2023 meeting as a clerk would set it up before its pack: its agenda, no page numbers. */
async function septemberMeeting(id: string) {
  const example = MeetingSchema.parse(
    JSON.parse(readFileSync(join(__dirname, '../../examples/lscsb-meeting-2023-09-29.json'), 'utf8')),
  );
  const res = await request('PUT', `/api/committees/lscsb/meetings/${id}`, {
    startsAt: example.startsAt,
    venue: example.venue,
    agenda: example.agenda.map(({ papers: _typed, ...i }) => i),
  });
  expect(res.status).toBe(201);
  return example.agenda;
}

const attach = (
  meetingId: string,
  itemId: string,
  name: string,
  bytes: Uint8Array,
  headers: Record<string, string> = CLERK,
) =>
  request(
    'PUT',
    `/api/meetings/${meetingId}/agenda/items/${itemId}/report?name=${encodeURIComponent(name)}`,
    bytes,
    headers,
  );

const agendaOf = async (meetingId: string) =>
  (await request('GET', `/api/meetings/${meetingId}/agenda`)).json as {
    agenda: {
      id: string;
      number: number;
      papers?: { pages?: string; part2?: boolean; supplement?: number; report?: { pages: number } };
    }[];
    pack: { built: { pages: number; part2Pages: number | null } | null; stale: boolean; lateReports: number };
  };

describe('the agenda pack of 29 September 2023', () => {
  const meetingId = 'lscsb-2023-09-29-pack';

  it('is built from the uploaded reports with the front sheet and page ranges of the paper', async () => {
    const agenda = await septemberMeeting(meetingId);
    // Each stand-in report has as many pages as the paper's range, less the blank page the pack adds
    // where a report ends on a right-hand page (the minutes: seven pages and a blank, "3 - 10").
    const lengths: Record<number, number> = { 2: 7, 4: 2, 6: 8, 7: 5, 8: 3, 9: 12, 10: 3, 11: 13 };
    for (const item of agenda) {
      const pages = lengths[item.number];
      if (!pages) continue;
      const res = await attach(meetingId, item.id, `${item.title} report.pdf`, await makeReport(item.title, pages));
      expect(res.status, JSON.stringify(res.json)).toBe(200);
    }
    const built = await request('POST', `/api/meetings/${meetingId}/pack`, {});
    expect(built.status, JSON.stringify(built.json)).toBe(200);
    expect(built.json?.pages).toBe(60);

    // The agenda's page ranges are the pack's, item by item as the paper prints them.
    const after = await agendaOf(meetingId);
    for (const item of after.agenda) {
      const paper = seedPages.get(item.number);
      expect(paper, `item ${item.number} is in the paper`).toBeDefined();
      expect(item.papers?.pages ?? null, `item ${item.number}`).toBe(
        paper?.pages ? `${paper.pages.from} - ${paper.pages.to}` : null,
      );
    }
    expect(after.pack).toMatchObject({ built: { pages: 60, part2Pages: null }, stale: false });

    const pack = await request('GET', `/api/meetings/${meetingId}/pack.pdf`);
    expect(pack.status).toBe(200);
    expect(pack.type).toBe('application/pdf');
    const read = await readPdf(pack.bytes);
    expect(read.pages).toHaveLength(60);

    // The front sheet reads like the paper's: heading, date, venue, then every item with its pages.
    const front = read.pages[0] as string;
    const lines = front.split('\n');
    expect(lines.slice(0, 4)).toEqual([
      'LEICESTERSHIRE SAFER COMMUNITIES STRATEGY BOARD',
      'Friday, 29 September 2023 at 10.00 am',
      'Microsoft Teams',
      'Agenda',
    ]);
    const flat = front.replace(/\n/g, ' ');
    for (const [number, { title, pages }] of seedPages) {
      expect(flat).toContain(`${number}. ${title.split(' ').slice(0, 4).join(' ')}`);
      if (pages) expect(flat).toMatch(new RegExp(`${number}\\. [^(]*\\(Pages ${pages.from} - ${pages.to}\\)`));
    }
    expect(flat).toContain(
      'Rik Basra, Community Safety Coordinator, Leicestershire County Council will present this report.',
    );
    expect(flat).toContain('Officer to contact: Euan Walters (Tel. 0116 305 2583)');

    // Reports start on right-hand pages: a blank page after the front sheet and after each odd-length report.
    for (const blank of [2, 10, 26, 30, 46, 60])
      expect(read.pages[blank - 1]).toContain('This page is intentionally left blank');
    expect(read.pages[2]).toContain('Agenda Item 2');
    expect(read.pages[2]).toContain('Minutes of previous meeting. (report page 1 of 7)');
    expect(read.pages[12]).toContain('Agenda Item 6');
    expect(read.pages[46]).toContain('Agenda Item 11');
    // Numbered through the pack, on every page after the front sheet.
    for (let n = 2; n <= 60; n++) expect(read.pages[n - 1], `page ${n}`).toContain(`Page ${n}`);
    expect(read.pages[0]).not.toMatch(/Page 1\b/);
    // A bookmark per report, in agenda order.
    expect(read.bookmarks).toEqual([
      'Agenda',
      ...[2, 4, 6, 7, 8, 9, 10, 11].map((n) => `${n}. ${seedPages.get(n)?.title}`),
    ]);
  });

  it('is out of date when a report is replaced, and publishing builds it again before anything is sent', async () => {
    const agenda = await septemberMeeting('lscsb-2023-09-29-republish');
    const rutland = agenda.find((i) => i.number === 6)!;
    expect(
      (await attach('lscsb-2023-09-29-republish', rutland.id, 'Rutland.pdf', await makeReport('Rutland', 8))).status,
    ).toBe(200);
    expect((await request('POST', '/api/meetings/lscsb-2023-09-29-republish/pack', {})).status).toBe(200);
    expect((await agendaOf('lscsb-2023-09-29-republish')).agenda[5]?.papers?.pages).toBe('3 - 10');
    // A longer version arrives: the pack is out of date until it is built again.
    expect(
      (await attach('lscsb-2023-09-29-republish', rutland.id, 'Rutland v2.pdf', await makeReport('Rutland v2', 11)))
        .status,
    ).toBe(200);
    expect((await agendaOf('lscsb-2023-09-29-republish')).pack.stale).toBe(true);
    const published = await request('POST', '/api/meetings/lscsb-2023-09-29-republish/agenda/publish', {});
    expect(published.status, JSON.stringify(published.json)).toBe(200);
    const after = await agendaOf('lscsb-2023-09-29-republish');
    expect(after.agenda[5]?.papers?.pages).toBe('3 - 14');
    expect(after.pack.stale).toBe(false);
    // Once published, the agenda pack is what members hold: it is not rebuilt.
    const again = await request('POST', '/api/meetings/lscsb-2023-09-29-republish/pack', {});
    expect(again.status).toBe(409);
    expect(String(again.json?.error)).toContain('supplementary');
  });
});

describe('exempt reports', () => {
  const meetingId = 'lscsb-2023-09-29-exempt';
  let tokens: Map<string, string>;

  it('go into a members-only part 2; the public pack carries the title and the exemption notice', async () => {
    const agenda = await septemberMeeting(meetingId);
    const vrn = agenda.find((i) => i.number === 11)!;
    const teen = agenda.find((i) => i.number === 9)!;
    const patched = await request('PATCH', `/api/meetings/${meetingId}/agenda/items/${vrn.id}`, {
      set: { exempt: { paragraph: 7 } },
    });
    expect(patched.status).toBe(200);
    await attach(meetingId, teen.id, 'Teen Health.pdf', await makeReport('Teen Health public report', 4));
    await attach(meetingId, vrn.id, 'VRN.pdf', await makeReport('VRN CONFIDENTIAL operational detail', 5));
    const built = await request('POST', `/api/meetings/${meetingId}/pack`, {});
    expect(built.status).toBe(200);
    expect(built.json).toMatchObject({ pages: 6, part2Pages: 8 });

    const pub = await readPdf((await request('GET', `/api/meetings/${meetingId}/pack.pdf`)).bytes);
    const all = pub.pages.join('\n');
    expect(all).not.toContain('CONFIDENTIAL');
    const front = pub.pages[0]?.replace(/\n/g, ' ') ?? '';
    expect(front).toContain('11. Violence Reduction Network update.');
    expect(front).toContain(
      'It is likely this agenda item will be exempt from the public under Paragraph 7 of Part 1 of Schedule 12A of the Local Government Act 1972.',
    );
    expect(front).toMatch(/9\. Teen Health Service\. \(Pages 3 - 6\)/);
    expect(front).toMatch(/11\. Violence Reduction Network update\. \(Part 2, Pages 3 - 8\)/);

    const part2Clerk = await request('GET', `/api/meetings/${meetingId}/pack.pdf?part=2`);
    expect(part2Clerk.status).toBe(200);
    const part2 = await readPdf(part2Clerk.bytes);
    expect(part2.pages[0]).toContain('Agenda: Part 2');
    expect(part2.pages[0]).toContain('NOT FOR PUBLICATION');
    expect(part2.pages.join('\n')).toContain('VRN CONFIDENTIAL operational detail');
    expect(part2.pages.join('\n')).not.toContain('Teen Health public report');
  });

  it('are opened only by members and officers, by their own link or signed in; never by the public', async () => {
    // Not published yet: members cannot open the packs at all.
    expect((await request('GET', `/api/meetings/${meetingId}/pack.pdf`, undefined, MEMBER)).status).toBe(404);
    expect((await request('POST', `/api/meetings/${meetingId}/agenda/publish`, {})).status).toBe(200);
    const deliveries = await stack.services.store.outbox.deliveriesFor('lscsb', meetingId);
    tokens = new Map(deliveries.flatMap((d) => (d.personId ? [[d.personId, d.token]] : [])));
    const vrn = (await agendaOf(meetingId)).agenda.find((i) => i.number === 11)!;

    expect((await request('GET', `/api/meetings/${meetingId}/pack.pdf`, undefined, {})).status).toBe(200);
    const anonymous = await request('GET', `/api/meetings/${meetingId}/pack.pdf?part=2`, undefined, {});
    expect(anonymous.status).toBe(403);
    expect(String(anonymous.json?.error)).toContain('exempt');
    expect(
      (await request('GET', `/api/meetings/${meetingId}/agenda/items/${vrn.id}/report`, undefined, {})).status,
    ).toBe(403);
    // A member by the link in their own agenda card, and signed in to the workspace.
    const wyatt = tokens.get('m-wyatt');
    expect(wyatt).toBeDefined();
    expect((await request('GET', `/api/meetings/${meetingId}/pack.pdf?part=2&t=${wyatt}`, undefined, {})).status).toBe(
      200,
    );
    expect((await request('GET', `/api/meetings/${meetingId}/pack.pdf?part=2`, undefined, MEMBER)).status).toBe(200);
    expect(
      (await request('GET', `/api/meetings/${meetingId}/agenda/items/${vrn.id}/report`, undefined, MEMBER)).status,
    ).toBe(200);
    // The papers page offers part 2 only to those it is for.
    const page = await request('GET', `/api/meetings/${meetingId}/papers?t=${wyatt}`, undefined, {});
    expect(Buffer.from(page.bytes).toString()).toContain('Part 2, not for publication');
    const publicPage = Buffer.from(
      (await request('GET', `/api/meetings/${meetingId}/papers`, undefined, {})).bytes,
    ).toString();
    expect(publicPage).toContain('Agenda pack');
    expect(publicPage).not.toContain('Part 2');
    expect(publicPage).not.toContain(`${vrn.id}/report`);
    // The member's workspace lists the packs, part 2 included, and the reports they may read.
    const mine = (await request('GET', '/api/me/meetings', undefined, MEMBER)).json as unknown as {
      id: string;
      packs: { supplement: number; pages: number; part2Pages: number | null }[];
      agenda: { number: number; pages: string | null; reportItemId: string | null }[];
    }[];
    const row = mine.find((m) => m.id === meetingId);
    expect(row?.packs).toEqual([{ supplement: 0, pages: 6, part2Pages: 8 }]);
    expect(row?.agenda.find((i) => i.number === 11)).toMatchObject({
      pages: '(Part 2, Pages 3 - 8)',
      reportItemId: vrn.id,
    });
  });
});

describe('what cannot be attached', () => {
  const meetingId = 'lscsb-2023-09-29-refusals';
  let itemId: string;
  const unchanged = async () =>
    expect((await agendaOf(meetingId)).agenda.find((i) => i.id === itemId)?.papers?.report).toBeUndefined();

  beforeAll(async () => {
    itemId = (await septemberMeeting(meetingId)).find((i) => i.number === 7)!.id;
  });

  it('refuses a file that is not a PDF or a Word document, and changes nothing', async () => {
    const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
    const res = await attach(meetingId, itemId, 'chart.pdf', png);
    expect(res.status).toBe(422);
    expect(String(res.json?.error)).toContain('is not a PDF or a Word document');
    await unchanged();
  });

  it('refuses a damaged PDF and an encrypted one, saying which', async () => {
    const damaged = await attach(meetingId, itemId, 'broken.pdf', Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog'));
    expect(damaged.status).toBe(422);
    expect(String(damaged.json?.error)).toContain('damaged');
    const doc = await PDFDocument.create();
    doc.addPage();
    const plain = Buffer.from(await doc.save({ useObjectStreams: false })).toString('latin1');
    const encrypted = Buffer.from(
      plain.replace('trailer\n<<', 'trailer\n<<\n/Encrypt << /Filter /Standard /V 1 /R 2 /O (x) /U (y) /P -4 >>\n'),
      'latin1',
    );
    const locked = await attach(meetingId, itemId, 'locked.pdf', encrypted);
    expect(locked.status).toBe(422);
    expect(String(locked.json?.error)).toContain('password-protected');
    await unchanged();
  });

  it('refuses an empty file and one over the limit, before reading it all', async () => {
    const empty = await attach(meetingId, itemId, 'empty.pdf', new Uint8Array());
    expect(empty.status).toBe(422);
    expect(String(empty.json?.error)).toContain('empty');
    const huge = await attach(meetingId, itemId, 'huge.pdf', new Uint8Array(21 * 1024 * 1024));
    expect(huge.status).toBe(413);
    expect(String(huge.json?.error)).toContain('20 MB');
    await unchanged();
  });

  it('refuses someone who is not a clerk or the allowed presenter, an unknown item and a missing name', async () => {
    const report = await makeReport('Performance', 2);
    expect((await attach(meetingId, itemId, 'p.pdf', report, MEMBER)).status).toBe(403);
    const stranger = await attach(meetingId, itemId, 'p.pdf', report, { 'x-quorum-as': DEMO.stranger.aadObjectId });
    expect(stranger.status).toBe(403);
    expect((await attach(meetingId, 'no-such-item', 'p.pdf', report)).status).toBe(404);
    expect((await attach('no-such-meeting', itemId, 'p.pdf', report)).status).toBe(404);
    const nameless = await request('PUT', `/api/meetings/${meetingId}/agenda/items/${itemId}/report`, report);
    expect(nameless.status).toBe(400);
    await unchanged();
    // The clerk allows the presenter (here Cllr. Wyatt) to upload this item's report: then they can.
    const allowed = await request('PATCH', `/api/meetings/${meetingId}/agenda/items/${itemId}`, {
      set: { uploader: 'm-wyatt' },
    });
    expect(allowed.status).toBe(200);
    expect((await attach(meetingId, itemId, 'p.pdf', report, MEMBER)).status).toBe(200);
  });

  it('does not let pages be typed: the pack decides them', async () => {
    const typed = await request('PATCH', `/api/meetings/${meetingId}/agenda/items/${itemId}`, {
      set: { papers: { pages: '3 - 10', links: [] } },
    });
    expect(typed.status).toBe(400);
  });
});

describe('when the committee’s files let Quorum down', () => {
  it('a report moved or deleted from the files is named, and the pack is not built; nothing changes', async () => {
    const meetingId = 'lscsb-2023-09-29-missing';
    const agenda = await septemberMeeting(meetingId);
    const log = agenda.find((i) => i.number === 4)!;
    expect((await attach(meetingId, log.id, 'Action log.pdf', await makeReport('Action log', 2))).status).toBe(200);
    const stored = (await agendaOf(meetingId)).agenda.find((i) => i.id === log.id)?.papers?.report as unknown as {
      file: { id: string };
    };
    // Someone tidies the folder by hand.
    rmSync(join(stack.services.filesDir as string, 'lscsb', stored.file.id));
    const built = await request('POST', `/api/meetings/${meetingId}/pack`, {});
    expect(built.status).toBe(409);
    expect(String(built.json?.error)).toContain('The report for item 4 (Action log.pdf) is no longer in the committee');
    expect((await agendaOf(meetingId)).pack.built).toBeNull();
    // Attached again, the pack builds.
    expect((await attach(meetingId, log.id, 'Action log.pdf', await makeReport('Action log', 2))).status).toBe(200);
    expect((await request('POST', `/api/meetings/${meetingId}/pack`, {})).status).toBe(200);
  });
});

describe('a Word report', () => {
  it('is turned into PDF on upload and goes into the pack', async () => {
    const meetingId = 'lscsb-2023-09-29-word';
    const agenda = await septemberMeeting(meetingId);
    const word = await Packer.toBuffer(
      new Document({
        sections: [
          { children: [new Paragraph('Safer Communities Performance 2023-24 Quarter 1: a report written in Word.')] },
        ],
      }),
    );
    const res = await attach(
      meetingId,
      agenda.find((i) => i.number === 7)!.id,
      'Performance Q1.docx',
      new Uint8Array(word),
    );
    expect(res.status, JSON.stringify(res.json)).toBe(200);
    expect(res.json?.report).toMatchObject({ name: 'Performance Q1.docx', converted: true, pages: 1 });
    expect((await request('POST', `/api/meetings/${meetingId}/pack`, {})).status).toBe(200);
    const read = await readPdf((await request('GET', `/api/meetings/${meetingId}/pack.pdf`)).bytes);
    expect(read.pages[2]).toContain('a report written in Word');
    expect(read.pages[2]).toContain('Agenda Item 7');
  }, 120_000);
});

describe('a late report', () => {
  it('goes out in a numbered supplementary pack with the reason, through the outbox', async () => {
    const meetingId = 'lscsb-2023-09-29-late';
    const agenda = await septemberMeeting(meetingId);
    const minutes = agenda.find((i) => i.number === 2)!;
    const opcc = agenda.find((i) => i.number === 8)!;
    await attach(meetingId, minutes.id, 'Minutes.pdf', await makeReport('Minutes', 7));
    expect((await request('POST', `/api/meetings/${meetingId}/agenda/publish`, {})).status).toBe(200);
    // The OPCC's report arrives after publication.
    clock = new Date('2023-09-26T09:00:00Z');
    await attach(meetingId, opcc.id, 'OPCC update.pdf', await makeReport('OPCC late report', 3));
    expect((await agendaOf(meetingId)).pack.lateReports).toBe(1);
    const sent = await request('POST', `/api/meetings/${meetingId}/agenda/supplements`, {
      reason: 'The report was delayed by the OPCC restructure.',
    });
    expect(sent.status, JSON.stringify(sent.json)).toBe(200);
    expect(sent.json?.queued).toBeGreaterThan(0);

    const after = await agendaOf(meetingId);
    expect(after.agenda.find((i) => i.id === opcc.id)?.papers).toMatchObject({ pages: '3 - 6', supplement: 1 });
    expect(after.agenda.find((i) => i.id === minutes.id)?.papers?.pages).toBe('3 - 10');
    expect(after.pack.lateReports).toBe(0);
    const supplement = await readPdf((await request('GET', `/api/meetings/${meetingId}/pack.pdf?supplement=1`)).bytes);
    const front = supplement.pages[0]?.replace(/\n/g, ' ') ?? '';
    expect(front).toContain('Supplementary Agenda No. 1');
    expect(front).toContain('The reason: The report was delayed by the OPCC restructure.');
    expect(front).toMatch(/8\. Office of the Police and Crime Commissioner update\. \(Supplement 1, Pages 3 - 6\)/);
    expect(front).not.toContain('Minutes of previous meeting');
    expect(supplement.pages.join('\n')).toContain('OPCC late report');
    // Nothing new since: a second supplement has nothing to send.
    const nothing = await request('POST', `/api/meetings/${meetingId}/agenda/supplements`, { reason: 'Again.' });
    expect(nothing.status).toBe(422);
  });
});
