import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { QuorumStatus } from '../../bot/domain/quorum';
import type { AttendanceMark } from '../../bot/domain/responses';
import type { RosterRow } from '../../bot/domain/roster';
import { forumCommittee } from '../support/committees';
import { visibleText, type SentActivity } from '../support/connector';
import {
  buttonsOf,
  DEMO,
  pressButton,
  startTestStack,
  teamsMessage,
  TEST_TODAY,
  type TestStack,
} from '../support/stack';

const NEXT = 'lscsb-2026-12-04';
const CHAT = { id: '19:meeting_lscsb-dec@thread.v2', conversationType: 'groupChat', tenantId: 'tenant-1' };
const person = (n: number, name: string) => ({
  aadObjectId: `a1b2c3d4-0000-4000-8000-${String(n).padStart(12, '0')}`,
  name,
});

let clock = TEST_TODAY;
let stack: TestStack;
beforeAll(async () => {
  // The demo's meetings are placed from "today"; then the clock moves to the morning of the meeting.
  stack = await startTestStack({ now: () => clock });
  clock = new Date('2026-12-04T09:58:00Z');
  // Wendy Hope has sent apologies; the roll call shows them before anyone marks anything.
  expect(
    (await stack.api('POST', `/api/meetings/${NEXT}/apologies`, { personId: 'w-hope', recordedBy: 'e-walters' }))
      .status,
  ).toBe(201);
});
afterAll(async () => {
  await stack?.close();
});

const cardText = (card: unknown) =>
  visibleText({ type: 'message', attachments: [{ contentType: 'x', content: card as Record<string, unknown> }] });
const attendance = async (meetingId = NEXT) =>
  (await stack.api('GET', `/api/meetings/${meetingId}/attendance`)).json as {
    quorum: QuorumStatus;
    roster: RosterRow[];
    history: AttendanceMark[];
  };

/** The chair (or anyone) says something in the meeting chat; the activity, for its replies. */
async function sayIn(who: { aadObjectId: string; name: string }, text: string) {
  const activity = teamsMessage(stack, who, text, { conversation: CHAT });
  expect((await stack.send(activity)).status).toBe(200);
  return activity;
}

let cardMessage: SentActivity;
const press = (who: { aadObjectId: string; name: string }, verb: string, data: unknown) =>
  pressButton(stack, who, verb, data, CHAT, { replyToId: cardMessage.id });

describe('roll call at the start of the Teams meeting', () => {
  it('posts the roll call when the meeting starts, with members by seat and apologies pre-filled', async () => {
    const start = {
      ...teamsMessage(stack, DEMO.chair, ''),
      type: 'event',
      name: 'application/vnd.microsoft.meetingStart',
      text: undefined,
      conversation: CHAT,
      channelData: { tenant: { id: 'tenant-1' }, meeting: { id: 'MCMxOTptZWV0aW5n' } },
      value: {
        id: 'MCMxOTptZWV0aW5n',
        joinUrl: 'https://teams.microsoft.com/l/meetup-join/19%3ameeting',
        title: 'LSCSB',
        meetingType: 'Scheduled',
        startTime: '2026-12-04T10:00:00Z',
      },
    };
    const before = stack.connector.sent.length;
    expect((await stack.send(start)).status).toBe(200);
    const posted = stack.connector.sent.slice(before).filter((s) => s.conversationId === CHAT.id);
    expect(posted).toHaveLength(1);
    cardMessage = posted[0]!;
    const text = visibleText(posted[0]!.activity);
    expect(text).toContain('Roll call: LSCSB, Friday 4 December 2026, 10.00am');
    expect(text).toContain('Not quorate: needs 6 more voting members; agencies present: 0 of 3.');
    // A summary that fits any committee: the counts, apologies pre-filled; names are in the side panel.
    expect(text).toContain('Present: 0');
    expect(text).toContain('Apologies: 1');
    expect(text).toMatch(/Not yet marked: \d+/);
    expect(text).not.toContain('Mrs D. Taylor CC');
    // The refresh (the chair's and clerk's own view), then "I'm here", the side panel and a manual refresh.
    expect(buttonsOf(posted[0]!.activity.attachments?.[0]?.content).map((b) => b.verb)).toEqual([
      'rollcall.refresh',
      'rollcall.here',
      'rollcall.refresh',
    ]);
    expect(JSON.stringify(posted[0]!.activity)).toContain(`/#/roll/${NEXT}`);
    expect(cardMessage.id).toMatch(/^sent-[0-9]+$/);
  });

  it('gives the chair the controls on refresh, and a member only "I\'m here"', async () => {
    const data = { committeeId: 'lscsb', meetingId: NEXT };
    const chairView = await press(DEMO.chair, 'rollcall.refresh', data);
    expect(buttonsOf(chairView.card).some((b) => b.verb === 'rollcall.mark')).toBe(true);
    const memberView = await press(DEMO.member, 'rollcall.refresh', data);
    expect(buttonsOf(memberView.card).some((b) => b.verb === 'rollcall.mark')).toBe(false);
  });

  it('marks a member present, then lets the chair override it, keeping both marks', async () => {
    const data = { committeeId: 'lscsb', meetingId: NEXT };
    const here = await press(DEMO.member, 'rollcall.here', data);
    expect(cardText(here.card)).toContain('Cllr. M. Wyatt: marked present at 9.58.');
    const overridden = await press(DEMO.chair, 'rollcall.mark', { ...data, personId: 'm-wyatt', status: 'absent' });
    expect(cardText(overridden.card)).toContain('Cllr. M. Wyatt: absent.');
    const a = await attendance();
    expect(a.roster.find((r) => r.personId === 'm-wyatt')?.status).toBe('absent');
    expect(a.history.filter((m) => m.personId === 'm-wyatt').map((m) => [m.status, m.recordedBy])).toEqual([
      ['present', 'm-wyatt'],
      ['absent', 'd-taylor'],
    ]);
  });

  it('does not let a member or a stranger mark anyone, and refuses malformed marks', async () => {
    const data = { committeeId: 'lscsb', meetingId: NEXT };
    const before = (await attendance()).history.length;
    expect(
      (await press(DEMO.member, 'rollcall.mark', { ...data, personId: 'd-taylor', status: 'present' })).message,
    ).toContain('Only the Chairman (or the clerk) can mark other people');
    expect((await press(DEMO.stranger, 'rollcall.here', data)).message).toContain("You're not on that committee");
    expect(
      (await press(DEMO.chair, 'rollcall.mark', { ...data, personId: 'd-taylor', status: 'asleep' })).message,
    ).toBe('Choose how to mark them. Nobody has been marked.');
    expect(
      (await press(DEMO.chair, 'rollcall.mark', { ...data, personId: 'nobody', status: 'present' })).message,
    ).toContain('not on the committee');
    expect(
      (await press(DEMO.chair, 'rollcall.mark', { ...data, personId: 'd-southall', status: 'substitute' })).message,
    ).toContain('Choose the seat');
    expect((await press(DEMO.chair, 'rollcall.here', { nope: 1 })).message).toContain("couldn't read that");
    expect((await attendance()).history.length).toBe(before);
  });

  it('tells the meeting when it becomes quorate and when quorum is lost, once each', async () => {
    const data = { committeeId: 'lscsb', meetingId: NEXT };
    // The Chairman has talked to Quorum 1:1, so Quorum can reach her inside the meeting too.
    await stack.send(teamsMessage(stack, DEMO.chair, 'help'));
    const notifiedBefore = stack.connector.meetingNotifications.length;
    const before = stack.connector.sent.length;
    for (const id of ['d-taylor', 'l-phillimore', 'l-blackshaw', 'p-cumbers', 'm-mullaney'])
      await press(DEMO.chair, 'rollcall.mark', { ...data, personId: id, status: 'present' });
    expect((await attendance()).quorum.message).toBe(
      'Not quorate: needs 1 more voting member; agencies present: 5 of 3.',
    );
    await press(DEMO.chair, 'rollcall.mark', {
      ...data,
      personId: 'd-southall',
      status: 'substitute',
      seatId: 'police',
    });
    const quorate = stack.connector.sent.slice(before).filter((s) => s.activity.text?.includes('now quorate'));
    expect(quorate.map((s) => s.activity.text)).toEqual([
      'The meeting is now quorate. 6 voting members from 6 agencies.',
    ]);

    clock = new Date('2026-12-04T10:40:00Z');
    await press(DEMO.chair, 'rollcall.mark', { ...data, personId: 'p-cumbers', status: 'left' });
    const lost = stack.connector.sent.slice(before).filter((s) => s.activity.text?.includes('no longer quorate'));
    expect(lost.map((s) => s.activity.text)).toEqual([
      'Chairman: the meeting is no longer quorate. Needs 1 more voting member; agencies present: 5 of 3.',
    ]);
    // …and, in the meeting itself, the chair is shown the roll call: once, for this change.
    const notified = stack.connector.meetingNotifications.slice(notifiedBefore);
    expect(notified).toHaveLength(1);
    expect(notified[0]?.meetingId).toBe('MCMxOTptZWV0aW5n');
    expect(JSON.stringify(notified[0]?.body)).toContain(`/#/roll/${NEXT}`);
    expect(JSON.stringify(notified[0]?.body)).toContain('targetedMeetingNotification');
    const cumbers = (await attendance()).history.filter((m) => m.personId === 'p-cumbers').pop();
    expect(cumbers).toMatchObject({ status: 'left', recordedAt: '2026-12-04T10:40:00.000Z' });

    // He comes back; then, having declared a pecuniary interest in item 6, leaves when the chair reaches
    // it: the meeting loses its quorum, and the chair is told with the item, once.
    clock = new Date('2026-12-04T10:45:00Z');
    await press(DEMO.chair, 'rollcall.mark', { ...data, personId: 'p-cumbers', status: 'present' });
    expect((await attendance()).quorum.quorate).toBe(true);
    const declared = await stack.api('POST', `/api/meetings/${NEXT}/declarations`, {
      personId: 'p-cumbers',
      by: 'e-walters',
      key: randomUUID(),
      items: '6',
      category: 'disclosable-pecuniary',
      nature: 'his company held a contract with the Police',
      participation: 'leave',
    });
    expect(declared.status).toBeLessThan(300);
    clock = new Date('2026-12-04T10:50:00Z');
    const atSix = stack.connector.repliesTo((await sayIn(DEMO.chair, 'item 6')).id);
    const told = visibleText(atSix[0]!);
    expect(told).toContain('Chairman: the meeting is no longer quorate. Needs 1 more voting member');
    expect(told).toContain('Reminder: Cllr. P. Cumbers declared a Disclosable Pecuniary Interest in this item');
    expect((await attendance()).quorum.quorate).toBe(false);
  });

  it('marks people who join through Teams, and keeps everyone’s card up to date', async () => {
    const join = {
      ...teamsMessage(stack, DEMO.chair, ''),
      type: 'event',
      name: 'application/vnd.microsoft.meetingParticipantsJoin',
      text: undefined,
      conversation: CHAT,
      value: {
        members: [
          {
            user: { id: '29:k', aadObjectId: person(7, 'Cllr. K. Loydall').aadObjectId, name: 'Cllr. K. Loydall' },
            meeting: { inMeeting: true, role: 'Attendee' },
          },
        ],
      },
    };
    expect((await stack.send(join)).status).toBe(200);
    expect((await attendance()).roster.find((r) => r.personId === 'k-loydall')?.status).toBe('present');
    await stack.services.bot.rollCall.cardRefresher.settled();
    const last = stack.connector.updated.filter((u) => u.conversationId === CHAT.id).pop()!;
    const text = visibleText(last.activity);
    expect(text).toMatch(/Present: \d+/);
    expect(text).toContain('Quorate: 6 voting members');
  });

  it('lets the chair add a guest, and only the chair or clerk call the roll by command', async () => {
    const data = { committeeId: 'lscsb', meetingId: NEXT };
    const added = await press(DEMO.chair, 'rollcall.guest', {
      ...data,
      guestName: 'Grace Strong, Violence Reduction Network',
    });
    expect(cardText(added.card)).toContain('Grace Strong, Violence Reduction Network: added as also in attendance.');
    expect((await press(DEMO.chair, 'rollcall.guest', { ...data, guestName: ' ' })).message).toBe(
      'Type the name of the person to add. Nobody has been added.',
    );
    const activity = teamsMessage(stack, DEMO.member, 'roll call', { conversation: CHAT });
    await stack.send(activity);
    expect(visibleText(stack.connector.repliesTo(activity.id)[0]!)).toContain(
      'Only the Chairman (or the clerk) calls the roll',
    );
  });

  it('seats a substitute named in an apology when the chair marks them present, and the minutes print them under PRESENT', async () => {
    // The 30 June 2023 case: Jo Hewitt attends for Joshna Mavji (Public Health).
    expect(
      (
        await stack.api('POST', `/api/meetings/${NEXT}/apologies`, {
          personId: 'j-mavji',
          recordedBy: 'e-walters',
          substituteId: 'j-hewitt',
        })
      ).status,
    ).toBe(201);
    const data = { committeeId: 'lscsb', meetingId: NEXT };
    const marked = await press(DEMO.chair, 'rollcall.mark', { ...data, personId: 'j-hewitt', status: 'present' });
    expect(cardText(marked.card)).toContain('Jo Hewitt: present (substitute).');
    const row = (await attendance()).roster.find((r) => r.personId === 'j-hewitt');
    expect(row).toMatchObject({ group: 'substitutes', status: 'substitute', seatId: 'public-health' });

    const md = await (await fetch(`${stack.url}/api/meetings/${NEXT}/record?format=md&live=true`)).text();
    const present = md.slice(md.indexOf('PRESENT'), md.indexOf('Officers') > 0 ? md.indexOf('Officers') : undefined);
    expect(present).toContain('Jo Hewitt');
    const also = md.indexOf('Also in attendance') >= 0 ? md.slice(md.indexOf('Also in attendance')) : '';
    expect(also.split('\n\n')[1] ?? '').not.toContain('Jo Hewitt');

    // A seat has one voice: with Joshna Mavji present after all, nobody can substitute for her.
    await press(DEMO.chair, 'rollcall.mark', { ...data, personId: 'j-mavji', status: 'present' });
    const refused = await press(DEMO.chair, 'rollcall.mark', {
      ...data,
      personId: 'j-hewitt',
      status: 'substitute',
      seatId: 'public-health',
    });
    expect(refused.message).toContain('Joshna Mavji is present, so no substitute can fill their seat');
  });
});

describe('the meeting side panel', () => {
  it('finds the meeting from its Teams chat for someone on the committee, and only for them', async () => {
    const ask = (aad: string) =>
      fetch(`${stack.url}/api/me/meeting-for-chat?chatId=${encodeURIComponent(CHAT.id)}`, {
        headers: { 'x-quorum-as': aad },
      });
    const found = await ask(DEMO.chair.aadObjectId);
    expect(found.status).toBe(200);
    expect(await found.json()).toEqual({ meetingId: NEXT, committeeId: 'lscsb' });
    expect((await ask(DEMO.stranger.aadObjectId)).status).toBeGreaterThanOrEqual(400);
    const unknown = await fetch(`${stack.url}/api/me/meeting-for-chat?chatId=19%3Anope`, {
      headers: { 'x-quorum-as': DEMO.chair.aadObjectId },
    });
    expect(unknown.status).toBe(404);
  });

  it('answers an unchanged roll with 304 to the ETag it gave, and a fresh one after a mark', async () => {
    const headers = { 'x-quorum-as': DEMO.chair.aadObjectId };
    const first = await fetch(`${stack.url}/api/meetings/${NEXT}/roll`, { headers });
    expect(first.status).toBe(200);
    const etag = first.headers.get('etag') ?? '';
    const again = await fetch(`${stack.url}/api/meetings/${NEXT}/roll`, {
      headers: { ...headers, 'if-none-match': etag },
    });
    expect(again.status).toBe(304);
    const here = await fetch(`${stack.url}/api/meetings/${NEXT}/roll/here`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-quorum-as': DEMO.officer.aadObjectId },
      body: JSON.stringify({ submissionId: crypto.randomUUID() }),
    });
    expect(here.status).toBe(200);
    const changed = await fetch(`${stack.url}/api/meetings/${NEXT}/roll`, {
      headers: { ...headers, 'if-none-match': etag },
    });
    expect(changed.status).toBe(200);
    const body = (await changed.json()) as { roster: { personId: string; status: string }[] };
    expect(body.roster.find((r) => r.personId === 'a-chavda')?.status).toBe('present');
    // A member may not mark others.
    const refused = await fetch(`${stack.url}/api/meetings/${NEXT}/roll/marks`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-quorum-as': DEMO.member.aadObjectId },
      body: JSON.stringify({ personId: 'd-taylor', status: 'absent', submissionId: crypto.randomUUID() }),
    });
    expect(refused.status).toBe(403);
  });
});

describe('the end of the meeting', () => {
  it('closes when Teams says it has ended: the end time for the minutes, the roll frozen, the attendance posted', async () => {
    clock = new Date('2026-12-04T11:35:00Z');
    const end = {
      ...teamsMessage(stack, DEMO.chair, ''),
      type: 'event',
      name: 'application/vnd.microsoft.meetingEnd',
      text: undefined,
      conversation: CHAT,
      channelData: { tenant: { id: 'tenant-1' }, meeting: { id: 'MCMxOTptZWV0aW5n' } },
      value: { id: 'MCMxOTptZWV0aW5n', title: 'LSCSB', meetingType: 'Scheduled', endTime: '2026-12-04T11:35:00Z' },
    };
    const before = stack.connector.sent.length;
    expect((await stack.send(end)).status).toBe(200);
    const meeting = (await stack.api('GET', `/api/committees/lscsb/meetings/${NEXT}`)).json as {
      status: string;
      held?: { startedAt: string; endedAt?: string };
    };
    expect(meeting.status).toBe('closed');
    expect(meeting.held?.endedAt).toBe('2026-12-04T11:35:00.000Z');
    const posted = stack.connector.sent.slice(before).filter((x) => x.conversationId === CHAT.id);
    expect(posted).toHaveLength(1);
    const text = visibleText(posted[0]!.activity);
    expect(text).toContain('The meeting closed at 11.35');
    expect(text).toMatch(/Attended \(\d+\): .*Mrs D\. Taylor CC/);

    // Frozen: no more marks, and closing again says so.
    const late = await press(DEMO.member, 'rollcall.here', { committeeId: 'lscsb', meetingId: NEXT });
    expect(late.message).toContain('the roll call is closed');
    const again = await fetch(`${stack.url}/api/meetings/${NEXT}/roll/close`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-quorum-as': DEMO.chair.aadObjectId },
      body: '{}',
    });
    expect(again.status).toBe(409);
    // The minutes print the times it actually began and closed.
    const md = await (await fetch(`${stack.url}/api/meetings/${NEXT}/record?format=md&live=true`)).text();
    expect(md).toContain('11.35');
  });
});

describe('a roll-call storm', () => {
  it('records 40 members tapping "I\'m here" within a second, none lost, and the card ends up showing all 40', async () => {
    const { committee, people } = forumCommittee('lf', 45, {
      aadPrefix: 'b0000000',
      quorum: { minVotingMembers: 20, minAgencies: 5 },
    });
    expect((await stack.api('PUT', '/api/committees/lf', committee)).status).toBe(201);
    expect(
      (
        await stack.api('PUT', '/api/committees/lf/meetings/lf-1', {
          startsAt: '2026-12-04T10:00:00+00:00',
          venue: { kind: 'teams', name: 'Microsoft Teams' },
        })
      ).status,
    ).toBe(201);
    const chat = { id: '19:meeting_lf@thread.v2', conversationType: 'groupChat', tenantId: 'tenant-1' };
    const clerk = { aadObjectId: 'b0000000-0000-4000-8000-999999999999', name: 'Forum Clerk' };
    const call = teamsMessage(stack, clerk, 'roll call', { conversation: chat });
    await stack.send(call);
    const posted = stack.connector.repliesTo(call.id);
    expect(visibleText(posted[0]!)).toContain('Roll call: LF');
    const cardId = stack.connector.sent.find((s) => s.activity === posted[0])?.id;

    const data = { committeeId: 'lf', meetingId: 'lf-1' };
    const results = await Promise.all(
      people.slice(0, 40).map((p) =>
        pressButton(stack, { aadObjectId: p.aadObjectId, name: p.name }, 'rollcall.here', data, chat, {
          replyToId: cardId,
        }),
      ),
    );
    expect(results.every((r) => r.status === 200 && r.card)).toBe(true);

    const a = await attendance('lf-1');
    expect(a.history).toHaveLength(40);
    expect(new Set(a.history.map((m) => m.personId)).size).toBe(40);
    expect(a.quorum).toMatchObject({ quorate: true, votingPresent: 40 });
    await stack.services.bot.rollCall.cardRefresher.settled();
    const finalCard = visibleText(stack.connector.updated.filter((u) => u.conversationId === chat.id).pop()!.activity);
    expect(finalCard).toContain('Present: 40');
    expect(finalCard).toContain('Quorate: 40 voting members from 9 agencies.');
    const quorateMessages = stack.connector.sent.filter(
      (s) => s.conversationId === chat.id && s.activity.text?.includes('now quorate'),
    );
    expect(quorateMessages).toHaveLength(1);
  });
});

describe('the roll-call card at any committee size', () => {
  it.each([45, 150, 200])('stays under 20 KB with %i people, for everyone and for the clerk', async (n) => {
    const id = `size${n}`;
    const { committee, clerk } = forumCommittee(id, n, {
      aadPrefix: `d0000${String(n).padStart(3, '0')}`,
      quorum: { minVotingMembers: Math.ceil(n / 2), minAgencies: 5 },
    });
    expect((await stack.api('PUT', `/api/committees/${id}`, committee)).status).toBe(201);
    expect(
      (
        await stack.api('PUT', `/api/committees/${id}/meetings/${id}-1`, {
          startsAt: '2026-12-04T10:00:00+00:00',
          venue: { kind: 'teams', name: 'Microsoft Teams' },
        })
      ).status,
    ).toBe(201);
    const chat = { id: `19:meeting_${id}@thread.v2`, conversationType: 'groupChat', tenantId: 'tenant-1' };
    const call = teamsMessage(stack, clerk, 'roll call', { conversation: chat });
    await stack.send(call);
    const shared = stack.connector.repliesTo(call.id)[0]!;
    const sharedBytes = Buffer.byteLength(JSON.stringify(shared.attachments?.[0]?.content));
    expect(sharedBytes).toBeLessThan(20 * 1024);
    const cardId = stack.connector.sent.find((s) => s.activity === shared)?.id;
    const chairView = await pressButton(
      stack,
      clerk,
      'rollcall.refresh',
      { committeeId: id, meetingId: `${id}-1` },
      chat,
      {
        replyToId: cardId,
      },
    );
    expect(Buffer.byteLength(JSON.stringify(chairView.card))).toBeLessThan(20 * 1024);
    const text = cardText(chairView.card);
    expect(text).toContain(`Not yet marked (${n}): tap to mark present`);
    expect(text).toContain(`and ${n - 12} more: open the roll call to see everyone.`);
  });
});
