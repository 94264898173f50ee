import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Action } from '../../bot/domain/action';
import { TIMERS } from '../../functions/timers';
import { visibleText } from '../support/connector';
import {
  buttonsOf,
  DEMO,
  pressButton,
  startTestStack,
  teamsMessage,
  TEST_TODAY,
  type TestStack,
} from '../support/stack';

const person = (n: number, name: string) => ({
  aadObjectId: `a1b2c3d4-0000-4000-8000-${String(n).padStart(12, '0')}`,
  name,
});
const CHAVDA = DEMO.officer; // action 6, with Ian Stubbs
const STUBBS = person(34, 'Ian Stubbs');
const HEWITT = person(15, 'Jo Hewitt'); // action 5
const BEE = person(36, 'Gary Bee'); // action 1, with Rik Basra

let clock = TEST_TODAY;
let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack({ now: () => clock });
});
afterAll(async () => {
  await stack?.close();
});

async function say(from: { aadObjectId: string; name: string }, text: string) {
  const activity = teamsMessage(stack, from, text);
  expect((await stack.send(activity)).status).toBe(200);
  return stack.connector.repliesTo(activity.id);
}

const action = async (n: number) => (await stack.services.store.actions.get('lscsb', `lscsb-action-${n}`)) as Action;
const cardText = (card: unknown) =>
  visibleText({ type: 'message', attachments: [{ contentType: 'x', content: card as Record<string, unknown> }] });

async function updateButton(who: { aadObjectId: string; name: string }) {
  const replies = await say(who, 'my actions');
  const card = replies.find((r) => r.attachments?.length)?.attachments?.[0]?.content;
  const update = buttonsOf(card).find((b) => b.verb === 'action.update');
  expect(update).toBeDefined();
  return update!.data;
}

describe('my actions', () => {
  it('gives an officer a card for each open action they own', async () => {
    const replies = await say(CHAVDA, 'my actions');
    expect(replies[0]?.text).toBe(
      'You have 1 open action. Set the status, add a comment for the log and press **Update**.',
    );
    const card = visibleText(replies[1]!);
    expect(card).toContain('Action 6: LSCSB');
    expect(card).toContain('PREVENT – Look at holding event at County Hall to inform elected members about Prevent.');
    expect(card).toContain('Responsible: Anita Chavda, Ian Stubbs');
    expect(replies).toHaveLength(2);
  });

  it('updates status and comment in place, saying who updated and when, and keeps the history', async () => {
    const data = await updateButton(HEWITT);
    const res = await pressButton(stack, HEWITT, 'action.update', {
      ...data,
      status: 'Green',
      comment: 'Figures to be circulated with the agenda.',
    });
    const text = cardText(res.card);
    expect(text).toContain('Updated to Green with your comment. Thank you.');
    expect(text).toContain('Last updated by Jo Hewitt on Tuesday 24 November 2026 at 9.00am.');
    expect(text).toContain(
      'Comments: Email sent to LSCSB attendees on 10 July 2023 informing that the data is not yet available. Figures to be circulated with the agenda.',
    );
    const stored = await action(5);
    expect(stored.status).toBe('Green');
    expect(stored.history.map((h) => h.by)).toEqual(['imported', 'j-hewitt']);
  });

  it('records the same submission once', async () => {
    const data = await updateButton(BEE);
    const first = await pressButton(stack, BEE, 'action.update', {
      ...data,
      status: 'Amber',
      comment: 'Training booked for February.',
    });
    expect(cardText(first.card)).toContain('Updated to Amber');
    const again = await pressButton(stack, BEE, 'action.update', {
      ...data,
      status: 'Amber',
      comment: 'Training booked for February.',
    });
    expect(cardText(again.card)).toContain('That update was already saved.');
    expect((await action(1)).history.filter((h) => h.by === 'g-bee')).toHaveLength(1);
  });

  it('keeps both of two officers updating the same action at once', async () => {
    const [a, b] = await Promise.all([updateButton(CHAVDA), updateButton(STUBBS)]);
    await Promise.all([
      pressButton(stack, CHAVDA, 'action.update', { ...a, status: 'Amber', comment: 'Venue booked for 12 March.' }),
      pressButton(stack, STUBBS, 'action.update', { ...b, status: 'Green', comment: 'Speakers confirmed.' }),
    ]);
    const stored = await action(6);
    expect(stored.history.map((h) => h.by).sort()).toEqual(['a-chavda', 'i-stubbs', 'imported']);
    expect(stored.comments).toContain('Venue booked for 12 March.');
    expect(stored.comments).toContain('Speakers confirmed.');
  });

  it('refuses a member who is not responsible, politely, and changes nothing', async () => {
    const data = await updateButton(CHAVDA);
    const before = await action(6);
    const res = await pressButton(stack, DEMO.member, 'action.update', { ...data, status: 'Red' });
    expect(res.message).toContain(
      'only the officers responsible for action 6 (Anita Chavda, Ian Stubbs), the clerk or the chair can update it',
    );
    expect(await action(6)).toEqual(before);
    const stranger = await pressButton(stack, DEMO.stranger, 'action.update', { ...data, status: 'Red' });
    expect(stranger.message).toContain("You're not on that committee");
    expect(await action(6)).toEqual(before);
  });

  it('lets the clerk and the chair update any action', async () => {
    const data = await updateButton(CHAVDA);
    expect(
      cardText((await pressButton(stack, DEMO.clerk, 'action.update', { ...data, status: 'Amber' })).card),
    ).toContain('Updated to Amber');
    expect((await action(6)).history.at(-1)?.by).toBe('e-walters');
  });

  it('answers a bad status, an over-long comment or a malformed payload clearly, changing nothing', async () => {
    const data = await updateButton(CHAVDA);
    const before = await action(6);
    expect((await pressButton(stack, CHAVDA, 'action.update', { ...data, status: 'Purple' })).message).toBe(
      'Status must be Red, Amber, Green or Complete. Nothing has changed.',
    );
    expect((await pressButton(stack, CHAVDA, 'action.update', { ...data, status: 'Removed' })).message).toContain(
      'Status must be',
    );
    expect(
      (await pressButton(stack, CHAVDA, 'action.update', { ...data, status: 'Red', comment: 'x'.repeat(2001) }))
        .message,
    ).toBe('A comment can be at most 2,000 characters. Nothing has changed.');
    expect((await pressButton(stack, CHAVDA, 'action.update', { nonsense: true })).message).toContain(
      "I couldn't read that update",
    );
    expect(await action(6)).toEqual(before);
  });

  it('tells an officer with no open actions so', async () => {
    const replies = await say(DEMO.member, 'my actions');
    expect(replies[0]?.text).toBe('You have no open actions on the action log. Thank you!');
  });

  it('shows the clerk the whole log, and refuses a member', async () => {
    const log = visibleText((await say(DEMO.clerk, 'action log'))[0]!);
    expect(log).toContain('LSCSB action log');
    expect(log).toContain('**3. Update at a future Board meeting regarding Leicester University');
    expect(visibleText((await say(DEMO.member, 'action log'))[0]!)).toContain(
      'Only the clerk and the chair can see the whole action log',
    );
  });
});

describe('the action log API', () => {
  it('prints the demo log as the papers do, as JSON and CSV, and as it stood at a moment', async () => {
    const asOf = encodeURIComponent('2023-09-22T12:00:00+01:00');
    const res = await stack.api('GET', `/api/committees/lscsb/actions?asOf=${asOf}`);
    const rows = (res.json as { rows: Record<string, string>[] }).rows;
    expect(rows.map((r) => [r.no, r.date, r.responsibleOfficer, r.status])).toEqual([
      ['1', '18.3.21', 'Gary Bee/Rik Basra', 'Amber'],
      ['2', '9.12.22', 'Charlotte Keedwell/Gurjit Samra-Rai', 'Amber'],
      ['3', '9.12.22 17.3.23', 'John Richardson', 'Amber'],
      ['4', '30.6.23', 'Bob Bearne/Euan Walters', 'Green'],
      ['5', '30.6.23', 'Jo Hewitt', 'Amber'],
      ['6', '30.6.23', 'Anita Chavda/Ian Stubbs', 'Amber'],
    ]);
    expect(rows[3]?.comments).toBe('Action Plan circulated 4 July 2023.');
    expect(rows[5]?.comments).toBe('');

    const csv = await fetch(`${stack.url}/api/committees/lscsb/actions?format=csv`);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const lines = (await csv.text()).split('\r\n');
    expect(lines[0]).toBe('No.,Date,Action,Responsible Officer,Comments,Status');
    expect(lines[1]).toMatch(
      /^1,18\.3\.21,Training on Modern Slavery to be arranged for local authority officers and LSCSB members\.,Gary Bee\/Rik Basra,/,
    );
    expect((await stack.api('GET', '/api/committees/lscsb/actions?asOf=yesterday')).status).toBe(400);
    expect((await stack.api('GET', '/api/committees/nope/actions')).status).toBe(404);
  });

  it('lets the clerk remove an action as a meeting agreed: off the live log, kept in history', async () => {
    const body = {
      status: 'Removed',
      reason: 'It was agreed that the action was no longer required and should be removed from the Action Log.',
      agreedAtMeeting: 'lscsb-2023-09-29',
      by: 'e-walters',
    };
    expect(
      (await stack.api('POST', '/api/committees/lscsb/actions/lscsb-action-2/close', { ...body, by: 'a-chavda' }))
        .status,
    ).toBe(403);
    expect(
      (
        await stack.api('POST', '/api/committees/lscsb/actions/lscsb-action-2/close', {
          ...body,
          agreedAtMeeting: 'nope',
        })
      ).status,
    ).toBe(400);
    const res = await stack.api('POST', '/api/committees/lscsb/actions/lscsb-action-2/close', body);
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ status: 'Removed' });
    const log = (await stack.api('GET', '/api/committees/lscsb/actions')).json as {
      rows: { no: string }[];
      actions: Action[];
    };
    expect(log.rows.map((r) => r.no)).not.toContain('2');
    expect(log.actions.find((a) => a.number === 2)?.history.at(-1)).toMatchObject({
      status: 'Removed',
      agreedAtMeeting: 'lscsb-2023-09-29',
    });
    // A removed action can no longer be updated from a card.
    expect((await action(2)).status).toBe('Removed');
    // Nor closed as Complete (which would bring it back on the log).
    const again = await stack.api('POST', '/api/committees/lscsb/actions/lscsb-action-2/close', {
      ...body,
      status: 'Complete',
    });
    expect(again.status).toBe(409);
    expect((again.json as { error: string }).error).toContain('already removed');
    expect((await action(2)).status).toBe('Removed');
  });

  it('numbers new actions per committee, never giving two the same number', async () => {
    const make = (text: string) =>
      stack.api('POST', '/api/committees/lscsb/actions', {
        text,
        responsiblePersonIds: ['r-basra'],
        fromMeetingId: 'lscsb-2023-09-29',
        fromAgendaItem: 9,
        createdBy: 'e-walters',
      });
    const [a, b] = await Promise.all([make('Circulate the Teen Health presentation.'), make('Report on VRN funding.')]);
    expect([a.status, b.status]).toEqual([201, 201]);
    const numbers = [a.json, b.json].map((x) => (x as Action).number).sort();
    expect(numbers).toEqual([7, 8]);
    expect(a.json).toMatchObject({ datesRaised: ['2023-09-29'], responsibleOfficers: ['Rik Basra'], status: 'Amber' });
    expect(
      (
        await stack.api('POST', '/api/committees/lscsb/actions', {
          text: 'x',
          responsiblePersonIds: ['ghost'],
          createdBy: 'e-walters',
        })
      ).status,
    ).toBe(400);
    expect(
      (
        await stack.api('POST', '/api/committees/lscsb/actions', {
          text: 'x',
          responsiblePersonIds: ['r-basra'],
          createdBy: 'm-wyatt',
        })
      ).status,
    ).toBe(403);
  });
});

describe('importing an earlier action log', () => {
  const path = '/api/committees/lscsb/actions/import';
  const header = 'No.,Date,Action,Responsible Officer,Comments,Status';

  it('imports every row with its comments as the start of its history, and its officers linked by name', async () => {
    const csv = [
      header,
      '101,9.12.22 17.3.23,"Report back on the Prevent duty, with figures",Rik Basra/Gary Bee,"Update given; figures due in March",Amber',
      '102,30.6.23,Circulate the CSP plan,Anita Chavda,,Green',
    ].join('\r\n');
    const res = await stack.api('POST', path, { csv });
    expect(res).toMatchObject({ status: 201, json: { imported: 2 } });
    const log = (await stack.api('GET', '/api/committees/lscsb/actions')).json as {
      actions: {
        number: number;
        datesRaised: string[];
        responsiblePersonIds: string[];
        history: { comment?: string }[];
      }[];
    };
    const a = log.actions.find((x) => x.number === 101);
    expect(a?.datesRaised).toEqual(['2022-12-09', '2023-03-17']);
    expect(a?.history[0]?.comment).toBe('Update given; figures due in March');
    expect(log.actions.find((x) => x.number === 102)?.responsiblePersonIds).toEqual(['a-chavda']);
    // The same rows again clash with what is now on the log: nothing more is imported.
    const again = await stack.api('POST', path, { csv });
    expect(again.status).toBe(409);
    expect((again.json as { error: string }).error).toContain('101, 102');
  });

  it('refuses the whole log when a row is wrong, saying which, and imports nothing', async () => {
    const before = ((await stack.api('GET', '/api/committees/lscsb/actions')).json as { actions: unknown[] }).actions
      .length;
    const csv = [
      header,
      '201,1.1.24,Fine,Anita Chavda,,Green',
      '202,31.2.24,Bad date,Anita Chavda,,Green',
      '203,1.1.24,Bad status,Anita Chavda,,Purple',
    ].join('\n');
    const res = await stack.api('POST', path, { csv });
    expect(res.status).toBe(400);
    expect((res.json as { problems: { path: string; message: string }[] }).problems).toEqual([
      { path: 'row 3', message: expect.stringContaining('"31.2.24" is not a date') },
      { path: 'row 4', message: expect.stringContaining('"Purple" is not Red, Amber, Green or Complete') },
    ]);
    const missing = await stack.api('POST', path, { csv: 'Number,When\n1,2' });
    expect(missing.status).toBe(400);
    expect((missing.json as { error: string }).error).toContain('Responsible Officer');
    const after = ((await stack.api('GET', '/api/committees/lscsb/actions')).json as { actions: unknown[] }).actions
      .length;
    expect(after).toBe(before);
  });
});

describe("the clerk's new-action card", () => {
  it('offers a substitute who sat in a seat at the meeting as the one responsible, beside officers and members', async () => {
    await stack.services.store.responses.append({
      id: 'hewitt-sat-in',
      kind: 'attendance',
      committeeId: 'lscsb',
      meetingId: 'lscsb-2023-09-29',
      personId: 'j-hewitt',
      recordedBy: 'e-walters',
      recordedAt: '2023-09-29T09:00:00.000Z',
      withdrawn: false,
      status: 'substitute',
      seatId: 'public-health',
      remote: false,
    });
    const card = JSON.stringify((await say(DEMO.clerk, 'new action'))[0]?.attachments?.[0]?.content);
    expect(card).toContain('"value":"j-hewitt"');
    expect(card).toContain('"value":"a-chavda"');
    expect(card).toContain('"value":"l-phillimore"');
  });

  it('adds an action arising from an agenda item of the last meeting, once, with the next number', async () => {
    const replies = await say(DEMO.clerk, 'new action');
    const card = replies[0]?.attachments?.[0]?.content;
    const text = visibleText(replies[0]!);
    expect(text).toContain('New action for the LSCSB log');
    expect(text).toContain('Arising from the meeting of Friday 29 September 2023.');
    const create = buttonsOf(card).find((b) => b.verb === 'action.create')!;
    const inputs = {
      fromMinute: '9',
      text: 'Teen Health – circulate the service leaflet to Board members.',
      responsible: 'r-basra,a-chavda',
    };
    const res = await pressButton(stack, DEMO.clerk, 'action.create', { ...create.data, ...inputs });
    const shown = cardText(res.card);
    expect(shown).toMatch(/Added to the log as action \d+\./);
    const number = Number(/action (\d+)\./.exec(shown)?.[1]);
    expect(await action(number)).toMatchObject({
      datesRaised: ['2023-09-29'],
      fromMeetingId: 'lscsb-2023-09-29',
      fromAgendaItem: 9,
      responsibleOfficers: ['Rik Basra', 'Anita Chavda'],
      status: 'Amber',
    });
    const again = await pressButton(stack, DEMO.clerk, 'action.create', { ...create.data, ...inputs });
    expect(cardText(again.card)).toContain(`Action ${number} was already added.`);
    expect(
      (await stack.services.store.actions.forCommittee('lscsb')).filter((a) => a.text.startsWith('Teen Health')),
    ).toHaveLength(1);
  });

  it('refuses members, unknown people and empty text, adding nothing', async () => {
    expect(visibleText((await say(DEMO.member, 'new action'))[0]!)).toContain('Only the clerk can add actions');
    const card = (await say(DEMO.clerk, 'new action'))[0]?.attachments?.[0]?.content;
    const create = buttonsOf(card).find((b) => b.verb === 'action.create')!;
    const count = (await stack.services.store.actions.forCommittee('lscsb')).length;
    const bad = [
      [{ fromMinute: '9', text: '  ', responsible: 'r-basra' }, 'Say what is to be done. Nothing has been added.'],
      [
        { fromMinute: '9', text: 'x', responsible: '' },
        'Choose at least one responsible officer. Nothing has been added.',
      ],
      [
        { fromMinute: '9', text: 'x', responsible: 'ghost' },
        '"ghost" is not on the Leicestershire Safer Communities Strategy Board. Nothing has been added.',
      ],
      [{ fromMinute: '99', text: 'x', responsible: 'r-basra' }, 'The agenda has no item 99. Nothing has been added.'],
    ] as const;
    for (const [inputs, message] of bad)
      expect((await pressButton(stack, DEMO.clerk, 'action.create', { ...create.data, ...inputs })).message).toBe(
        message,
      );
    expect(
      (
        await pressButton(stack, DEMO.member, 'action.create', {
          ...create.data,
          fromMinute: '9',
          text: 'x',
          responsible: 'r-basra',
        })
      ).message,
    ).toBe('Only a clerk of the committee can add actions. Nothing has been added.');
    expect((await stack.services.store.actions.forCommittee('lscsb')).length).toBe(count);
  });
});

describe('chasers', () => {
  it('sends each officer with open actions not updated since the last meeting exactly one card, and the clerk a summary', async () => {
    const fresh = await startTestStack({ now: () => clock });
    try {
      // Officers who have talked to Quorum can be reached 1:1.
      for (const who of [BEE, HEWITT, DEMO.clerk]) {
        const activity = teamsMessage(fresh, who, 'help');
        await fresh.send(activity);
      }
      const runTimer = () => TIMERS.find((t) => t.name === 'chasers')!.run(fresh.services);

      clock = new Date('2026-11-23T07:00:00Z'); // not a chaser day for 4 December
      await runTimer();
      expect(await fresh.services.store.outbox.forMeeting('lscsb', 'lscsb-2026-12-04')).toEqual([]);

      clock = new Date('2026-12-01T07:00:00Z'); // three working days before 4 December: round 2
      const before = fresh.connector.sent.length;
      await runTimer();
      await runTimer();
      const sent = fresh.connector.sent.slice(before);
      const to = (who: { aadObjectId: string }) =>
        sent.filter((s) => s.conversationId === `a:personal-${who.aadObjectId}`);
      expect(to(BEE)).toHaveLength(1);
      expect(to(HEWITT)).toHaveLength(1);
      expect(visibleText(to(BEE)[0]!.activity)).toContain('Reminder: action log updates for the LSCSB');
      expect(visibleText(to(BEE)[0]!.activity)).toContain('**1. Training on Modern Slavery');
      expect(buttonsOf(to(BEE)[0]!.activity.attachments?.[0]?.content).map((b) => b.verb)).toEqual(['action.mine']);

      const markers = await fresh.services.store.outbox.forMeeting('lscsb', 'lscsb-2026-12-04');
      const chased = markers.filter((m) => m.kind === 'chaser');
      expect(chased.map((m) => m.personId).sort()).toEqual([
        'a-chavda',
        'b-bearne',
        'e-walters',
        'g-bee',
        'g-samra-rai',
        'i-stubbs',
        'j-hewitt',
        'j-richardson',
        'r-basra',
      ]);
      expect(
        chased
          .filter((m) => m.delivery === 'sent')
          .map((m) => m.personId)
          .sort(),
      ).toEqual(['e-walters', 'g-bee', 'j-hewitt']);
      // The clerk hears who has not updated; as an officer with action 4 he is chased too.
      const clerkMessages = to(DEMO.clerk).map((s) => visibleText(s.activity));
      expect(clerkMessages).toHaveLength(2);
      const summary = clerkMessages.find((t) => t.includes('not yet updated'))!;
      expect(summary).toContain('Gary Bee: action 1 (chased)');
      expect(summary).toContain('John Richardson: action 3 (could not be reached in Teams)');
    } finally {
      clock = TEST_TODAY;
      await fresh.close();
    }
  });

  it('does not chase an officer who has updated since the last meeting', async () => {
    // Jo Hewitt updated action 5 in this stack; a forced round 1 leaves her out.
    const res = await stack.api('POST', '/api/committees/lscsb/chasers', { round: 1 });
    const officers = (res.json as { chased: { personId: string }[] }).chased.map((c) => c.personId);
    expect(officers).not.toContain('j-hewitt');
    expect(officers).toContain('j-richardson');
    expect((await stack.api('POST', '/api/committees/lscsb/chasers', { round: 3 })).status).toBe(400);
  });
});
