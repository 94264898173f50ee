import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { liveApologies, type Apology } from '../../bot/domain/responses';
import { visibleText } from '../support/connector';
import { buttonsOf, DEMO, pressButton, startTestStack, teamsMessage, type TestStack } from '../support/stack';

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(async () => {
  await stack?.close();
});

/** Demo people not in DEMO: the police seat holder and two possible substitutes. */
const STARBUCK = { aadObjectId: 'a1b2c3d4-0000-4000-8000-000000000012', name: 'Chief Supt Johnny Starbuck' };
const MANSFIELD = { aadObjectId: 'a1b2c3d4-0000-4000-8000-000000000033', name: 'Lee Mansfield' };
const LOYDALL = { aadObjectId: 'a1b2c3d4-0000-4000-8000-000000000007', name: 'Cllr. K. Loydall' };
const BLACKSHAW = { aadObjectId: 'a1b2c3d4-0000-4000-8000-000000000003', name: 'Cllr. L. Blackshaw' };
const NEXT_MEETING = 'lscsb-2026-12-04';

type Who = { aadObjectId: string; name: string };

async function say(from: Who, text: string, extra: Record<string, unknown> = {}) {
  const activity = teamsMessage(stack, from, text, extra);
  expect((await stack.send(activity)).status).toBe(200);
  return stack.connector.repliesTo(activity.id);
}

/** Says something and returns the one card Quorum answers with. */
async function cardFor(from: Who, text: string, extra: Record<string, unknown> = {}) {
  const replies = await say(from, text, extra);
  expect(replies).toHaveLength(1);
  const card = replies[0]?.attachments?.[0]?.content;
  expect(card, visibleText(replies[0]!)).toBeDefined();
  return { card: card as Record<string, unknown>, text: visibleText(replies[0]!) };
}

const button = (card: unknown, verb: string) => {
  const b = buttonsOf(card).find((x) => x.verb === verb);
  expect(b, `no ${verb} button`).toBeDefined();
  return b!;
};

async function apologiesFor(meetingId: string, committeeId = 'lscsb') {
  const history = (await stack.services.store.responses.forMeeting(committeeId, meetingId)).filter(
    (r): r is Apology => r.kind === 'apology',
  );
  return { history, live: liveApologies(history) };
}

const cardText = (card: unknown) =>
  visibleText({ type: 'message', attachments: [{ contentType: 'x', content: card as Record<string, unknown> }] });

describe('apologies in Teams chat', () => {
  it('reads an apology, confirms with a card, and records it once even if confirmed twice', async () => {
    const { card, text } = await cardFor(LOYDALL, 'Please send my apologies for Friday 4th December');
    expect(text).toContain(
      'Record apologies from Cllr. K. Loydall for the Leicestershire Safer Communities Strategy Board, Friday 4 December 2026, 10.00am?',
    );
    expect((await apologiesFor(NEXT_MEETING)).history).toHaveLength(0);

    const confirm = button(card, 'apology.confirm');
    // Teams clients write their own `key` onto action data; ours must never use that name.
    expect(buttonsOf(card).filter((b) => 'key' in b.data)).toEqual([]);
    const first = await pressButton(stack, LOYDALL, 'apology.confirm', confirm.data);
    expect(cardText(first.card)).toContain('Apologies recorded');
    const second = await pressButton(stack, LOYDALL, 'apology.confirm', confirm.data);
    expect(cardText(second.card)).toContain('Already recorded');

    const { history, live } = await apologiesFor(NEXT_MEETING);
    expect(history.filter((a) => a.personId === 'k-loydall')).toHaveLength(1);
    expect(live.find((a) => a.personId === 'k-loydall')).toMatchObject({ recordedBy: 'k-loydall', onBehalf: false });
  });

  it('takes an @mentioned substitute as the person mentioned', async () => {
    const mention = {
      type: 'mention',
      text: '<at>Tim McCabe</at>',
      mentioned: { id: '29:tim', name: 'Tim McCabe', aadObjectId: 'a1b2c3d4-0000-4000-8000-000000000026' },
    };
    const { card, text } = await cardFor(
      BLACKSHAW,
      'Apologies for the next LSCSB, <at>Tim McCabe</at> will attend for me',
      {
        entities: [mention],
      },
    );
    expect(text).toContain(
      'Tim McCabe will attend in your place (Community Safety Partnership Strategy Group Chair - Charnwood Borough Council).',
    );
    expect(button(card, 'apology.confirm').data).toMatchObject({ substituteId: 't-mccabe' });
  });

  it('records nothing when the member cancels', async () => {
    const { card } = await cardFor(BLACKSHAW, 'apols for next Friday');
    const cancelled = await pressButton(stack, BLACKSHAW, 'apology.cancel', button(card, 'apology.cancel').data);
    expect(cardText(cancelled.card)).toContain('Nothing has been recorded.');
    expect((await apologiesFor(NEXT_MEETING)).history.filter((a) => a.personId === 'l-blackshaw')).toHaveLength(0);
  });

  it('checks a substitute against the terms of reference and tells them, with the agenda, 1:1', async () => {
    // Inspector Southall has talked to Quorum before, so his personal chat is known.
    await say({ aadObjectId: 'a1b2c3d4-0000-4000-8000-000000000013', name: 'Inspector Duncan Southall' }, 'help');
    const { card, text } = await cardFor(
      STARBUCK,
      "can't make the LSCSB on the 4th, Insp. Southall will attend in my place",
    );
    expect(text).toContain('Inspector Duncan Southall will attend in your place (Leicestershire Police).');
    const confirm = button(card, 'apology.confirm');
    expect(confirm.data).toMatchObject({ substituteId: 'd-southall' });

    const before = stack.connector.sent.length;
    const done = await pressButton(stack, STARBUCK, 'apology.confirm', confirm.data);
    expect(cardText(done.card)).toContain("I've sent Inspector Duncan Southall the agenda.");
    const toSouthall = stack.connector.sent
      .slice(before)
      .filter((s) => s.conversationId === 'a:personal-a1b2c3d4-0000-4000-8000-000000000013');
    expect(toSouthall).toHaveLength(1);
    const notice = visibleText(toSouthall[0]!.activity);
    expect(notice).toContain(
      'Chief Supt Johnny Starbuck has sent apologies for the Leicestershire Safer Communities Strategy Board, Friday 4 December 2026, 10.00am',
    );
    expect(notice).toContain('1. Introductions');
    expect((await apologiesFor(NEXT_MEETING)).live.find((a) => a.personId === 'j-starbuck')?.substituteId).toBe(
      'd-southall',
    );
  });

  it('explains an invalid substitute and lets the apology be recorded without them', async () => {
    const { card, text } = await cardFor(
      DEMO.member,
      'Apologies for Friday 4 December, Insp. Southall will attend for me',
    );
    expect(text).toContain("Inspector Duncan Southall can't substitute for you");
    expect(text).toContain(
      'The terms of reference say: "The CSP Strategy Groups - any other member of that CSP Strategy Group',
    );
    const confirm = button(card, 'apology.confirm');
    expect(confirm.title).toBe('Send apologies without a substitute');
    expect(confirm.data).not.toHaveProperty('substituteId');

    // A crafted payload naming him anyway is refused and nothing is written.
    const crafted = await pressButton(stack, DEMO.member, 'apology.confirm', {
      ...confirm.data,
      substituteId: 'd-southall',
    });
    expect(cardText(crafted.card)).toContain('Apologies not recorded');
    expect((await apologiesFor(NEXT_MEETING)).history.filter((a) => a.personId === 'm-wyatt')).toHaveLength(0);

    const done = await pressButton(stack, DEMO.member, 'apology.confirm', confirm.data);
    expect(cardText(done.card)).toContain('Apologies recorded');
    expect((await apologiesFor(NEXT_MEETING)).live.find((a) => a.personId === 'm-wyatt')).not.toHaveProperty(
      'substituteId',
    );
  });

  it('changes the substitute by superseding, keeping the history; and tells a member their substitute is unreachable', async () => {
    const { card, text } = await cardFor(
      DEMO.member,
      'for the 4th December Lee Mansfield will attend in my place, apologies',
    );
    expect(text).toContain('Lee Mansfield will attend in your place');
    expect(text).toContain('This replaces the apologies recorded on');
    const done = await pressButton(stack, DEMO.member, 'apology.confirm', button(card, 'apology.confirm').data);
    expect(cardText(done.card)).toContain("I couldn't message Lee Mansfield in Teams");
    const { history, live } = await apologiesFor(NEXT_MEETING);
    const wyatt = history.filter((a) => a.personId === 'm-wyatt');
    expect(wyatt).toHaveLength(2);
    expect(wyatt[1]?.supersedes).toBe(wyatt[0]?.id);
    expect(live.filter((a) => a.personId === 'm-wyatt')).toEqual([
      expect.objectContaining({ substituteId: 'l-mansfield' }),
    ]);
  });

  it('withdraws apologies ("actually I can make it") with a card, keeping the history', async () => {
    const { card, text } = await cardFor(DEMO.member, 'Actually I can make it after all');
    expect(text).toContain('Withdraw your apologies?');
    const withdrawn = await pressButton(stack, DEMO.member, 'apology.withdraw', button(card, 'apology.withdraw').data);
    expect(cardText(withdrawn.card)).toContain("are withdrawn: we'll expect them at the meeting");
    const { history, live } = await apologiesFor(NEXT_MEETING);
    expect(live.find((a) => a.personId === 'm-wyatt')).toBeUndefined();
    expect(history.filter((a) => a.personId === 'm-wyatt')).toHaveLength(3);
    // The same withdraw card pressed again changes nothing.
    const again = await pressButton(stack, DEMO.member, 'apology.withdraw', button(card, 'apology.withdraw').data);
    expect(cardText(again.card)).toContain('Already withdrawn');
    expect((await apologiesFor(NEXT_MEETING)).history.filter((a) => a.personId === 'm-wyatt')).toHaveLength(3);
  });

  it('says so when there is nothing to withdraw', async () => {
    const replies = await say(MANSFIELD, 'please withdraw my apologies');
    expect(visibleText(replies[0]!)).toContain('You have no apologies recorded for any upcoming meeting');
  });

  it('refuses apologies for a meeting that has taken place, recording nothing', async () => {
    const { text } = await cardFor(DEMO.chair, 'Apologies for 29 September 2023');
    expect(text).toContain('That meeting has already taken place');
    expect(text).toContain('Friday 29 September 2023, 10.00am');
    expect((await apologiesFor('lscsb-2023-09-29')).history).toHaveLength(0);
  });

  it('offers a choice, never a guess, when no meeting is on the day named', async () => {
    const { card, text } = await cardFor(DEMO.chair, 'Apologies for Thursday');
    expect(text).toContain("I couldn't find that meeting");
    const picks = buttonsOf(card).filter((b) => b.verb === 'apology.pick');
    expect(picks.map((p) => p.title)[0]).toBe('Friday 4 December 2026, 10.00am: LSCSB');
    const confirm = await pressButton(stack, DEMO.chair, 'apology.pick', picks[0]!.data);
    expect(cardText(confirm.card)).toContain('Record apologies from Mrs D. Taylor CC');
    expect((await apologiesFor(NEXT_MEETING)).history.filter((a) => a.personId === 'd-taylor')).toHaveLength(0);
  });

  it('asks which meeting when the member sits on two committees meeting that day', async () => {
    const committee = (await stack.api('GET', '/api/committees/lscsb')).json as { people: { id: string }[] };
    const wyatt = committee.people.find((p) => p.id === 'm-wyatt');
    const csp = {
      name: 'North West Leicestershire Community Safety Partnership',
      shortName: 'NWL CSP',
      regime: 'partnership-terms-of-reference',
      notice: { clearDays: 5, excludeWeekends: true, excludeBankHolidays: true, holidayRegion: 'GB-ENG' },
      quorum: { minVotingMembers: 1, minAgencies: 1 },
      people: [
        wyatt,
        { id: 'nwl-clerk', name: 'NWL Clerk', organisation: 'North West Leicestershire District Council' },
      ],
      seats: [
        {
          id: 'chair',
          represents: 'North West Leicestershire District Council',
          agency: 'North West Leicestershire District Council',
          holder: 'm-wyatt',
          voting: { general: true, communitySafetyAgreement: true },
          substitutes: { kind: 'none', text: 'No substitutes.' },
        },
      ],
      clerks: ['nwl-clerk'],
    };
    expect((await stack.api('PUT', '/api/committees/nwl-csp', csp)).status).toBe(201);
    const meeting = {
      startsAt: '2026-12-04T14:00:00+00:00',
      venue: { kind: 'in-person', name: 'Whitwick Road, Coalville' },
    };
    expect((await stack.api('PUT', '/api/committees/nwl-csp/meetings/nwl-2026-12-04', meeting)).status).toBe(201);

    const { card, text } = await cardFor(DEMO.member, 'apologies for 4 December');
    expect(text).toContain('Which meeting?');
    const picks = buttonsOf(card).filter((b) => b.verb === 'apology.pick');
    expect(picks.map((p) => p.title)).toEqual([
      'Friday 4 December 2026, 10.00am: LSCSB',
      'Friday 4 December 2026, 2.00pm: NWL CSP',
    ]);
    const confirm = await pressButton(stack, DEMO.member, 'apology.pick', picks[1]!.data);
    expect(cardText(confirm.card)).toContain(
      'North West Leicestershire Community Safety Partnership, Friday 4 December 2026, 2.00pm',
    );
    // Naming the committee removes the ambiguity.
    const named = await cardFor(DEMO.member, 'apologies for the LSCSB on 4 December');
    expect(named.text).toContain(
      'Record apologies from Cllr. M. Wyatt for the Leicestershire Safer Communities Strategy Board',
    );
  });

  it('keeps a reason out of a group chat card, and keeps it for the clerk in a 1:1', async () => {
    const group = { conversation: { id: '19:lscsb-group', conversationType: 'groupChat', tenantId: 'tenant-1' } };
    const inGroup = await cardFor(
      DEMO.officer,
      'Apologies for Friday 4 December as I am at a hospital appointment',
      group,
    );
    expect(inGroup.text).not.toContain('hospital');
    expect(button(inGroup.card, 'apology.confirm').data).not.toHaveProperty('reason');
    const oneToOne = await cardFor(DEMO.officer, 'Apologies for Friday 4 December as I am at a hospital appointment');
    expect(oneToOne.text).toContain('for the clerk only');
    await pressButton(stack, DEMO.officer, 'apology.confirm', button(oneToOne.card, 'apology.confirm').data);
    expect((await apologiesFor(NEXT_MEETING)).live.find((a) => a.personId === 'a-chavda')?.reason).toBe(
      'as I am at a hospital appointment',
    );
  });

  it('sends nothing carrying a reason to a group chat: no card, no button data, no message', async () => {
    const group = { conversation: { id: '19:lscsb-group-2', conversationType: 'groupChat', tenantId: 'tenant-1' } };
    const secrets = ['IVF', 'hospital', 'bereavement'];
    const invokeBodies: string[] = [];
    const one = await cardFor(DEMO.chair, 'Apologies for Friday 4 December because of IVF treatment that day', group);
    // "Another meeting" carries the draft to every member's client: it must not carry the reason.
    const others = button(one.card, 'apology.others').data;
    const chosen = await pressButton(stack, DEMO.chair, 'apology.others', others, group.conversation);
    invokeBodies.push(JSON.stringify(chosen));
    await say(DEMO.member, 'sorry, apologies for 25 December, I have a hospital appointment', group);
    await say(DEMO.member, 'please send my apologies for the next meeting, family bereavement', group);
    const sentToGroup = stack.connector.sent.filter((s) => s.conversationId === '19:lscsb-group-2');
    expect(sentToGroup.length).toBeGreaterThanOrEqual(3);
    for (const text of [...sentToGroup.map((s) => JSON.stringify(s.activity)), ...invokeBodies])
      for (const secret of secrets) expect(text).not.toContain(secret);
    // It says the reason was left out, so the member knows to message the clerk privately.
    expect(sentToGroup.map((s) => visibleText(s.activity)).join(' ')).toContain("I've left your reason out");
  });

  it('shows a member their apologies', async () => {
    const replies = await say(LOYDALL, 'my apologies');
    const text = visibleText(replies[0]!);
    expect(text).toContain('Your apologies');
    expect(text).toContain('Meeting: LSCSB, Friday 4 December 2026, 10.00am');
  });

  it('lets the clerk record apologies received by email, marked as such, and list them', async () => {
    const { card, text } = await cardFor(DEMO.clerk, 'record apologies from Bob Bearne for the 4th December');
    expect(text).toContain(
      'Record apologies from Bob Bearne for the Leicestershire Safer Communities Strategy Board, Friday 4 December 2026, 10.00am?',
    );
    expect(text).toContain('Recorded by the clerk on their behalf');
    await pressButton(stack, DEMO.clerk, 'apology.confirm', button(card, 'apology.confirm').data);
    expect((await apologiesFor(NEXT_MEETING)).live.find((a) => a.personId === 'b-bearne')).toMatchObject({
      onBehalf: true,
      recordedBy: 'e-walters',
    });

    const list = visibleText((await say(DEMO.clerk, 'apologies list'))[0]!);
    expect(list).toContain('Apologies for LSCSB, Friday 4 December 2026, 10.00am');
    expect(list).toContain('Bob Bearne');
    expect(list).toContain('(recorded by the clerk)');
    expect(list).toContain('Reason: as I am at a hospital appointment');
  });

  it('does not let a member record apologies for someone else', async () => {
    const replies = await say(DEMO.member, 'record apologies from Bob Bearne for the 4th December');
    expect(visibleText(replies[0]!)).toContain('Only the clerk can record apologies on behalf of someone else');
    const { card } = await cardFor(DEMO.chair, 'Apologies for Friday 4 December');
    const forged = await pressButton(stack, DEMO.member, 'apology.confirm', button(card, 'apology.confirm').data);
    expect(forged.message).toContain('Only the clerk can record apologies on behalf of someone else');
    expect((await apologiesFor(NEXT_MEETING)).history.filter((a) => a.personId === 'd-taylor')).toHaveLength(0);
  });

  it('answers a malformed card submission politely and records nothing', async () => {
    const before = (await apologiesFor(NEXT_MEETING)).history.length;
    for (const data of [
      { foo: 1 },
      { submissionId: 'not-a-uuid', committeeId: 'lscsb', meetingId: NEXT_MEETING, personId: 'm-wyatt' },
      'just a string',
    ]) {
      const res = await pressButton(stack, DEMO.member, 'apology.confirm', data);
      expect(res.status).toBe(200);
      expect(res.message).toContain("I couldn't read that card's answer, so nothing has been recorded");
    }
    expect((await apologiesFor(NEXT_MEETING)).history.length).toBe(before);
  });

  it('tells someone on no committee so and records nothing', async () => {
    const replies = await say(DEMO.stranger, 'apologies for Friday 4 December');
    expect(visibleText(replies[0]!)).toContain("I can't find you on any committee I look after");
  });

  it('does not mistake "apologies for the late reply" for an apology, and reads a long email from its top', async () => {
    const before = (await apologiesFor(NEXT_MEETING)).history.length;
    expect(visibleText((await say(DEMO.member, 'apologies for the late reply'))[0]!)).toContain(
      "I didn't understand that",
    );
    const long = await say(DEMO.member, `Apologies for Friday 4th December. ${'More about my week. '.repeat(150)}`);
    expect(visibleText(long[0]!)).toContain('I read only its first 2,000 characters');
    // …then reads the apology as usual (here asking which of his meetings that Friday).
    expect(
      buttonsOf(long[1]?.attachments?.[0]?.content).some(
        (b) => b.verb === 'apology.confirm' || b.verb === 'apology.pick',
      ),
    ).toBe(true);
    // Too long for anything: refused whole, nothing done.
    expect(visibleText((await say(DEMO.member, `Apologies ${'x'.repeat(10_100)}`))[0]!)).toContain(
      'too long for me to read',
    );
    // Nothing recorded without the card's confirmation.
    expect((await apologiesFor(NEXT_MEETING)).history.length).toBe(before);
  });
});

describe('apologies API for the clerk', () => {
  it('lists the apologies that stand for a meeting, with history', async () => {
    const res = await stack.api('GET', `/api/meetings/${NEXT_MEETING}/apologies`);
    expect(res.status).toBe(200);
    const body = res.json as {
      apologies: { personId: string; substitute: unknown; represents: string }[];
      history: unknown[];
    };
    expect(body.apologies.find((a) => a.personId === 'j-starbuck')).toMatchObject({
      represents: 'Leicestershire Police',
      substitute: { personId: 'd-southall', name: 'Inspector Duncan Southall' },
    });
    expect(body.history.length).toBeGreaterThan(body.apologies.length);
  });

  it('records apologies received by email once per idempotency key', async () => {
    const post = () =>
      fetch(`${stack.url}/api/meetings/${NEXT_MEETING}/apologies`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': 'email-2026-11-24-wendy' },
        body: JSON.stringify({ personId: 'w-hope', recordedBy: 'e-walters', reason: 'Annual leave' }),
      });
    expect((await post()).status).toBe(201);
    expect((await post()).status).toBe(200);
    expect((await apologiesFor(NEXT_MEETING)).history.filter((a) => a.personId === 'w-hope')).toHaveLength(1);
  });

  it('refuses a non-clerk recorder, an unknown person and an invalid substitute', async () => {
    const post = (meetingId: string, body: unknown) => stack.api('POST', `/api/meetings/${meetingId}/apologies`, body);
    expect((await post(NEXT_MEETING, { personId: 'w-hope', recordedBy: 'm-wyatt' })).status).toBe(403);
    expect((await post(NEXT_MEETING, { personId: 'nobody', recordedBy: 'e-walters' })).status).toBe(400);
    const sub = await post(NEXT_MEETING, {
      personId: 'l-phillimore',
      recordedBy: 'e-walters',
      substituteId: 'd-southall',
    });
    expect(sub.status).toBe(422);
    expect((await apologiesFor(NEXT_MEETING)).history.filter((a) => a.personId === 'l-phillimore')).toHaveLength(0);
    expect((await stack.api('GET', '/api/meetings/nope/apologies')).status).toBe(404);
  });

  it('lets the clerk record apologies after the meeting (marked so) until the minutes are confirmed; nobody else', async () => {
    const held = 'lscsb-2023-09-29';
    // A member cannot send apologies for a meeting that has taken place.
    const late = await fetch(`${stack.url}/api/me/apologies`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-quorum-as': DEMO.member.aadObjectId },
      body: JSON.stringify({ meetingId: held, submissionId: randomUUID() }),
    });
    expect(late.status).toBe(422);
    expect(await late.json()).toMatchObject({ error: expect.stringContaining('has already taken place') });
    // The clerk can: an apology that came by email reaches the record.
    const byClerk = await stack.api('POST', `/api/meetings/${held}/apologies`, {
      personId: 'l-phillimore',
      recordedBy: 'e-walters',
    });
    expect(byClerk.status).toBe(201);
    const listed = (await stack.api('GET', `/api/meetings/${held}/apologies`)).json as {
      apologies: { personId: string; afterTheEvent: boolean; onBehalf: boolean }[];
    };
    expect(listed.apologies.find((a) => a.personId === 'l-phillimore')).toMatchObject({
      afterTheEvent: true,
      onBehalf: true,
    });
    // …and the minutes print it under Apologies.
    const record = (await stack.api('GET', `/api/meetings/${held}/record?format=json&live=true`)).json as {
      apologies: { name: string }[];
    };
    expect(record.apologies.map((a) => a.name)).toContain('Cllr. L. Phillimore');
  });
});
