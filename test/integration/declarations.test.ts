import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MeetingRecord } from '../../bot/domain/record';
import { currentResponses, type Declaration } from '../../bot/domain/responses';
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

const member = (n: number, name: string) => ({
  aadObjectId: `a1b2c3d4-0000-4000-8000-${String(n).padStart(12, '0')}`,
  name,
});
const PHILLIMORE = member(2, 'Cllr. L. Phillimore');
const CUMBERS = member(4, 'Cllr. P. Cumbers');
const MULLANEY = member(5, 'Cllr. M. Mullaney');
const NEXT = 'lscsb-2026-12-04';

let clock = TEST_TODAY;
let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack({ now: () => clock });
});
afterAll(async () => {
  await stack?.close();
});

async function say(from: { aadObjectId: string; name: string }, text: string, conversation?: Record<string, unknown>) {
  const activity = teamsMessage(stack, from, text, conversation ? { conversation } : {});
  expect((await stack.send(activity)).status).toBe(200);
  return stack.connector.repliesTo(activity.id);
}
const cardText = (card: unknown) =>
  visibleText({ type: 'message', attachments: [{ contentType: 'x', content: card as Record<string, unknown> }] });
const firstCard = async (from: { aadObjectId: string; name: string }, text: string) =>
  (await say(from, text))[0]!.attachments![0]!.content;
const live = async () =>
  currentResponses(
    (await stack.services.store.responses.forMeeting('lscsb', NEXT)).filter(
      (r): r is Declaration => r.kind === 'declaration',
    ),
  );
const all = async () =>
  (await stack.services.store.responses.forMeeting('lscsb', NEXT)).filter((r) => r.kind === 'declaration');

async function declare(from: { aadObjectId: string; name: string }, inputs: Record<string, string>) {
  const card = await firstCard(from, 'declare');
  const submit = buttonsOf(card).find((b) => b.verb === 'declaration.submit')!;
  return { result: await pressButton(stack, from, 'declaration.submit', { ...submit.data, ...inputs }), submit };
}

describe('declaring before the meeting', () => {
  it('offers the agenda of the next meeting and records the declaration once, with the sentence the minutes will print', async () => {
    const card = await firstCard(PHILLIMORE, 'declare');
    const text = cardText(card);
    expect(text).toContain('Declare an interest: LSCSB, Friday 4 December 2026, 10.00am');
    expect(JSON.stringify(card)).toContain(
      'Complete the sentence the minutes will print: \\"Cllr. L. Phillimore declared that …\\"',
    );
    expect(JSON.stringify(card)).toContain('6. Safer Communities Performance.');
    const submit = buttonsOf(card).find((b) => b.verb === 'declaration.submit')!;
    const inputs = {
      items: '6',
      category: 'other-registrable',
      nature: "she was a member of Blaby District Council's Cabinet",
      participation: '',
    };
    const done = await pressButton(stack, PHILLIMORE, 'declaration.submit', { ...submit.data, ...inputs });
    expect(cardText(done.card)).toContain(
      'The minutes will say: "Cllr. L. Phillimore declared, in respect of item 6 (Safer Communities Performance), that she was a member of Blaby District Council\'s Cabinet."',
    );
    const again = await pressButton(stack, PHILLIMORE, 'declaration.submit', { ...submit.data, ...inputs });
    expect(cardText(again.card)).toContain('already recorded');
    expect((await all()).filter((d) => d.personId === 'l-phillimore')).toHaveLength(1);
    expect((await live())[0]).toMatchObject({ participation: 'take-part', agendaItems: [6], wholeAgenda: false });
  });

  it('records that a member with a Disclosable Pecuniary Interest will leave, and says why', async () => {
    const { result } = await declare(CUMBERS, {
      items: '6',
      category: 'disclosable-pecuniary',
      nature: 'his company held a contract with the Police',
      participation: 'take-part',
    });
    const text = cardText(result.card);
    expect(text).toContain(
      'Cllr. P. Cumbers declared a Disclosable Pecuniary Interest in item 6 (Safer Communities Performance) in that his company held a contract with the Police, and left the meeting during consideration of item 6.',
    );
    expect(text).toContain('Localism Act 2011, s.31');
    expect((await live()).find((d) => d.personId === 'p-cumbers')?.participation).toBe('leave');
  });

  it('amends a declaration, keeping the history', async () => {
    const list = await firstCard(PHILLIMORE, 'declarations');
    const amend = buttonsOf(list).find((b) => b.verb === 'declaration.form' && b.data.amends)!;
    const form = await pressButton(stack, PHILLIMORE, 'declaration.form', amend.data);
    expect(cardText(form.card)).toContain('Amend your declaration');
    expect(JSON.stringify(form.card)).toContain("she was a member of Blaby District Council's Cabinet");
    const submit = buttonsOf(form.card).find((b) => b.verb === 'declaration.submit')!;
    const done = await pressButton(stack, PHILLIMORE, 'declaration.submit', {
      ...submit.data,
      items: 'all',
      category: 'other-registrable',
      nature: 'she was a member of Blaby District Council',
    });
    expect(cardText(done.card)).toContain('Declaration amended');
    expect(cardText(done.card)).toContain(
      '"Cllr. L. Phillimore declared that she was a member of Blaby District Council."',
    );
    expect((await all()).filter((d) => d.personId === 'l-phillimore')).toHaveLength(2);
    expect((await live()).filter((d) => d.personId === 'l-phillimore')).toEqual([
      expect.objectContaining({ wholeAgenda: true }),
    ]);
  });

  it('withdraws a declaration', async () => {
    await declare(MULLANEY, {
      items: '6',
      category: 'non-registrable',
      nature: 'his son worked for the Probation Service',
    });
    const list = await firstCard(MULLANEY, 'declarations');
    const withdraw = buttonsOf(list).find((b) => b.verb === 'declaration.withdraw')!;
    expect(cardText((await pressButton(stack, MULLANEY, 'declaration.withdraw', withdraw.data)).card)).toContain(
      'Declaration withdrawn',
    );
    expect((await live()).some((d) => d.personId === 'm-mullaney')).toBe(false);
    expect((await pressButton(stack, MULLANEY, 'declaration.withdraw', withdraw.data)).card).toBeDefined();
    expect((await all()).filter((d) => d.personId === 'm-mullaney')).toHaveLength(2);
  });

  it('declines an item not on the agenda, over-long or missing text, the wrong kind, and malformed cards, recording nothing', async () => {
    const before = (await all()).length;
    const card = await firstCard(MULLANEY, 'declare');
    const submit = buttonsOf(card).find((b) => b.verb === 'declaration.submit')!;
    const cases: [Record<string, unknown>, string][] = [
      [{ items: '99', category: 'bogus', nature: 'x' }, 'Choose the kind of interest. Nothing has been recorded.'],
      [
        { items: '99', category: 'non-registrable', nature: 'x' },
        'The agenda has no item 99. Nothing has been recorded.',
      ],
      [
        { items: '6', category: 'non-registrable', nature: 'x'.repeat(1001) },
        'Please describe the interest in at most 1,000 characters. Nothing has been recorded.',
      ],
      [
        { items: '6', category: 'non-registrable', nature: '   ' },
        'Say what the interest is. Nothing has been recorded.',
      ],
      [
        { items: '6', category: 'prejudicial', nature: 'x' },
        'records interests as Disclosable Pecuniary Interest, Other Registrable Interest, Non-Registrable Interest',
      ],
      [{ surprise: true }, "couldn't read that card"],
    ];
    for (const [inputs, message] of cases) {
      const res = await pressButton(stack, MULLANEY, 'declaration.submit', { ...submit.data, ...inputs });
      expect(res.message ?? cardText(res.card)).toContain(message);
    }
    expect((await all()).length).toBe(before);
  });

  it('does not let an officer or a stranger declare', async () => {
    expect(visibleText((await say(DEMO.officer, 'declare'))[0]!)).toContain('Only members of a committee');
    const card = await firstCard(MULLANEY, 'declare');
    const submit = buttonsOf(card).find((b) => b.verb === 'declaration.submit')!;
    const forged = await pressButton(stack, DEMO.officer, 'declaration.submit', {
      ...submit.data,
      items: '6',
      category: 'non-registrable',
      nature: 'x',
    });
    expect(forged.message).toContain('Only members of the committee');
    expect(visibleText((await say(DEMO.stranger, 'declare'))[0]!)).toContain("I can't find you on any committee");
    expect((await all()).some((d) => d.personId === 'a-chavda')).toBe(false);
  });
});

describe('standing interests', () => {
  it('keeps a member’s register and offers it on the declaration card', async () => {
    const card = await firstCard(CUMBERS, 'my interests');
    const add = buttonsOf(card).find((b) => b.verb === 'register.add')!;
    const added = await pressButton(stack, CUMBERS, 'register.add', {
      ...add.data,
      nature: 'he was a member of Melton Borough Council',
      category: 'other-registrable',
    });
    expect(cardText(added.card)).toContain('he was a member of Melton Borough Council (Other Registrable Interest)');
    expect(
      (await pressButton(stack, CUMBERS, 'register.add', { ...add.data, nature: '', category: 'other-registrable' }))
        .message,
    ).toContain('Say what the interest is.');

    const declareCard = await firstCard(CUMBERS, 'declare');
    const use = buttonsOf(declareCard).find((b) => b.verb === 'declaration.form' && b.data.registerEntryId)!;
    expect(use.title).toBe('he was a member of Melton Borough Council');
    const prefilled = await pressButton(stack, CUMBERS, 'declaration.form', use.data);
    expect(JSON.stringify(prefilled.card)).toContain('"value":"he was a member of Melton Borough Council"');

    const remove = buttonsOf(added.card).find((b) => b.verb === 'register.remove')!;
    expect(cardText((await pressButton(stack, CUMBERS, 'register.remove', remove.data)).card)).not.toContain(
      'Melton Borough Council (Other',
    );
  });
});

describe('at the meeting', () => {
  it('lets the chair invite declarations, members declare live, and reminds the chair who must leave at the item', async () => {
    clock = new Date('2026-12-04T10:05:00Z');
    const meetingChat = { id: '19:meeting-lscsb', conversationType: 'groupChat', tenantId: 'tenant-1' };
    const list = (await say(DEMO.chair, 'declarations', meetingChat))[0]!;
    expect(visibleText(list)).toContain('Cllr. P. Cumbers declared a Disclosable Pecuniary Interest');
    const invite = buttonsOf(list.attachments![0]!.content).find((b) => b.verb === 'declaration.invite')!;
    const before = stack.connector.sent.length;
    const invited = await pressButton(stack, DEMO.chair, 'declaration.invite', invite.data, meetingChat);
    expect(cardText(invited.card)).toContain('The invitation has been posted.');
    const posted = stack.connector.sent.slice(before).find((s) => s.conversationId === '19:meeting-lscsb')!;
    expect(visibleText(posted.activity)).toContain(
      'The Chairman invites members who wish to do so to declare any interests',
    );
    expect(buttonsOf(posted.activity.attachments?.[0]?.content).map((b) => b.verb)).toEqual(['declaration.form']);
    expect((await pressButton(stack, DEMO.member, 'declaration.invite', invite.data, meetingChat)).message).toBe(
      'Only the Chairman (or the clerk) invites declarations.',
    );

    // A member declares live from the invitation's button.
    const form = await pressButton(
      stack,
      MULLANEY,
      'declaration.form',
      buttonsOf(posted.activity.attachments?.[0]?.content)[0]!.data,
      meetingChat,
    );
    const submit = buttonsOf(form.card).find((b) => b.verb === 'declaration.submit')!;
    await pressButton(
      stack,
      MULLANEY,
      'declaration.submit',
      { ...submit.data, items: '6', category: 'non-registrable', nature: 'his wife was a magistrate' },
      meetingChat,
    );
    expect((await live()).some((d) => d.personId === 'm-mullaney')).toBe(true);

    const at6 = visibleText((await say(DEMO.chair, 'item 6', meetingChat))[0]!);
    expect(at6).toContain('Item 6. Safer Communities Performance.');
    expect(at6).toContain(
      'Reminder: Cllr. P. Cumbers declared a Disclosable Pecuniary Interest in this item and should leave the meeting until it is finished.',
    );
    const at7 = visibleText((await say(DEMO.chair, 'next item', meetingChat))[0]!);
    expect(at7).toContain('Item 7. Other business');
    expect(at7).toContain('Cllr. P. Cumbers may now return to the meeting.');
    expect(visibleText((await say(DEMO.member, 'item 6', meetingChat))[0]!)).toContain(
      'Only the Chairman (or the clerk) moves the meeting on',
    );
    expect(visibleText((await say(DEMO.chair, 'item 42', meetingChat))[0]!)).toContain('The agenda has no item 42.');

    const record = (await stack.api('GET', `/api/meetings/${NEXT}/record`)).json as MeetingRecord;
    const minute = (n: number) => record.minutes.find((m) => m.itemNumber === n)!;
    expect(minute(6).paragraphs[0]).toBe('Cllr. P. Cumbers left the meeting for this item.');
    expect(minute(7).paragraphs[0]).toBe('Cllr. P. Cumbers returned to the meeting.');
    expect(minute(5).paragraphs).toEqual([
      'The Chairman invited members who wished to do so to declare any interests in respect of items on the agenda for the meeting.',
      'Cllr. P. Cumbers declared a Disclosable Pecuniary Interest in item 6 (Safer Communities Performance) in that his company held a contract with the Police, and left the meeting during consideration of item 6.',
      'Cllr. L. Phillimore declared that she was a member of Blaby District Council.',
      'Cllr. M. Mullaney declared, in respect of item 6 (Safer Communities Performance), that his wife was a magistrate.',
    ]);
  });

  it('refuses declarations once the meeting has ended', async () => {
    clock = new Date('2026-12-05T10:00:00Z');
    const res = await pressButton(stack, PHILLIMORE, 'declaration.form', { committeeId: 'lscsb', meetingId: NEXT });
    expect(res.message).toBe('That meeting has ended, so declarations for it can no longer be made or changed.');
    clock = TEST_TODAY;
  });
});
