import { Document, Packer, Paragraph } from 'docx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readPdf } from '../support/pdf';
import { GraphStandIn } from '../support/graph';
import { buttonsOf, DEMO, pressButton, startTestStack, teamsMessage, type TestStack } from '../support/stack';
import { visibleText } from '../support/connector';

let graph: GraphStandIn;
let stack: TestStack;
beforeAll(async () => {
  graph = await new GraphStandIn().start();
  stack = await startTestStack({ env: graph.env() });
  const committee = (await stack.api('GET', '/api/committees/lscsb')).json as Record<string, unknown>;
  const withFiles = { ...committee, files: { driveId: 'b!lscsb-drive', folder: 'Minutes/2023', audience: 'members' } };
  expect((await stack.api('PUT', '/api/committees/lscsb', withFiles)).status).toBe(200);
});
afterAll(async () => {
  await stack?.close();
  await graph?.stop();
});

const cardText = (card: unknown) =>
  visibleText({ type: 'message', attachments: [{ contentType: 'x', content: card as Record<string, unknown> }] });

describe('drafts of the minutes in the committee’s files, through Microsoft Graph', () => {
  it('uploads each new draft with a token from Entra ID, retrying a 429 after its Retry-After', async () => {
    graph.failures.push({ status: 429, retryAfter: 1 });
    const started = Date.now();
    const res = await stack.api('POST', '/api/meetings/lscsb-2023-09-29/record/drafts', { by: 'e-walters' });
    expect(res.status).toBe(201);
    expect(res.json).toMatchObject({
      version: 1,
      upload: { webUrl: expect.stringContaining('Minutes%2F2023%2Flscsb-2023-09-29%20minutes%20draft%201.docx') },
    });
    const puts = graph.requests.filter((r) => r.method === 'PUT');
    expect(puts).toHaveLength(2);
    expect(puts[1]?.path).toBe(
      '/v1.0/drives/b!lscsb-drive/root:/Minutes/2023/lscsb-2023-09-29 minutes draft 1.docx:/content',
    );
    expect(puts[1]?.authorization).toMatch(/^Bearer graph-token-\d+$/);
    expect(puts[1]?.body.subarray(0, 2).toString()).toBe('PK');
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
  });

  it('puts nothing there when nothing has changed, and tells the clerk where the draft is from the card', async () => {
    const before = graph.requests.length;
    const again = await stack.api('POST', '/api/meetings/lscsb-2023-09-29/record/drafts', { by: 'e-walters' });
    expect(again.status).toBe(200);
    expect(graph.requests.length).toBe(before);

    expect(
      (
        await stack.api('PUT', '/api/meetings/lscsb-2023-09-29/minutes/3', {
          paragraphs: ['There were no matters arising.'],
          by: 'e-walters',
        })
      ).status,
    ).toBe(200);
    const activity = teamsMessage(stack, DEMO.clerk, 'minutes');
    await stack.send(activity);
    const overview = stack.connector.repliesTo(activity.id)[0]!.attachments![0]!.content;
    const draft = await pressButton(
      stack,
      DEMO.clerk,
      'minutes.draft',
      buttonsOf(overview).find((b) => b.verb === 'minutes.draft')!.data,
    );
    expect(cardText(draft.card)).toContain(
      "It is in the committee's files: https://contoso.sharepoint.com/sites/lscsb/",
    );
  });

  it('keeps the draft and says so when Graph keeps failing', async () => {
    graph.failures.push(...Array.from({ length: 5 }, () => ({ status: 503, retryAfter: 0 })));
    expect(
      (
        await stack.api('PUT', '/api/meetings/lscsb-2023-09-29/minutes/7', {
          paragraphs: ['Declarations were made.'],
          by: 'e-walters',
        })
      ).status,
    ).toBe(200);
    const res = await stack.api('POST', '/api/meetings/lscsb-2023-09-29/record/drafts', { by: 'e-walters' });
    expect(res.status).toBe(201);
    expect(res.json).toMatchObject({
      version: 3,
      upload: { error: expect.stringContaining('could not be put in the committee') },
    });
    graph.failures.length = 0;
  });
});

describe('attendance checked against the Teams attendance report', () => {
  const at = (mins: number) => new Date(Date.UTC(2023, 8, 29, 9, mins)).toISOString();
  it('shows the clerk who Teams saw but the roll call missed, and the reverse, and corrects the roll call on acceptance', async () => {
    const meeting = (await stack.api('GET', '/api/committees/lscsb/meetings/lscsb-2023-09-29')).json as Record<
      string,
      unknown
    >;
    expect(
      (
        await stack.api('PUT', '/api/committees/lscsb/meetings/lscsb-2023-09-29', {
          ...meeting,
          teams: { organizerId: 'org-1', onlineMeetingId: 'MSo1N2Y5' },
        })
      ).status,
    ).toBe(200);
    const mark = (personId: string) =>
      stack.services.store.responses.append({
        id: `rc-${personId}`,
        kind: 'attendance',
        committeeId: 'lscsb',
        meetingId: 'lscsb-2023-09-29',
        personId,
        recordedBy: 'd-taylor',
        recordedAt: at(0),
        withdrawn: false,
        status: 'present',
        remote: false,
      });
    await mark('d-taylor');
    await mark('l-phillimore');
    graph.attendance.reports.push({ id: 'report-1', meetingEndDateTime: at(95) });
    const record = (id: string | null, displayName: string, seconds: number) => ({
      identity: { id, displayName },
      totalAttendanceInSeconds: seconds,
      attendanceIntervals: [{ joinDateTime: at(1), leaveDateTime: at(1 + seconds / 60) }],
    });
    graph.attendance.records.push(
      record('a1b2c3d4-0000-4000-8000-000000000001', 'Deborah Taylor', 5400),
      record('a1b2c3d4-0000-4000-8000-000000000003', 'Leon Blackshaw', 3000),
      record('a1b2c3d4-0000-4000-8000-000000000004', 'P Cumbers', 20),
      record(null, 'Guest speaker', 1200),
    );
    const res = await stack.api('GET', '/api/meetings/lscsb-2023-09-29/attendance/reconcile');
    expect(res.status).toBe(200);
    expect((res.json as { differences: unknown[] }).differences).toEqual([
      {
        kind: 'attended-not-marked',
        personId: 'l-blackshaw',
        name: 'Cllr. L. Blackshaw',
        minutes: 50,
        firstJoin: at(1),
      },
      { kind: 'unknown-attendee', name: 'Guest speaker', minutes: 20 },
      { kind: 'marked-not-attended', personId: 'l-phillimore', name: 'Cllr. L. Phillimore' },
    ]);
    const reportRequests = graph.requests.filter((r) => r.path.includes('attendanceReports'));
    expect(reportRequests.map((r) => r.path)).toEqual([
      '/v1.0/users/org-1/onlineMeetings/MSo1N2Y5/attendanceReports',
      '/v1.0/users/org-1/onlineMeetings/MSo1N2Y5/attendanceReports/report-1/attendanceRecords',
    ]);

    // The clerk, in Teams: accepting corrects the roll call; keeping changes nothing.
    const activity = teamsMessage(stack, DEMO.clerk, 'attendance check');
    await stack.send(activity);
    const card = stack.connector.repliesTo(activity.id)[0]!.attachments![0]!.content;
    expect(cardText(card)).toContain(
      '**Cllr. L. Blackshaw** was in the Teams meeting for 50 minutes but is not marked present.',
    );
    const keep = buttonsOf(card).find((b) => b.verb === 'attendance.keep')!;
    expect((await pressButton(stack, DEMO.clerk, 'attendance.keep', keep.data)).message).toBe(
      'The roll call is kept as it is. Nothing has changed.',
    );
    const accept = buttonsOf(card).find((b) => b.verb === 'attendance.accept' && b.data.personId === 'l-blackshaw')!;
    expect((await pressButton(stack, DEMO.member, 'attendance.accept', accept.data)).message).toBe(
      'Only the clerk can correct the attendance.',
    );
    const after = await pressButton(stack, DEMO.clerk, 'attendance.accept', accept.data);
    expect(cardText(after.card)).not.toContain('Cllr. L. Blackshaw');
    const attendance = (await stack.api('GET', '/api/meetings/lscsb-2023-09-29/attendance')).json as {
      history: { personId: string; recordedBy: string }[];
    };
    expect(attendance.history.find((m) => m.personId === 'l-blackshaw')).toMatchObject({ recordedBy: 'e-walters' });

    expect(
      (
        await stack.api('POST', '/api/meetings/lscsb-2023-09-29/attendance/reconcile', {
          accept: [{ personId: 'l-phillimore', status: 'absent' }],
          by: 'm-wyatt',
        })
      ).status,
    ).toBe(403);
    expect(
      (
        await stack.api('POST', '/api/meetings/lscsb-2023-09-29/attendance/reconcile', {
          accept: [{ personId: 'l-phillimore', status: 'absent' }],
          by: 'e-walters',
        })
      ).status,
    ).toBe(200);
    const left = (await stack.api('GET', '/api/meetings/lscsb-2023-09-29/attendance/reconcile')).json as {
      differences: { kind: string }[];
    };
    expect(left.differences.map((d) => d.kind)).toEqual(['unknown-attendee']);
  });

  it('explains when the meeting is not linked to a Teams meeting', async () => {
    const res = await stack.api('GET', '/api/meetings/lscsb-2026-12-04/attendance/reconcile');
    expect(res.status).toBe(409);
    expect(res.json).toMatchObject({ error: expect.stringContaining('not linked to a Teams online meeting') });
  });
});

describe('people from the organisation’s directory, for the committee form', () => {
  const lookUp = (q: string, as: string) =>
    fetch(`${stack.url}/api/directory/users?q=${encodeURIComponent(q)}`, { headers: { 'x-quorum-as': as } });

  it('finds people by name through Graph ($search, ConsistencyLevel: eventual) for a clerk', async () => {
    graph.users.push(
      {
        id: '5b1f0c2e-1111-4222-8333-000000000001',
        displayName: 'Jo Hewitt',
        mail: 'jo.hewitt@example.org',
        companyName: 'Leicestershire Police',
      },
      { id: '5b1f0c2e-1111-4222-8333-000000000002', displayName: 'Joanne White', jobTitle: 'Domestic Abuse Lead' },
      { id: '5b1f0c2e-1111-4222-8333-000000000003', displayName: 'Rik Basra' },
    );
    const res = await lookUp('jo', DEMO.clerk.aadObjectId);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      available: true,
      users: [
        {
          aadObjectId: '5b1f0c2e-1111-4222-8333-000000000001',
          displayName: 'Jo Hewitt',
          email: 'jo.hewitt@example.org',
          organisation: 'Leicestershire Police',
        },
        {
          aadObjectId: '5b1f0c2e-1111-4222-8333-000000000002',
          displayName: 'Joanne White',
          jobTitle: 'Domestic Abuse Lead',
        },
      ],
    });
    const searched = graph.requests.filter((r) => r.path === '/v1.0/users');
    expect(searched.length).toBeGreaterThan(0);
  });

  it('refuses members and a one-letter search', async () => {
    expect((await lookUp('jo', DEMO.member.aadObjectId)).status).toBe(403);
    expect((await lookUp('j', DEMO.clerk.aadObjectId)).status).toBe(400);
  });
});

describe('reports in the committee’s SharePoint library', () => {
  it('keeps the report there, has SharePoint turn Word into PDF, and builds the pack from the library', async () => {
    const meeting = await stack.api('PUT', '/api/committees/lscsb/meetings/lscsb-2026-12-18-sp', {
      startsAt: '2026-12-18T10:00:00+00:00',
      venue: { kind: 'teams', name: 'Microsoft Teams' },
    });
    expect(meeting.status).toBe(201);
    const agenda = (meeting.json as { agenda: { id: string; standing?: string }[] }).agenda;
    const minutes = agenda.find((i) => i.standing === 'minutes')!;
    const word = await Packer.toBuffer(new Document({ sections: [{ children: [new Paragraph('Minutes.')] }] }));
    const res = await fetch(
      `${stack.url}/api/meetings/lscsb-2026-12-18-sp/agenda/items/${minutes.id}/report?name=Minutes.docx&by=e-walters`,
      { method: 'PUT', body: new Uint8Array(word) },
    );
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ report: { name: 'Minutes.docx', converted: true, pages: 1 } });
    // The Word document and its PDF are both in the library, in the meeting's papers folder.
    const names = [...graph.driveItems.values()].map((f) => f.name);
    expect(names.some((n) => n.endsWith(' Minutes.docx'))).toBe(true);
    expect(names.some((n) => n.endsWith(' Minutes.pdf'))).toBe(true);
    expect(
      graph.requests.some(
        (r) =>
          r.method === 'PUT' &&
          r.path.startsWith('/v1.0/drives/b!lscsb-drive/root:/Minutes/2023/Papers/lscsb-2026-12-18-sp/'),
      ),
    ).toBe(true);
    const built = await stack.api('POST', '/api/meetings/lscsb-2026-12-18-sp/pack', { by: 'e-walters' });
    expect(built.status).toBe(200);
    const pack = await fetch(`${stack.url}/api/meetings/lscsb-2026-12-18-sp/pack.pdf?by=e-walters`, {
      headers: { 'x-quorum-as': DEMO.clerk.aadObjectId },
    });
    expect(pack.status).toBe(200);
    const read = await readPdf(new Uint8Array(await pack.arrayBuffer()));
    expect(read.pages[2]).toContain('Minutes.docx as rendered by SharePoint');
    expect([...graph.driveItems.values()].some((f) => f.name.startsWith('Agenda pack '))).toBe(true);
  });
});

describe('when SharePoint refuses', () => {
  it('a report is not attached, and the clerk is told in words to try again', async () => {
    const agenda = (await stack.api('GET', '/api/meetings/lscsb-2026-12-18-sp/agenda')).json as {
      agenda: { id: string; standing?: string; papers?: { report?: { name: string } } }[];
    };
    const log = agenda.agenda.find((i) => i.standing === 'action-log')!;
    const { PDFDocument } = await import('pdf-lib');
    const doc = await PDFDocument.create();
    doc.addPage();
    graph.failures.push({ status: 403 });
    const res = await fetch(
      `${stack.url}/api/meetings/lscsb-2026-12-18-sp/agenda/items/${log.id}/report?name=Log.pdf&by=e-walters`,
      { method: 'PUT', body: await doc.save() },
    );
    expect(res.status).toBe(503);
    expect(((await res.json()) as { error: string }).error).toBe(
      "The committee's files could not be reached just now. Nothing was attached. Try again in a few minutes.",
    );
    const after = (await stack.api('GET', '/api/meetings/lscsb-2026-12-18-sp/agenda')).json as typeof agenda;
    expect(after.agenda.find((i) => i.id === log.id)?.papers?.report).toBeUndefined();

    // A Word report SharePoint would not take for converting: not the document's fault, and said so.
    const word = await Packer.toBuffer(new Document({ sections: [{ children: [new Paragraph('Log.')] }] }));
    graph.failures.push({ status: 403 });
    const converted = await fetch(
      `${stack.url}/api/meetings/lscsb-2026-12-18-sp/agenda/items/${log.id}/report?name=Log.docx&by=e-walters`,
      { method: 'PUT', body: new Uint8Array(word) },
    );
    expect(converted.status).toBe(503);
    expect(((await converted.json()) as { error: string }).error).toContain('could not be reached just now');
  });
});
