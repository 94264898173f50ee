import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { visibleText } from '../support/connector';
import { june2023, june2023Responses } from '../fixtures/papers';
import {
  buttonsOf,
  DEMO,
  pressButton,
  startTestStack,
  teamsMessage,
  TEST_TODAY,
  type TestStack,
} from '../support/stack';

/**
 * The 30 June 2023 meeting of the board (seed 001), replayed end to end as it would happen in Teams:
 * apologies typed in chat, the roll call in the meeting, the CPS declaration by card, the meeting
 * closed by the Chairman, every minute written on the card from the paper's own words, the previous
 * minutes recorded, and the minutes confirmed at the next meeting. The minutes Quorum prints are held
 * to the paper, line for line (the one honorific difference allowed: the Chairman's printed name is
 * "Mrs D. Taylor CC" where the paper once writes "Mrs.").
 */
// The paper as the seeds hold it (../shared/seeds/001_…), copied into the tests so a fresh clone has it.
const PAPER = readFileSync(join(__dirname, '..', 'fixtures', 'seeds', '001_574722d7efc6496d.txt'), 'utf8');
const J = 'lscsb-2023-06-30';
const CHAT = { id: '19:meeting_june2023@thread.v2', conversationType: 'groupChat', tenantId: 'tenant-1' };

const person = (aad: string, name: string) => ({ aadObjectId: `a1b2c3d4-0000-4000-8000-0000000000${aad}`, name });
const WYATT = DEMO.member;
const WISE = person('09', 'Cllr C. Wise');
const BANNISTER = person('10', 'Mr. N. Bannister CC');
const STARBUCK = person('12', 'Chief Supt Johnny Starbuck');
const MAVJI = person('14', 'Joshna Mavji');
const BASRA = person('21', 'Rik Basra');

let clock = TEST_TODAY;
let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack({ now: () => clock });
});
afterAll(async () => {
  await stack?.close();
});

async function say(from: { aadObjectId: string; name: string }, text: string, conversation?: typeof CHAT) {
  const activity = teamsMessage(stack, from, text, conversation ? { conversation } : {});
  expect((await stack.send(activity)).status).toBe(200);
  return stack.connector.repliesTo(activity.id);
}

/** The paper's minutes, from the heading to CHAIRMAN. */
const paperMinutes = PAPER.slice(
  PAPER.indexOf('Minutes of a meeting of the Leicestershire'),
  PAPER.indexOf('CHAIRMAN') + 'CHAIRMAN'.length,
);

/** One item's minute in the paper, as the clerk would type it on the card. */
interface Typed {
  number: number;
  considered: string[];
  points: string[];
  heading: 'RESOLVED' | 'none';
  resolutions: string[];
  chairAfter: boolean;
}

function paperItems(): Typed[] {
  const body = paperMinutes.slice(paperMinutes.indexOf('\n1. Introductions'), paperMinutes.indexOf('\n10.00 - 11.35'));
  const blocks = body
    .split(/\n(?=\d+\. [A-Z])/)
    .map((b) => b.trim())
    .filter((b) => /^\d+\. /.test(b));
  return blocks.map((block) => {
    const [title, ...rest] = block.split('\n');
    const number = Number(/^(\d+)\./.exec(title!)![1]);
    const typed: Typed = { number, considered: [], points: [], heading: 'none', resolutions: [], chairAfter: false };
    let mode: 'considered' | 'points' | 'resolutions' = 'considered';
    for (const raw of rest.map((l) => l.trim()).filter(Boolean)) {
      if (raw === 'RESOLVED:') {
        typed.heading = 'RESOLVED';
        mode = 'resolutions';
      } else if (/^Arising from .* noted:$/.test(raw)) mode = 'points';
      else if (/ in the Chair$/.test(raw)) typed.chairAfter = true;
      else if (raw.startsWith('- (') && mode === 'points') typed.points.push(raw.replace(/^- \([ivx]+\) /, ''));
      else if (raw.startsWith('- (') && mode === 'resolutions')
        typed.resolutions.push(raw.replace(/^- \([a-z]\) /, ''));
      else if (mode === 'points' && typed.points.length)
        // A point carried over a page break in the paper.
        typed.points[typed.points.length - 1] += ` ${raw}`;
      else if (mode === 'resolutions') typed.resolutions.push(raw);
      else typed.considered.push(raw);
    }
    return typed;
  });
}

/** A text as a run of words, so the paper's page breaks and our Markdown marks do not matter. */
const words = (text: string) =>
  text
    .replace(/\*\*/g, '')
    .replace(/^- /gm, '')
    .replace(/\bMrs\. D\. Taylor/g, 'Mrs D. Taylor')
    .split(/\s+/)
    .filter(Boolean);

describe('the 30 June 2023 meeting, replayed through Teams', () => {
  it('prints minutes that match the paper on every line', async () => {
    // The clerk books the meeting with the paper's agenda; the municipal year starts at minute 1.
    const booked = await stack.api('PUT', `/api/committees/lscsb/meetings/${J}`, {
      startsAt: june2023.startsAt,
      venue: { kind: 'teams', name: 'Microsoft Teams' },
      firstMinuteNumber: 1,
      agenda: june2023.agenda,
      teams: { chatId: CHAT.id },
    });
    expect(booked.status).toBeLessThan(300);

    // The week before: apologies typed in chat, in the order the paper prints them.
    clock = new Date('2023-06-26T09:00:00Z');
    const apologise = async (who: { aadObjectId: string; name: string }, text: string) => {
      const replies = await say(who, text);
      const card = replies[0]?.attachments?.[0]?.content;
      const confirm = buttonsOf(card).find((b) => b.verb === 'apology.confirm');
      expect(confirm, visibleText(replies[0]!)).toBeDefined();
      const done = await pressButton(stack, who, 'apology.confirm', confirm!.data);
      expect(JSON.stringify(done.card ?? done.message)).toContain('recorded');
      clock = new Date(clock.getTime() + 3600_000);
    };
    await apologise(WYATT, 'Please send my apologies for Friday');
    await apologise(WISE, "Sorry, I can't make Friday's board meeting");
    await apologise(STARBUCK, 'Apologies for Friday, Inspector Duncan Southall will attend for me');
    await apologise(MAVJI, 'please send my apologies for Friday, Jo Hewitt will attend in my place');
    await apologise(BASRA, 'Please pass on my apologies for the board on Friday');

    // The meeting: the clerk calls the roll at 10.00; the Chairman marks who is there.
    clock = new Date('2023-06-30T09:00:00Z');
    const call = await say(DEMO.clerk, 'roll call', CHAT);
    expect(visibleText(call[0]!)).toContain('Roll call');
    const there = june2023Responses
      .filter((r) => r.kind === 'attendance')
      .map((r) => r.personId)
      .filter((id) => id !== 'd-taylor');
    const mark = (personId: string) =>
      fetch(`${stack.url}/api/meetings/${J}/roll/marks`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-quorum-as': DEMO.chair.aadObjectId },
        body: JSON.stringify({ personId, status: 'present', submissionId: randomUUID() }),
      });
    // The Chairman herself presses "I'm here".
    const here = await fetch(`${stack.url}/api/meetings/${J}/roll/here`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-quorum-as': DEMO.chair.aadObjectId },
      body: JSON.stringify({ submissionId: randomUUID() }),
    });
    expect(here.status).toBe(200);
    for (const id of there) expect((await mark(id)).status, id).toBe(200);

    // Mr Bannister declares his CPS employment for the whole agenda, on the card.
    clock = new Date('2023-06-30T09:10:00Z');
    const form = (await say(BANNISTER, 'declare'))[0]?.attachments?.[0]?.content;
    const submit = buttonsOf(form).find((b) => b.verb === 'declaration.submit')!;
    const declared = await pressButton(stack, BANNISTER, 'declaration.submit', {
      ...submit.data,
      items: 'all',
      category: 'other-registrable',
      nature:
        'he was employed by the Crown Prosecution Service (CPS) but was not acting as a representative of the CPS at this meeting and any opinions he gave or statements he made were separate to those of the CPS',
      participation: '',
    });
    expect(JSON.stringify(declared.card)).toContain('The minutes will say');

    // The Chairman closes the meeting at 11.35.
    clock = new Date('2023-06-30T10:35:00Z');
    await say(DEMO.chair, 'close the meeting', CHAT);
    const told = stack.connector.sent.filter((x) => x.conversationId === CHAT.id).map((x) => visibleText(x.activity));
    expect(told.join('\n')).toContain('The meeting closed at 11.35');

    // The following week the clerk writes each minute on the card, in the paper's words; what Quorum
    // writes itself (the stock sentences, the declarations, the action log resolution) is left to it.
    clock = new Date('2023-07-03T09:00:00Z');
    const generatedFirst: Record<number, number> = { 6: 1 };
    for (const t of paperItems()) {
      const item = june2023.agenda.find((i) => i.number === t.number)!;
      if (item.standing === 'introductions' || item.standing === 'declarations') continue;
      const save: Record<string, unknown> = {
        meetingId: J,
        itemNumber: t.number,
        considered: t.considered.slice(generatedFirst[t.number] ?? 0).join('\n\n'),
        points: t.points.join('\n'),
        heading: t.heading,
        resolutions: t.resolutions.join('\n'),
        chairTakesOver: t.chairAfter ? 'true' : 'false',
      };
      if (item.standing === 'action-log') Object.assign(save, { heading: 'none', resolutions: '' });
      if (item.standing === 'minutes')
        Object.assign(save, { considered: '', previousMinutes: 'confirmed', heldOn: '2023-03-17' });
      const saved = await pressButton(stack, DEMO.clerk, 'minutes.save', save);
      expect(JSON.stringify(saved.card ?? saved.message), `item ${t.number}`).toContain('Saved.');
    }
    const draft = await stack.api('POST', `/api/meetings/${J}/record/drafts`, { by: 'e-walters' });
    expect(draft.json).toMatchObject({ missing: [] });
    // Confirmed at the next meeting, as the papers were.
    const version = (draft.json as { version: number }).version;
    const confirmed = await stack.api('POST', `/api/meetings/${J}/record/confirm`, {
      version,
      atMeetingId: 'lscsb-2023-09-29',
      by: 'e-walters',
    });
    expect(confirmed.status).toBe(200);

    const md = await (await fetch(`${stack.url}/api/meetings/${J}/record?format=md`)).text();
    const ours = md.slice(0, md.indexOf('CHAIRMAN') + 'CHAIRMAN'.length);
    // The people in the paper's order, names and bodies each in turn (the paper's extraction merges some
    // table rows, so its cells are read as two columns).
    const section = (text: string, from: string, to: string) => text.slice(text.indexOf(from), text.indexOf(to));
    const columns = (text: string) => {
      const rows = text.split('\n').filter((l) => l.startsWith('| ') && !/^\|\s*\|\s*\|$/.test(l.trim()));
      const cells = rows.map((r) => r.split('|').map((c) => c.trim()));
      return { names: words(cells.map((c) => c[1]).join(' ')), bodies: words(cells.map((c) => c[2]).join(' ')) };
    };
    expect(columns(section(ours, 'PRESENT', 'Officers'))).toEqual(
      columns(section(paperMinutes, 'PRESENT', 'Officers')),
    );
    expect(columns(section(ours, 'Officers', 'Apologies'))).toEqual(
      columns(section(paperMinutes, 'Officers', 'Apologies')),
    );
    // The paper prints apologies one line after another: the same words in the same order.
    const apologiesOurs = columns(section(ours, 'Apologies', '1. Introductions'));
    const apologiesPaper = words(section(paperMinutes, 'Apologies', '1. Introductions').replace(/^Apologies/, ''));
    expect(apologiesOurs.names.length).toBeGreaterThan(0);
    const interleaved = section(ours, 'Apologies', '1. Introductions')
      .split('\n')
      .filter((l) => l.startsWith('| ') && !/^\|\s*\|\s*\|$/.test(l.trim()) && !/^\|-/.test(l))
      .flatMap((l) =>
        l
          .split('|')
          .slice(1, 3)
          .map((c) => c.trim()),
      );
    expect(words(interleaved.join(' '))).toEqual(apologiesPaper);
    // Every minute, word for word, and the times, the date and CHAIRMAN.
    const minutesOf = (text: string) => words(text.slice(text.indexOf('1. Introductions and apologies.')));
    // (The comparison has something to compare: fifteen minutes, some two thousand words, and the names.)
    expect(minutesOf(paperMinutes).length).toBeGreaterThan(1500);
    expect(columns(section(ours, 'PRESENT', 'Officers')).names.length).toBeGreaterThan(40);
    expect(minutesOf(ours).join(' ')).toBe(minutesOf(paperMinutes).join(' '));
    expect(
      ours.startsWith(
        'Minutes of a meeting of the Leicestershire Safer Communities Strategy Board held via Microsoft Teams on Friday, 30 June 2023.',
      ),
    ).toBe(true);
  });
});
