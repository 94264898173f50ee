import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MeetingRecord } from '../../bot/domain/record';
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

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(async () => {
  await stack?.close();
});

const SEPT = 'lscsb-2023-09-29';
const cardText = (card: unknown) =>
  visibleText({ type: 'message', attachments: [{ contentType: 'x', content: card as Record<string, unknown> }] });

async function say(from: { aadObjectId: string; name: string }, text: string) {
  const activity = teamsMessage(stack, from, text);
  expect((await stack.send(activity)).status).toBe(200);
  return stack.connector.repliesTo(activity.id);
}

const record = async (query = '') =>
  (await stack.api('GET', `/api/meetings/${SEPT}/record${query}`)).json as MeetingRecord;

describe('writing the minutes through cards', () => {
  it('shows the clerk what is written for the meeting just held, and lets them write an item', async () => {
    const replies = await say(DEMO.clerk, 'minutes');
    const overview = replies[0]!.attachments![0]!.content;
    const text = visibleText(replies[0]!);
    expect(text).toContain('Minutes of the LSCSB, Friday 29 September 2023');
    expect(text).toContain('Still to write: 2, 3, 6, 7, 8, 9, 10, 11, 12, 13.');
    const write6 = buttonsOf(overview).find((b) => b.verb === 'minutes.edit' && b.data.itemNumber === 6)!;
    const edit = await pressButton(stack, DEMO.clerk, 'minutes.edit', write6.data);
    expect(cardText(edit.card)).toContain(
      'Item 6. Rutland Council membership of the Leicestershire Safer Communities Strategy Board.',
    );

    const save = buttonsOf(edit.card).find((b) => b.verb === 'minutes.save')!;
    const saved = await pressButton(stack, DEMO.clerk, 'minutes.save', {
      ...save.data,
      considered:
        "The Board considered a report of the Community Safety Coordinator.\nA copy of the report, marked 'Agenda Item 6', is filed with these minutes.\n\nRutland County Council had asked to join the Board.",
      points: 'The proposal would help with County Lines work.\nRutland would keep its own partnership.',
      heading: 'RESOLVED',
      resolutions:
        'That Rutland County Council membership of the Board be approved\nThat the Terms of Reference as set out in Appendix 1 be approved',
    });
    expect(cardText(saved.card)).toContain('Saved.');
    const r = await record();
    const m6 = r.minutes.find((m) => m.itemNumber === 6)!;
    expect(m6.number).toBe(21);
    expect(m6.paragraphs).toEqual([
      "The Board considered a report of the Community Safety Coordinator. A copy of the report, marked 'Agenda Item 6', is filed with these minutes.",
      'Rutland County Council had asked to join the Board.',
    ]);
    expect(m6.points).toEqual([
      'The proposal would help with County Lines work.',
      'Rutland would keep its own partnership.',
    ]);
    expect(m6.outcome?.resolutions).toHaveLength(2);
    expect(r.missing).not.toContain(6);
  });

  it('refuses RESOLVED with no resolution, or with words that are not a decision, saving nothing', async () => {
    const data = { meetingId: SEPT, itemNumber: 8, considered: 'The Board considered the update.', points: '' };
    const before = JSON.stringify((await stack.api('GET', `/api/meetings/${SEPT}/minutes`)).json);
    const empty = await pressButton(stack, DEMO.clerk, 'minutes.save', {
      ...data,
      heading: 'RESOLVED',
      resolutions: '',
    });
    expect(empty.message).toBe(
      'RESOLVED needs at least one resolution, such as “That the report be noted.” Nothing has been saved.',
    );
    const thanks = await pressButton(stack, DEMO.clerk, 'minutes.save', {
      ...data,
      heading: 'RESOLVED',
      resolutions: 'The Board thanked Rik Basra for his report',
    });
    expect(thanks.message).toContain('Under RESOLVED each resolution is a decision beginning “That …”');
    expect(thanks.message).toContain('“The Board thanked Rik Basra for his report” is not.');
    // Through the API (the workspace) too.
    const api = await fetch(`${stack.url}/api/meetings/${SEPT}/minutes/8`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', 'x-quorum-as': DEMO.clerk.aadObjectId },
      body: JSON.stringify({
        paragraphs: ['x'],
        outcome: { heading: 'AGREED', resolutions: ['The Board thanked him'] },
      }),
    });
    expect(api.status).toBe(422);
    expect(((await api.json()) as { error: string }).error).toContain('Under AGREED each resolution is a decision');
    expect(JSON.stringify((await stack.api('GET', `/api/meetings/${SEPT}/minutes`)).json)).toBe(before);
    // NOTED records what was noted, in any words.
    const noted = await pressButton(stack, DEMO.clerk, 'minutes.save', {
      ...data,
      heading: 'NOTED',
      resolutions: 'The significant progress being made by the Reducing Reoffending Board',
    });
    expect(cardText(noted.card)).toContain('Saved.');
  });

  it('puts the Chairman in the chair after a minute from the card, and keeps what the card does not show', async () => {
    // The lead-in chosen in the workspace…
    expect(
      (
        await stack.api('PUT', `/api/meetings/${SEPT}/minutes/9`, {
          paragraphs: ['The Board considered the update.'],
          pointsIntro: 'Arising from the update the following points were noted:',
          points: ['One.'],
          by: 'e-walters',
        })
      ).status,
    ).toBe(200);
    const data = { meetingId: SEPT, itemNumber: 9, considered: 'The Board considered the update.', points: 'One.' };
    // …survives a save from the card, which also puts the Chairman in the chair after the minute.
    await pressButton(stack, DEMO.clerk, 'minutes.save', { ...data, heading: 'none', chairTakesOver: 'true' });
    let m9 = (await record('?live=true')).minutes.find((m) => m.itemNumber === 9)!;
    expect(m9.pointsIntro).toBe('Arising from the update the following points were noted:');
    expect(m9.chairLineAfter).toBe('Mrs D. Taylor CC in the Chair');
    // A card sent before the toggle existed leaves it as it was; turned off, the line goes back under the heading.
    await pressButton(stack, DEMO.clerk, 'minutes.save', { ...data, heading: 'none' });
    m9 = (await record('?live=true')).minutes.find((m) => m.itemNumber === 9)!;
    expect(m9.chairLineAfter).toBe('Mrs D. Taylor CC in the Chair');
    await pressButton(stack, DEMO.clerk, 'minutes.save', { ...data, heading: 'none', chairTakesOver: 'false' });
    const r = await record('?live=true');
    expect(r.minutes.find((m) => m.itemNumber === 9)?.chairLineAfter).toBeUndefined();
    expect(r.chairLine).toBe('Mrs D. Taylor CC in the Chair');
    // The card for an item that is not exempt does not ask for a public summary.
    const edit = await pressButton(stack, DEMO.clerk, 'minutes.edit', { meetingId: SEPT, itemNumber: 9 });
    expect(JSON.stringify(edit.card)).not.toContain('Public summary');
    expect(
      (await pressButton(stack, DEMO.clerk, 'minutes.save', { ...data, publicSummary: 'x'.repeat(2001) })).message,
    ).toBe('The public summary is too long (2,000 characters at most). Nothing has been saved.');
  });

  it('refuses members, over-long text and malformed cards, saving nothing', async () => {
    expect(visibleText((await say(DEMO.member, 'minutes'))[0]!)).toContain('Only the clerk writes the minutes');
    const data = { meetingId: SEPT, itemNumber: 7 };
    expect((await pressButton(stack, DEMO.member, 'minutes.save', { ...data, considered: 'x' })).message).toBe(
      'Only the clerk can write the minutes.',
    );
    expect(
      (await pressButton(stack, DEMO.clerk, 'minutes.save', { ...data, considered: 'x'.repeat(20001) })).message,
    ).toBe('That is too long for one minute (20,000 characters at most). Nothing has been saved.');
    expect((await pressButton(stack, DEMO.clerk, 'minutes.save', { nonsense: 1 })).message).toContain(
      "couldn't read that card",
    );
    expect((await record()).missing).toContain(7);
  });

  it('makes a draft with links to Word, the web page and the public version; an unchanged draft makes no new version', async () => {
    const overview = (await say(DEMO.clerk, 'minutes'))[0]!.attachments![0]!.content;
    const draft = buttonsOf(overview).find((b) => b.verb === 'minutes.draft')!;
    const first = await pressButton(stack, DEMO.clerk, 'minutes.draft', draft.data);
    const text = cardText(first.card);
    expect(text).toContain('Draft 1 of the minutes of the LSCSB, 29 September 2023');
    expect(text).toContain('cannot be confirmed until they are written');
    const links = JSON.stringify(first.card);
    expect(links).toContain(`/api/meetings/${SEPT}/record?version=1&format=docx`);
    expect(links).toContain('&view=public');
    const again = await pressButton(stack, DEMO.clerk, 'minutes.draft', draft.data);
    expect(cardText(again.card)).toContain('Nothing has changed since this draft.');
    expect(cardText(again.card)).toContain('Draft 1');
  });
});

describe('the record API', () => {
  it('serves the minutes as JSON, Markdown, HTML and Word, full and public', async () => {
    const md = await fetch(`${stack.url}/api/meetings/${SEPT}/record?format=md`);
    expect(md.headers.get('content-type')).toContain('text/markdown');
    expect(md.headers.get('x-quorum-record')).toBe('draft; version 1');
    const mdText = await md.text();
    expect(mdText).toContain(
      'Minutes of a meeting of the Leicestershire Safer Communities Strategy Board held via Microsoft Teams on Friday, 29 September 2023.',
    );
    expect(mdText).toContain('**16. Introductions**');
    expect(mdText).toContain('- (a) That Rutland County Council membership of the Board be approved;');

    const html = await fetch(`${stack.url}/api/meetings/${SEPT}/record?format=html&view=public`);
    expect(html.headers.get('content-type')).toContain('text/html');
    expect(await html.text()).toContain(
      '<h3>21. Rutland Council membership of the Leicestershire Safer Communities Strategy Board.</h3>',
    );

    const docx = await fetch(`${stack.url}/api/meetings/${SEPT}/record?format=docx`);
    expect(docx.headers.get('content-disposition')).toContain(`${SEPT}-minutes.docx`);
    const bytes = Buffer.from(await docx.arrayBuffer());
    const dir = mkdtempSync(join(tmpdir(), 'quorum-record-'));
    writeFileSync(join(dir, 'm.docx'), bytes);
    const xml = execFileSync('unzip', ['-p', join(dir, 'm.docx'), 'word/document.xml']).toString();
    expect(xml.replace(/<[^>]+>/g, '')).toContain(
      'Rutland Council membership of the Leicestershire Safer Communities Strategy Board.',
    );

    expect((await stack.api('GET', `/api/meetings/${SEPT}/record?format=pdf`)).status).toBe(400);
    expect((await stack.api('GET', `/api/meetings/${SEPT}/record?version=9`)).status).toBe(404);
    expect((await stack.api('GET', '/api/meetings/nope/record')).status).toBe(404);
  });

  it('refuses minute text from a non-clerk, for an item not on the agenda, or for a meeting not yet held', async () => {
    const body = { paragraphs: ['x'], by: 'e-walters' };
    expect((await stack.api('PUT', `/api/meetings/${SEPT}/minutes/7`, { ...body, by: 'm-wyatt' })).status).toBe(403);
    expect((await stack.api('PUT', `/api/meetings/${SEPT}/minutes/99`, body)).status).toBe(400);
    expect((await stack.api('PUT', '/api/meetings/lscsb-2026-12-04/minutes/1', body)).status).toBe(422);
    expect(
      (await stack.api('PUT', `/api/meetings/${SEPT}/minutes/7`, { ...body, paragraphs: 'not a list' })).status,
    ).toBe(400);
  });

  it('records what the meeting did with the previous minutes, never assuming, and refuses what does not fit', async () => {
    const put = (meetingId: string, body: unknown) =>
      stack.api('PUT', `/api/meetings/${meetingId}/previous-minutes`, body);
    const item2 = async () => (await record('?live=true')).minutes.find((m) => m.itemNumber === 2)?.paragraphs;
    expect(await item2()).toEqual(['[Minute to be written by the clerk.]']);
    expect((await put(SEPT, { outcome: 'noted', by: 'e-walters' })).json).toMatchObject({
      error: expect.stringContaining('say when the previous meeting was held'),
    });
    expect((await put(SEPT, { outcome: 'maybe', heldOn: '2023-06-30', by: 'e-walters' })).status).toBe(400);
    expect((await put(SEPT, { outcome: 'noted', amendment: 'x', heldOn: '2023-06-30', by: 'e-walters' })).status).toBe(
      400,
    );
    expect((await put(SEPT, { outcome: 'noted', heldOn: '2023-06-30', by: 'm-wyatt' })).status).toBe(403);
    expect((await put('lscsb-2026-12-04', { outcome: 'deferred', by: 'e-walters' })).status).toBe(422);
    expect(await item2()).toEqual(['[Minute to be written by the clerk.]']);
    const saved = await put(SEPT, { outcome: 'confirmed', heldOn: '2023-06-30', by: 'e-walters' });
    expect(saved.status).toBe(200);
    expect(await item2()).toEqual([
      'The minutes of the meeting held on 30 June 2023 were taken as read and confirmed as a correct record.',
    ]);
  });

  it('will not confirm unfinished minutes; confirms finished ones at the next meeting, then freezes them', async () => {
    expect(
      (
        await stack.api('POST', `/api/meetings/${SEPT}/record/confirm`, {
          version: 1,
          atMeetingId: 'lscsb-2026-12-04',
          by: 'e-walters',
        })
      ).status,
    ).toBe(422);
    for (const item of (await record()).missing)
      expect(
        (
          await stack.api('PUT', `/api/meetings/${SEPT}/minutes/${item}`, {
            paragraphs: [`Minute for item ${item}.`],
            by: 'e-walters',
          })
        ).status,
      ).toBe(200);
    const draft = await stack.api('POST', `/api/meetings/${SEPT}/record/drafts`, { by: 'e-walters' });
    expect(draft.status).toBe(201);
    expect(draft.json).toMatchObject({ version: 2, status: 'draft', missing: [] });

    expect(
      (
        await stack.api('POST', `/api/meetings/${SEPT}/record/confirm`, {
          version: 1,
          atMeetingId: 'lscsb-2026-12-04',
          by: 'e-walters',
        })
      ).status,
    ).toBe(409);
    expect(
      (
        await stack.api('POST', `/api/meetings/${SEPT}/record/confirm`, {
          version: 2,
          atMeetingId: SEPT,
          by: 'e-walters',
        })
      ).status,
    ).toBe(422);
    expect(
      (
        await stack.api('POST', `/api/meetings/${SEPT}/record/confirm`, {
          version: 2,
          atMeetingId: 'lscsb-2026-12-04',
          by: 'm-wyatt',
        })
      ).status,
    ).toBe(403);
    const confirmed = await stack.api('POST', `/api/meetings/${SEPT}/record/confirm`, {
      version: 2,
      atMeetingId: 'lscsb-2026-12-04',
      amendment: 'Jo Hewitt be recorded as attending on behalf of Public Health',
      by: 'e-walters',
    });
    expect(confirmed.status).toBe(200);
    expect(confirmed.json).toMatchObject({ status: 'confirmed', confirmedAtMeeting: 'lscsb-2026-12-04' });

    expect(
      (await stack.api('PUT', `/api/meetings/${SEPT}/minutes/7`, { paragraphs: ['Changed.'], by: 'e-walters' })).status,
    ).toBe(409);
    expect((await stack.api('POST', `/api/meetings/${SEPT}/record/drafts`, { by: 'e-walters' })).status).toBe(409);
    const frozen = await fetch(`${stack.url}/api/meetings/${SEPT}/record?format=md`);
    expect(frozen.headers.get('x-quorum-record')).toBe('confirmed; version 2');
  });

  it('carries on the minute numbers, and prints the amendment, in the next meeting’s minutes', async () => {
    const next = (await stack.api('GET', '/api/meetings/lscsb-2026-12-04/record')).json as MeetingRecord;
    expect(next.minutes[0]?.number).toBe(30);
    expect(next.minutes.find((m) => m.title.startsWith('Minutes of previous'))?.paragraphs[0]).toBe(
      'The minutes of the meeting held on 29 September 2023 were taken as read and confirmed as a correct record, subject to an amendment that Jo Hewitt be recorded as attending on behalf of Public Health.',
    );
  });
});

describe('the previous minutes, confirmed from the meeting that confirms them', () => {
  it('confirms and freezes Quorum’s latest draft, and prints the confirmation in this meeting’s minutes', async () => {
    // The demo's meetings are placed from "today"; then the clock moves to after the next one.
    let clock = TEST_TODAY;
    const later = await startTestStack({ now: () => clock });
    clock = new Date('2026-12-04T12:00:00Z');
    try {
      const put = (body: unknown) => later.api('PUT', `/api/meetings/lscsb-2026-12-04/previous-minutes`, body);
      // No draft of the 29 September 2023 minutes yet: nothing to confirm.
      expect((await put({ outcome: 'confirmed', by: 'e-walters' })).json).toMatchObject({
        error: expect.stringContaining('no draft of the previous minutes'),
      });
      expect((await put({ outcome: 'confirmed', heldOn: '2023-09-29', by: 'e-walters' })).status).toBe(422);
      const old = (await later.api('GET', `/api/meetings/${SEPT}/record?live=true`)).json as MeetingRecord;
      for (const item of old.missing)
        await later.api('PUT', `/api/meetings/${SEPT}/minutes/${item}`, { paragraphs: ['Written.'], by: 'e-walters' });
      await later.api('POST', `/api/meetings/${SEPT}/record/drafts`, { by: 'e-walters' });
      const done = await put({ outcome: 'confirmed', amendment: 'Item 6 be corrected', by: 'e-walters' });
      expect(done.status).toBe(200);
      const versions = (await later.api('GET', `/api/meetings/${SEPT}/record/versions`)).json as {
        status: string;
        confirmedAtMeeting?: string;
      }[];
      expect(versions.at(-1)).toMatchObject({ status: 'confirmed', confirmedAtMeeting: 'lscsb-2026-12-04' });
      const next = (await later.api('GET', '/api/meetings/lscsb-2026-12-04/record?live=true')).json as MeetingRecord;
      expect(next.minutes.find((m) => m.title.startsWith('Minutes of previous'))?.paragraphs[0]).toBe(
        'The minutes of the meeting held on 29 September 2023 were taken as read and confirmed as a correct record, subject to an amendment that Item 6 be corrected.',
      );
      // Frozen: it cannot now be recorded as deferred.
      expect((await put({ outcome: 'deferred', by: 'e-walters' })).status).toBe(409);
    } finally {
      await later.close();
    }
  });

  it('records from the minute card in Teams what the meeting did with the previous minutes', async () => {
    let clock = TEST_TODAY;
    const later = await startTestStack({ now: () => clock });
    clock = new Date('2026-12-04T12:00:00Z');
    try {
      const NEXT = 'lscsb-2026-12-04';
      const item = (
        (await later.api('GET', `/api/meetings/${NEXT}/minutes`)).json as {
          agenda: { number: number; standing: string | null }[];
        }
      ).agenda.find((i) => i.standing === 'minutes')!.number;
      const edit = await pressButton(later, DEMO.clerk, 'minutes.edit', { meetingId: NEXT, itemNumber: item });
      expect(JSON.stringify(edit.card)).toContain('At this meeting the minutes of 29 September 2023 were');
      const save = { meetingId: NEXT, itemNumber: item, considered: '', points: '', heading: 'none' };
      // Confirming needs Quorum's draft of them: refused, nothing saved.
      const refused = await pressButton(later, DEMO.clerk, 'minutes.save', { ...save, previousMinutes: 'confirmed' });
      expect(refused.message).toContain('no draft of the previous minutes');
      const deferred = await pressButton(later, DEMO.clerk, 'minutes.save', { ...save, previousMinutes: 'deferred' });
      expect(cardText(deferred.card)).toContain('Saved.');
      const record = (await later.api('GET', `/api/meetings/${NEXT}/record?live=true`)).json as MeetingRecord;
      expect(record.minutes.find((m) => m.itemNumber === item)?.paragraphs).toEqual([
        'Consideration of the minutes of the meeting held on 29 September 2023 was deferred to the next meeting.',
      ]);
    } finally {
      await later.close();
    }
  });
});
