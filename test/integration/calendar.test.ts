import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import committeeJson from '../../examples/lscsb-committee.json';
import { visibleText } from '../support/connector';
import { GraphStandIn } from '../support/graph';
import { buttonsOf, DEMO, pressButton, startTestStack, teamsMessage, type TestStack } from '../support/stack';

const RESOLUTION = `That future meetings of the Board take place on the following dates all at 10.00am:

Friday 8 January 2027;
Friday 12 March 2027;
Friday 11 June 2027;
Friday 17 September 2027;
Friday 10 December 2027;
Friday 10 March 2028.`;

let graph: GraphStandIn;
let stack: TestStack;
beforeAll(async () => {
  graph = await new GraphStandIn().start();
  stack = await startTestStack({
    env: (connectorUrl) => ({
      ...graph.env(),
      QUORUM_TEAMS_APP_ID: 'quorum-catalog-app',
      QUORUM_TEAMS_SERVICE_URL: connectorUrl,
    }),
  });
});
afterAll(async () => {
  await stack?.services.bot.sender.settled();
  await stack?.close();
  await graph?.stop();
});

type Result = { bookings: { meetingId: string; status: string; teams: string }[] };
const book = (body: Record<string, unknown>) =>
  stack.api('PUT', '/api/committees/lscsb/calendar', { by: 'e-walters', ...body });
const eventPosts = () => graph.requests.filter((r) => r.method === 'POST' && /\/events$/.test(r.path));
const invitedIn = (body: Record<string, unknown>) =>
  (body.attendees as { emailAddress: { address: string } }[]).map((a) => a.emailAddress.address).sort();

/** Members (seat holders) and officers of the demo board: who each Teams meeting must invite. */
const expectedInvitees = () => {
  const holders = committeeJson.seats.flatMap((s) => ('holder' in s && s.holder ? [s.holder] : []));
  const ids = new Set([...holders, ...committeeJson.officers.map((o) => o.person)]);
  return committeeJson.people
    .filter((p) => ids.has(p.id))
    .map((p) => p.email)
    .sort();
};

describe('booking the year’s meetings from the resolution', () => {
  it('creates six meetings and six Teams meetings with the members and officers invited, and joins each chat', async () => {
    const res = await book({ text: RESOLUTION });
    expect(res.status).toBe(200);
    const { bookings } = res.json as Result;
    expect(bookings.map((b) => [b.meetingId, b.status, b.teams])).toEqual(
      ['2027-01-08', '2027-03-12', '2027-06-11', '2027-09-17', '2027-12-10', '2028-03-10'].map((d) => [
        `lscsb-${d}`,
        'created',
        'booked',
      ]),
    );
    expect(graph.events.size).toBe(6);
    const events = [...graph.events.values()];
    for (const e of events) {
      expect(e.organizer).toBe(DEMO.clerk.aadObjectId);
      expect(e.body).toMatchObject({
        subject: 'Leicestershire Safer Communities Strategy Board',
        isOnlineMeeting: true,
        onlineMeetingProvider: 'teamsForBusiness',
      });
      expect(invitedIn(e.body)).toEqual(expectedInvitees());
    }
    // 10.00am London: GMT in January, BST in June.
    expect(events[0]!.body.start).toEqual({ dateTime: '2027-01-08T10:00:00.000', timeZone: 'UTC' });
    expect(events[2]!.body.start).toEqual({ dateTime: '2027-06-11T09:00:00.000', timeZone: 'UTC' });
    expect(JSON.stringify(events[0]!.body.body)).toContain('/api/meetings/lscsb-2027-01-08/papers');
    expect(graph.chatsWithApp.size).toBe(6);
    const chatInstalls = graph.requests.filter(
      (r) => r.method === 'POST' && /^\/v1\.0\/chats\/.+\/installedApps$/.test(r.path),
    );
    expect(JSON.parse(chatInstalls[0]!.body.toString())).toEqual({
      'teamsApp@odata.bind': 'https://graph.microsoft.com/v1.0/appCatalogs/teamsApps/quorum-catalog-app',
    });

    const meeting = (await stack.api('GET', '/api/committees/lscsb/meetings/lscsb-2027-01-08')).json as {
      teams: Record<string, unknown>;
      agenda: { title: string }[];
      endsAt: string;
    };
    expect(meeting.teams).toMatchObject({
      eventId: 'event-1',
      chatId: '19:meeting_event-1@thread.v2',
      installed: true,
    });
    expect(meeting.agenda[0]?.title).toBe('Introductions');
    expect(meeting.endsAt).toBe('2027-01-08T12:00:00.000Z');
  });

  it('books nothing twice when the same dates are sent again', async () => {
    const before = eventPosts().length;
    const res = await book({ text: RESOLUTION });
    expect((res.json as Result).bookings.every((b) => b.status === 'existing' && b.teams === 'already booked')).toBe(
      true,
    );
    expect(eventPosts().length).toBe(before);
  });

  it('retries Graph’s 429, honouring Retry-After', async () => {
    const before = eventPosts().length;
    graph.failures.push({ status: 429, retryAfter: 1 });
    const res = await book({ dates: [{ date: '2028-06-09', time: '10:00' }] });
    expect(res.status).toBe(200);
    expect((res.json as Result).bookings[0]).toMatchObject({ status: 'created', teams: 'booked' });
    expect(eventPosts().length).toBe(before + 2);
    expect(graph.events.size).toBe(7);
  });

  it('gives bad dates a clear answer and books nothing', async () => {
    const events = graph.events.size;
    const past = await book({
      text: 'That future meetings take place on the following dates: Friday 20 November 2026 at 10.00am.',
    });
    expect(past.status).toBe(422);
    expect((past.json as { error: string }).error).toContain('Friday 20 November 2026 has already passed.');
    const weekend = await book({ dates: [{ date: '2027-01-09', time: '10:00' }] });
    expect(weekend.status).toBe(422);
    expect((weekend.json as { error: string }).error).toContain(
      'Saturday 9 January 2027 is a Saturday. Nothing was booked yet.',
    );
    const nonsense = await book({ text: 'the usual Fridays, roughly quarterly' });
    expect(nonsense.status).toBe(422);
    expect((nonsense.json as { error: string }).error).toContain('could not find any dates');
    const wrongDay = await book({ text: 'Friday 9 January 2027 at 10am' });
    expect((wrongDay.json as { error: string }).error).toContain('is a Saturday, not a Friday');
    expect((await book({ text: RESOLUTION, dates: [] })).status).toBe(400);
    expect((await stack.api('PUT', '/api/committees/lscsb/calendar', { by: 'm-wyatt', text: RESOLUTION })).status).toBe(
      403,
    );
    expect(graph.events.size).toBe(events);
    expect((await stack.api('GET', '/api/committees/lscsb/meetings/lscsb-2027-01-09')).status).toBe(404);

    // A weekend confirmed is booked.
    expect((await book({ dates: [{ date: '2027-01-09', time: '10:00' }], confirmWarnings: true })).status).toBe(200);
  });
});

describe('changes to a booked meeting', () => {
  it('moves a meeting with one update to its Teams event, and tells members in Teams', async () => {
    await stack.send(teamsMessage(stack, DEMO.member, 'help'));
    const patchesBefore = graph.requests.filter((r) => r.method === 'PATCH').length;
    const moved = await stack.api('POST', '/api/meetings/lscsb-2027-03-12/move', {
      by: 'e-walters',
      startsAt: '2027-03-19T10:00:00Z',
    });
    expect(moved.status).toBe(200);
    expect(moved.json).toMatchObject({ startsAt: '2027-03-19T10:00:00.000Z', endsAt: '2027-03-19T12:00:00.000Z' });
    const patches = graph.requests.filter((r) => r.method === 'PATCH').slice(patchesBefore);
    expect(patches).toHaveLength(1);
    expect(patches[0]!.path).toBe(`/v1.0/users/${DEMO.clerk.aadObjectId}/events/event-2`);
    expect(JSON.parse(patches[0]!.body.toString())).toEqual({
      start: { dateTime: '2027-03-19T10:00:00.000', timeZone: 'UTC' },
      end: { dateTime: '2027-03-19T12:00:00.000', timeZone: 'UTC' },
    });
    await stack.services.bot.sender.settled();
    const told = stack.connector.sent.filter((s) => s.conversationId === `a:personal-${DEMO.member.aadObjectId}`);
    expect(told.map((s) => visibleText(s.activity))).toContain(
      'The Leicestershire Safer Communities Strategy Board meeting on Friday 12 March 2027, 10.00am has moved to Friday 19 March 2027, 10.00am.',
    );
    expect(
      (
        await stack.api('POST', '/api/meetings/lscsb-2027-03-12/move', {
          by: 'e-walters',
          startsAt: '2026-01-01T10:00:00Z',
        })
      ).status,
    ).toBe(422);
    expect(
      (
        await stack.api('POST', '/api/meetings/lscsb-2027-03-12/move', {
          by: 'm-wyatt',
          startsAt: '2027-03-26T10:00:00Z',
        })
      ).status,
    ).toBe(403);
    // The circulation report is about the agenda, not notices.
    expect((await stack.api('GET', '/api/meetings/lscsb-2027-03-12/circulation')).json).toMatchObject({ rows: [] });
  });

  it('cancels a meeting: the Teams event is cancelled with the reason and the feed says so', async () => {
    const res = await stack.api('POST', '/api/meetings/lscsb-2027-06-11/cancel', {
      by: 'e-walters',
      reason: 'The business will be taken at the September meeting.',
    });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ status: 'cancelled' });
    expect(graph.events.get('event-3')?.cancelled).toContain('The business will be taken at the September meeting.');
    expect(
      (await stack.api('POST', '/api/meetings/lscsb-2027-06-11/cancel', { by: 'e-walters', reason: 'x' })).status,
    ).toBe(409);
  });

  it('invites a new member to every future Teams meeting', async () => {
    const committee = (await stack.api('GET', '/api/committees/lscsb')).json as typeof committeeJson;
    const patchesBefore = graph.requests.filter((r) => r.method === 'PATCH').length;
    const newcomer = {
      id: 'n-newman',
      name: 'Cllr. N. Newman',
      organisation: 'Blaby District Council',
      elected: true,
      email: 'n.newman@example.org',
    };
    const seats = committee.seats.map((s) => (s.id === committee.seats[1]!.id ? { ...s, holder: 'n-newman' } : s));
    const save = () =>
      stack.api('PUT', '/api/committees/lscsb', { ...committee, people: [...committee.people, newcomer], seats });
    expect((await save()).status).toBe(200);
    const patches = graph.requests.filter((r) => r.method === 'PATCH').slice(patchesBefore);
    // Eight booked, one cancelled: seven future meetings updated, each once.
    expect(patches).toHaveLength(7);
    expect(invitedIn(JSON.parse(patches[0]!.body.toString()) as Record<string, unknown>)).toContain(
      'n.newman@example.org',
    );
    // Saving the committee again without a change to who is invited sends nothing.
    expect((await save()).status).toBe(200);
    expect(graph.requests.filter((r) => r.method === 'PATCH').length).toBe(patchesBefore + 7);
  });
});

describe('the calendar outside Teams and in the record', () => {
  it('serves an iCalendar feed with every meeting, cancellations marked, and no join links', async () => {
    const res = await fetch(`${stack.url}/api/committees/lscsb/calendar.ics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/calendar');
    const ics = await res.text();
    const meetings = (await stack.api('GET', '/api/committees/lscsb/meetings')).json as unknown[];
    expect(ics.match(/BEGIN:VEVENT/g)).toHaveLength(meetings.length);
    expect(ics).toContain('UID:lscsb-2027-01-08@quorum');
    expect(ics).toContain('DTSTART:20270108T100000Z');
    expect(ics).toContain('SUMMARY:CANCELLED: Leicestershire Safer Communities Strategy Board');
    expect(ics).not.toContain('teams.microsoft.com');
    expect((await fetch(`${stack.url}/api/committees/nope/calendar.ics`)).status).toBe(404);
  });

  it('fills "Date of the next meeting" in the minutes from the calendar', async () => {
    const md = await (await fetch(`${stack.url}/api/meetings/lscsb-2026-12-04/record?format=md`)).text();
    expect(md).toContain('That the next meeting of the Board be held on Friday 8 January 2027 at 10.00am');
  });
});

describe('setting the dates in Teams', () => {
  it('reads the pasted resolution, shows the dates, and books them with one press', async () => {
    const text = `That future meetings of the Board take place on the following dates all at 10.00am:
Friday 14 April 2028;
Friday 7 July 2028.`;
    const activity = teamsMessage(stack, DEMO.clerk, text);
    await stack.send(activity);
    const [reply] = stack.connector.repliesTo(activity.id);
    const card = reply!.attachments![0]!.content;
    expect(visibleText(reply!)).toContain('Friday 14 April 2028, 10.00am');
    expect(visibleText(reply!)).toContain('Friday 7 July 2028, 10.00am');
    expect(visibleText(reply!)).toContain('Friday 14 April 2028 is a bank holiday (Good Friday).');
    const bookButton = buttonsOf(card).find((b) => b.verb === 'calendar.book')!;
    expect(bookButton.title).toBe('Book them anyway');
    const pressed = await pressButton(stack, DEMO.clerk, 'calendar.book', bookButton.data);
    const done = visibleText({ type: 'message', attachments: [{ contentType: 'x', content: pressed.card! }] });
    expect(done).toContain('2 meetings added.');
    expect(done).toContain('Teams meeting booked; I am in its chat.');
    expect(buttonsOf(pressed.card)).toHaveLength(0);

    const member = teamsMessage(stack, DEMO.member, text);
    await stack.send(member);
    expect(visibleText(stack.connector.repliesTo(member.id)[0]!)).toBe('Only the clerk sets the meeting dates.');
    expect((await pressButton(stack, DEMO.member, 'calendar.book', bookButton.data)).message).toBe(
      'Only the clerk can book the meetings.',
    );
  });

  it('shows what is wrong with pasted dates and offers nothing to book', async () => {
    const activity = teamsMessage(stack, DEMO.clerk, 'Dates of future meetings: Friday 3 March 2027 at 10am.');
    await stack.send(activity);
    const [reply] = stack.connector.repliesTo(activity.id);
    expect(visibleText(reply!)).toContain('3 March 2027 is a Wednesday, not a Friday');
    expect(buttonsOf(reply!.attachments![0]!.content)).toHaveLength(0);
  });
});
