import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CirculationRow } from '../../bot/features/circulation';
import { sendToPerson } from '../../bot/features/notify';
import { TIMERS } from '../../functions/timers';
import { visibleText } from '../support/connector';
import { forumCommittee } from '../support/committees';
import { GraphStandIn } from '../support/graph';
import {
  buttonsOf,
  DEMO,
  pressButton,
  startTestStack,
  teamsMessage,
  TEST_TODAY,
  type TestStack,
} from '../support/stack';

// The outbox schedules retries on the clock, so this clock runs (from the tests' fixed today).
const started = Date.now();
let offsetMs = 0;
const clock = () => new Date(TEST_TODAY.getTime() + (Date.now() - started) + offsetMs);

const RATE = 20;
const ATTEMPTS = 4;
let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack({
    now: clock,
    env: { QUORUM_SEND_RATE: String(RATE), QUORUM_SEND_ATTEMPTS: String(ATTEMPTS) },
  });
});
afterAll(async () => {
  await stack?.services.bot.sender.settled();
  await stack?.close();
});

const cardText = (card: unknown) =>
  visibleText({ type: 'message', attachments: [{ contentType: 'x', content: card as Record<string, unknown> }] });
const agendaCardsTo = (conversationId: string, heading = 'Agenda') =>
  stack.connector.sent.filter(
    (s) =>
      s.conversationId === conversationId &&
      s.activity.attachments?.some((a) => JSON.stringify(a.content).includes(`"text":"${heading}"`)),
  );
const personal = (aad: string) => `a:personal-${aad}`;
const say = async (from: { aadObjectId: string; name: string }, text: string, extra: Record<string, unknown> = {}) => {
  const activity = teamsMessage(stack, from, text, extra);
  expect((await stack.send(activity)).status).toBe(200);
  return stack.connector.repliesTo(activity.id);
};
const report = async (meetingId: string) =>
  (await stack.api('GET', `/api/meetings/${meetingId}/circulation`)).json as {
    totals: { delivered: number; opened: number; failed: number; pending: number };
    rows: CirculationRow[];
  };

/** A committee of n voting members from nine agencies, with a clerk, and a meeting three weeks away. */
async function forum(id: string, n: number) {
  const { committee, people, clerk } = forumCommittee(id, n, {
    // Each forum's people have their own Entra ids (the id's letters in hex).
    aadPrefix: Buffer.from(id).toString('hex').padEnd(8, '0').slice(0, 8),
    quorum: { minVotingMembers: 5, minAgencies: 3 },
  });
  expect((await stack.api('PUT', `/api/committees/${id}`, committee)).status).toBe(201);
  const meeting = await stack.api('PUT', `/api/committees/${id}/meetings/${id}-1`, {
    startsAt: '2026-12-15T10:00:00+00:00',
    venue: { kind: 'teams', name: 'Microsoft Teams' },
  });
  expect(meeting.status).toBe(201);
  return { people, clerk };
}

describe('circulating to 40 members through a Connector that throttles and fails', () => {
  it('sends each member exactly one card at no more than the configured rate, and reports the one that failed', async () => {
    const { people } = await forum('lf', 40);
    // Each member has used Quorum before, so their 1:1 chat is known.
    await Promise.all(people.map((p) => say({ aadObjectId: p.aadObjectId, name: p.name }, 'help')));
    const chat = (i: number) => personal(people[i]!.aadObjectId);
    stack.connector.failNext(chat(3), [429, 429], '1');
    stack.connector.failNext(chat(7), [503]);
    stack.connector.failNext(chat(9), [429]);
    stack.connector.failAlways(chat(11), 500);
    const before = stack.connector.attempts.length;

    const published = await stack.api('POST', '/api/meetings/lf-1/agenda/publish', { by: 'lf-clerk' });
    expect(published.status).toBe(200);
    expect(published.json).toMatchObject({ queued: 40, notice: { late: false } });
    await stack.services.bot.sender.settled();

    for (const [i] of people.entries()) expect(agendaCardsTo(chat(i))).toHaveLength(i === 11 ? 0 : 1);
    const attempts = stack.connector.attempts.slice(before);
    // 40 firsts, two 429s and a 503 and a 429 retried, and the failing member tried ATTEMPTS times in all.
    expect(attempts).toHaveLength(40 + 2 + 1 + 1 + (ATTEMPTS - 1));
    expect(attempts.filter((a) => a.conversationId === chat(11))).toHaveLength(ATTEMPTS);
    // The limiter spaces sends 1000/RATE ms apart: no second ever holds more than RATE (one at each edge).
    const times = attempts.map((a) => a.at).sort((a, b) => a - b);
    const busiest = Math.max(...times.map((t) => times.filter((u) => u >= t && u < t + 1000).length));
    expect(busiest).toBeLessThanOrEqual(RATE + 1);
    expect(busiest).toBeGreaterThan(RATE / 2);

    const r = await report('lf-1');
    expect(r.totals).toEqual({ delivered: 39, opened: 0, failed: 1, pending: 0 });
    const failed = r.rows.find((row) => row.status === 'failed');
    expect(failed).toMatchObject({ personId: 'lf-m11', name: 'Cllr. Member 11', attempts: ATTEMPTS });
    expect(failed?.reason).toMatch(/^Gave up after 4 attempts: HTTP 500/);
    expect(r.rows.find((row) => row.personId === 'lf-m3')).toMatchObject({ status: 'delivered', attempts: 3 });

    // Publishing again sends nothing more: a supplementary agenda is the way to add to it.
    const again = await stack.api('POST', '/api/meetings/lf-1/agenda/publish', { by: 'lf-clerk' });
    expect(again.status).toBe(409);
    await stack.services.bot.sender.settled();
    expect(stack.connector.attempts.length).toBe(before + attempts.length);
  }, 30_000);

  it('gives up at once on a refusal that retrying cannot fix, with the reason', async () => {
    const { people } = await forum('gone', 3);
    await Promise.all(people.map((p) => say({ aadObjectId: p.aadObjectId, name: p.name }, 'help')));
    stack.connector.failAlways(personal(people[1]!.aadObjectId), 403);
    expect((await stack.api('POST', '/api/meetings/gone-1/agenda/publish', { by: 'gone-clerk' })).status).toBe(200);
    await stack.services.bot.sender.settled();
    const r = await report('gone-1');
    expect(r.totals).toMatchObject({ delivered: 2, failed: 1 });
    expect(r.rows.find((x) => x.status === 'failed')).toMatchObject({ attempts: 1 });
    expect(r.rows.find((x) => x.status === 'failed')?.reason).toContain('HTTP 403');

    // They unblock Quorum; the clerk presses "send again": only they are sent to, once.
    stack.connector.failNext(personal(people[1]!.aadObjectId), []);
    const sentBefore = stack.connector.sent.length;
    const retry = await stack.api('POST', '/api/meetings/gone-1/circulation/retry', {});
    expect(retry).toMatchObject({ status: 200, json: { queued: 1 } });
    await stack.services.bot.sender.settled();
    expect((await report('gone-1')).totals).toMatchObject({ delivered: 3, failed: 0 });
    expect(stack.connector.sent.length).toBe(sentBefore + 1);
    // Nothing is left to send again.
    expect((await stack.api('POST', '/api/meetings/gone-1/circulation/retry', {})).json).toEqual({ queued: 0 });
  });
});

describe('the statutory notice', () => {
  it('refuses a late agenda without a reason, and records the reason when one is given', async () => {
    // Tuesday 24 November for Friday 27 November: 2 clear working days, not 5.
    const { clerk } = await forum('late', 2);
    expect(
      (
        await stack.api('PUT', '/api/committees/late/meetings/late-2', {
          startsAt: '2026-11-27T10:00:00+00:00',
          venue: { kind: 'teams', name: 'Microsoft Teams' },
        })
      ).status,
    ).toBe(201);
    // A new meeting's agenda is drafted from the standing items.
    const drafted = (await stack.api('GET', '/api/meetings/late-2/agenda')).json as { agenda: { title: string }[] };
    expect(drafted.agenda.map((i) => i.title)).toEqual([
      'Introductions',
      'Minutes of previous meeting.',
      'Matters arising',
      'LATE Action Log.',
      'Declarations of interest',
      'Other business',
      'Date of the next meeting',
    ]);
    // The clerk's card warns, and will not publish without the reason.
    const [reply] = await say(clerk, 'agenda');
    const card = reply!.attachments![0]!.content;
    expect(cardText(card)).toContain('Publishing now needs the reason it is late, which is recorded.');
    const publish = buttonsOf(card).find((b) => b.verb === 'agenda.publish')!;
    expect(publish.title).toBe('Publish late agenda');
    const noReason = await pressButton(stack, clerk, 'agenda.publish', { ...publish.data, reason: '' });
    expect(cardText(noReason.card)).toMatch(/give the reason it is late \(it is recorded\)\. Nothing was sent\./);

    const refused = await stack.api('POST', '/api/meetings/late-2/agenda/publish', { by: 'late-clerk' });
    expect(refused.status).toBe(422);
    expect((refused.json as { error: string }).error).toMatch(/5 clear working days.*give the reason it is late/s);
    expect((await stack.api('GET', '/api/meetings/late-2/circulation')).json).toMatchObject({ publication: null });

    const urgent = 'The Home Office guidance must be responded to by 4 December.';
    const ok = await stack.api('POST', '/api/meetings/late-2/agenda/publish', {
      by: 'late-clerk',
      urgentReason: urgent,
    });
    expect(ok.status).toBe(200);
    expect(ok.json).toMatchObject({ notice: { late: true, clearDays: 2 } });
    const agenda = (await stack.api('GET', '/api/meetings/late-2/agenda')).json as { publication: unknown };
    expect(agenda.publication).toMatchObject({ urgentReason: urgent, clearDays: 2, by: 'late-clerk' });
  });

  it('lets the clerk edit the agenda through the API: add, set details, clear, move and remove', async () => {
    await forum('api', 2);
    const path = '/api/meetings/api-1/agenda/items';
    const titles = async () =>
      ((await stack.api('GET', '/api/meetings/api-1/agenda')).json as { agenda: { title: string }[] }).agenda.map(
        (i) => i.title,
      );
    const report = {
      title: 'Budget monitoring.',
      kind: 'written',
      papers: { links: [{ title: 'Report', url: 'https://example.gov.uk/budget.pdf' }] },
    };
    // Pages are the agenda pack's, never typed (agendaPack.test.ts).
    const typed = { ...report, papers: { pages: '5 - 9', links: [] } };
    expect((await stack.api('POST', path, { by: 'api-clerk', item: typed })).status).toBe(400);
    expect((await stack.api('POST', path, { by: 'api-clerk', item: report })).status).toBe(200);
    expect(
      (await stack.api('POST', path, { by: 'api-clerk', item: { title: 'Hate crime.', kind: 'oral' }, position: 1 }))
        .status,
    ).toBe(200);
    expect((await titles()).slice(4, 8)).toEqual([
      'Declarations of interest',
      'Hate crime.',
      'Budget monitoring.',
      'Other business',
    ]);

    // Items are addressed by their own ids, which never move: "hate-crime" is Hate crime wherever it goes.
    const idOf = async (title: string) =>
      (
        (await stack.api('GET', '/api/meetings/api-1/agenda')).json as { agenda: { id: string; title: string }[] }
      ).agenda.find((i) => i.title === title)?.id;
    const hate = await idOf('Hate crime.');
    expect(hate).toBe('hate-crime');
    const budget = await idOf('Budget monitoring.');
    const patched = await stack.api('PATCH', `${path}/${budget}`, {
      by: 'api-clerk',
      set: { presenter: 'Chris Tambini, Director of Corporate Resources', exempt: { paragraph: 3 } },
    });
    expect(patched.status).toBe(200);
    expect((patched.json as { agenda: unknown[] }).agenda[6]).toMatchObject({
      presenter: 'Chris Tambini, Director of Corporate Resources',
      exempt: { paragraph: 3 },
    });
    const cleared = await stack.api('PATCH', `${path}/${budget}`, { by: 'api-clerk', clear: ['exempt'] });
    expect((cleared.json as { agenda: Record<string, unknown>[] }).agenda[6]).not.toHaveProperty('exempt');
    const minutes = await idOf('Minutes of previous meeting.');
    expect(
      (await stack.api('PATCH', `${path}/${minutes}`, { by: 'api-clerk', set: { standing: 'minutes' } })).status,
    ).toBe(400);

    expect((await stack.api('POST', `${path}/${budget}/move`, { by: 'api-clerk', to: 6 })).status).toBe(200);
    expect((await titles()).slice(5, 7)).toEqual(['Budget monitoring.', 'Hate crime.']);
    const standing = await stack.api('POST', `${path}/${minutes}/move`, { by: 'api-clerk', to: 6 });
    expect(standing.status).toBe(422);
    expect((standing.json as { error: string }).error).toContain('keeps its place');

    expect((await stack.api('DELETE', `${path}/${hate}?by=api-m0`)).status).toBe(403);
    expect((await stack.api('DELETE', `${path}/${hate}`)).status).toBe(400);
    expect((await stack.api('DELETE', `${path}/no-such-item?by=api-clerk`)).status).toBe(404);
    // Positions are not addresses: "7" and "0x7" name no item, and " 7" is no id at all.
    for (const bad of ['7', '0x7']) expect((await stack.api('DELETE', `${path}/${bad}?by=api-clerk`)).status).toBe(404);
    expect((await stack.api('DELETE', `${path}/%207?by=api-clerk`)).status).toBe(400);
    expect((await stack.api('DELETE', `${path}/${hate}?by=api-clerk`)).status).toBe(200);
    expect(await titles()).not.toContain('Hate crime.');
    // Deleting it again removes nothing else: the item is gone, so it is not found.
    const before = await titles();
    expect((await stack.api('DELETE', `${path}/${hate}?by=api-clerk`)).status).toBe(404);
    expect(await titles()).toEqual(before);
    expect(
      (await stack.api('POST', path, { by: 'api-clerk', item: { title: 'x'.repeat(301), kind: 'oral' } })).status,
    ).toBe(400);
  });

  it('only lets the clerk publish, and never for a meeting that has been held', async () => {
    await forum('who', 2);
    expect((await stack.api('POST', '/api/meetings/who-1/agenda/publish', { by: 'who-m0' })).status).toBe(403);
    expect((await stack.api('POST', '/api/meetings/nope/agenda/publish', { by: 'who-clerk' })).status).toBe(404);
    const bad = await stack.api('POST', '/api/meetings/who-1/agenda/publish', { by: 'who-clerk', at: 'tomorrow' });
    expect(bad.status).toBe(400);
  });
});

describe('the LSCSB agenda, built and circulated in Teams', () => {
  const NEXT = 'lscsb-2026-12-04';
  const CHANNEL = {
    id: '19:lscsb-general@thread.tacv2',
    conversationType: 'channel',
    tenantId: 'tenant-1',
    name: 'LSCSB',
  };
  let admin: Record<string, unknown>;

  it('gives the clerk the agenda to edit, with the notice it would give', async () => {
    const [reply] = await say(DEMO.clerk, 'agenda');
    admin = reply!.attachments![0]!.content;
    const text = cardText(admin);
    expect(text).toContain('Agenda: LSCSB, Friday 4 December 2026, 10.00am');
    expect(text).toContain('The last day to publish with full notice is Thursday 26 November 2026.');
    expect(text).toContain('1. Introductions');
    expect(text).toContain('Date of the next meeting');
  });

  it('tells a member the agenda is not out yet, and a stranger nothing', async () => {
    expect(visibleText((await say(DEMO.member, 'agenda'))[0]!)).toContain('has not been published yet');
    expect(visibleText((await say(DEMO.stranger, 'agenda'))[0]!)).not.toContain('LSCSB');
  });

  it('adds, edits, moves and removes items from the card; standing items keep their places', async () => {
    const add = buttonsOf(admin).find((b) => b.verb === 'agenda.add')!;
    const added = await pressButton(stack, DEMO.clerk, 'agenda.add', {
      ...add.data,
      title: 'Prevent: Exempt case review.',
      presenter: 'Det. Supt. R. Clarke',
      // A card posted before pages came from the pack still sends them: they are not used.
      pages: '31-42',
      kind: 'written',
      exempt: '7',
      link: 'https://example.gov.uk/papers/prevent.pdf',
      reason: '',
    });
    const text = cardText(added.card);
    expect(text).toMatch(/Added as item \d+\./);
    expect(text).toContain('Prevent: Exempt case review.** Written report. Det. Supt. R. Clarke Exempt (paragraph 7');
    const agenda = (await stack.api('GET', `/api/meetings/${NEXT}/agenda`)).json as {
      agenda: { id: string; number: number; title: string; standing?: string; papers?: unknown; exempt?: unknown }[];
    };
    const item = agenda.agenda.find((i) => i.title === 'Prevent: Exempt case review.')!;
    expect(item.papers).not.toHaveProperty('pages');
    expect(item).toMatchObject({
      papers: { links: [{ url: 'https://example.gov.uk/papers/prevent.pdf' }] },
      exempt: { paragraph: 7 },
    });
    expect(agenda.agenda.at(-1)?.standing).toBe('next-meeting');

    // Up: the item moves above the one before it; the opening standing items stay where they are.
    const up = buttonsOf(added.card).find(
      (b) => b.verb === 'agenda.move' && b.data.title === item.title && b.title === 'Up',
    )!;
    const moved = await pressButton(stack, DEMO.clerk, 'agenda.move', up.data);
    expect(cardText(moved.card)).toContain(`${item.number - 1}. Prevent: Exempt case review.`);
    // The same button pressed again names the same item by its id, so it moves nothing else.
    const again = await pressButton(stack, DEMO.clerk, 'agenda.move', up.data);
    expect(cardText(again.card)).toContain(`${item.number - 1}. Prevent: Exempt case review.`);

    // A standing item cannot be moved, whatever the card says.
    const minutes = agenda.agenda.find((i) => i.standing === 'minutes')!;
    const refused = await pressButton(stack, DEMO.clerk, 'agenda.move', {
      meetingId: NEXT,
      itemId: minutes.id,
      to: 9,
      title: minutes.title,
    });
    expect(cardText(refused.card)).toContain('is a standing item and keeps its place');

    // Edit fills the form; save keeps what the form does not show.
    const fresh = (await stack.api('GET', `/api/meetings/${NEXT}/agenda`)).json as typeof agenda;
    const target = fresh.agenda.find((i) => i.title === 'Prevent: Exempt case review.')!;
    const edit = await pressButton(stack, DEMO.clerk, 'agenda.edit', {
      meetingId: NEXT,
      itemId: target.id,
      title: target.title,
    });
    const save = buttonsOf(edit.card).find((b) => b.verb === 'agenda.save')!;
    expect(save.title).toBe(`Save item ${target.number}`);
    const saved = await pressButton(stack, DEMO.clerk, 'agenda.save', {
      ...save.data,
      title: 'Prevent: Exempt case review.',
      presenter: 'Det. Supt. R. Clarke, Leicestershire Police',
      pages: '31 - 44',
      kind: 'written',
      exempt: '7',
      link: '',
    });
    expect(cardText(saved.card)).toContain(`Item ${target.number} saved.`);
    expect(cardText(saved.card)).toContain('Written report. Det. Supt. R. Clarke, Leicestershire Police');

    // A bad form comes back with what was typed, and nothing changes.
    const before = JSON.stringify((await stack.api('GET', `/api/meetings/${NEXT}/agenda`)).json);
    const bad = await pressButton(stack, DEMO.clerk, 'agenda.add', {
      meetingId: NEXT,
      title: 'Budget.',
      link: 'not a link',
      kind: 'written',
      exempt: 'none',
    });
    expect(cardText(bad.card)).toContain('The link to the papers must be an https:// web address. Nothing was saved.');
    expect(JSON.stringify(bad.card)).toContain('"value":"Budget."');
    const long = await pressButton(stack, DEMO.clerk, 'agenda.add', { meetingId: NEXT, title: 'x'.repeat(301) });
    expect(cardText(long.card)).toContain('A title can be at most 300 characters.');
    expect(JSON.stringify((await stack.api('GET', `/api/meetings/${NEXT}/agenda`)).json)).toBe(before);

    // Add then remove a throwaway item.
    const temp = await pressButton(stack, DEMO.clerk, 'agenda.add', {
      meetingId: NEXT,
      title: 'Temporary.',
      kind: 'oral',
      exempt: 'none',
    });
    const remove = buttonsOf(temp.card).find((b) => b.verb === 'agenda.remove' && b.data.title === 'Temporary.')!;
    expect(cardText((await pressButton(stack, DEMO.clerk, 'agenda.remove', remove.data)).card)).toContain(
      'Removed "Temporary."',
    );
    expect(JSON.stringify((await stack.api('GET', `/api/meetings/${NEXT}/agenda`)).json)).toBe(before);
    // Pressed again (a retry, or an old card), it removes nothing: the item it names is gone.
    expect(cardText((await pressButton(stack, DEMO.clerk, 'agenda.remove', remove.data)).card)).toContain(
      'nothing was removed',
    );
    expect(JSON.stringify((await stack.api('GET', `/api/meetings/${NEXT}/agenda`)).json)).toBe(before);
  });

  it('lets only the clerk change the agenda from a card', async () => {
    const res = await pressButton(stack, DEMO.member, 'agenda.add', { meetingId: NEXT, title: 'Mine.' });
    expect(res.message).toBe('Only the clerk can change the agenda.');
    expect((await pressButton(stack, DEMO.clerk, 'agenda.move', { nonsense: true })).message).toContain(
      "couldn't read that card",
    );
  });

  it('sets the channel with "post agendas here" and publishes: exempt items only to those entitled', async () => {
    expect(visibleText((await say(DEMO.clerk, 'post agendas here'))[0]!)).toContain(
      "Type this in the committee's channel",
    );
    const inChannel = await say(DEMO.clerk, 'post agendas here', { conversation: CHANNEL });
    expect(visibleText(inChannel[0]!)).toBe("From now on I'll post the LSCSB agendas here.");
    expect(visibleText((await say(DEMO.member, 'post agendas here', { conversation: CHANNEL }))[0]!)).toContain(
      'Only the clerk',
    );

    // Members who have talked to Quorum have a known chat; the officer too.
    for (const who of [DEMO.member, DEMO.chair, DEMO.officer]) await say(who, 'help');
    // A form left with a title in it is not lost by publishing.
    const withTitle = await pressButton(stack, DEMO.clerk, 'agenda.publish', {
      meetingId: NEXT,
      title: 'Half-typed.',
      reason: '',
    });
    expect(cardText(withTitle.card)).toContain('"Half-typed." is in the form but not on the agenda yet.');
    const published = await pressButton(stack, DEMO.clerk, 'agenda.publish', { meetingId: NEXT, reason: '' });
    expect(cardText(published.card)).toMatch(/The agenda is on its way to \d+ recipients\./);
    expect(buttonsOf(published.card).find((b) => b.verb === 'agenda.supplement')?.title).toBe(
      'Send supplementary agenda',
    );
    await stack.services.bot.sender.settled();

    const channelCards = agendaCardsTo(CHANNEL.id);
    expect(channelCards).toHaveLength(1);
    expect(visibleText(channelCards[0]!.activity)).not.toContain('Prevent');
    const mine = agendaCardsTo(personal(DEMO.member.aadObjectId));
    expect(mine).toHaveLength(1);
    const text = visibleText(mine[0]!.activity);
    expect(text).toContain('LEICESTERSHIRE SAFER COMMUNITIES STRATEGY BOARD');
    expect(text).toContain('Prevent: Exempt case review.** (exempt)');
    expect(text).not.toContain('Det. Supt. R. Clarke');
    const card = mine[0]!.activity.attachments![0]!.content;
    expect(buttonsOf(card).map((b) => b.title)).toEqual(['Send apologies', 'Declare an interest']);
    expect(JSON.stringify(card)).toMatch(/"title":"Open papers","url":"http:\/\/[^"]+\/papers\?t=[0-9a-f-]{36}"/);

    // The channel, the three who have talked to Quorum, and the clerk (an officer of the Board). Members
    // who have never used Quorum (and no Graph here to install it for them) are reported, not lost.
    const r = await report(NEXT);
    expect(r.totals.delivered).toBe(5);
    expect(r.rows.find((x) => x.name.includes('channel'))).toMatchObject({ status: 'delivered' });
    const never = r.rows.filter((x) => x.status === 'failed');
    expect(never.length).toBeGreaterThan(5);
    expect(never[0]?.reason).toContain('never used Quorum');
  });

  it('counts a member as having opened the agenda when they press its buttons or open the papers', async () => {
    const card = agendaCardsTo(personal(DEMO.member.aadObjectId))[0]!.activity.attachments![0]!.content;
    const apologies = buttonsOf(card).find((b) => b.verb === 'agenda.apologies')!;
    const before = stack.connector.sent.length;
    const pressed = await pressButton(stack, DEMO.member, 'agenda.apologies', apologies.data);
    expect(pressed.message).toBe('Check the card below to send your apologies.');
    const sent = stack.connector.sent.slice(before).map((s) => visibleText(s.activity));
    expect(sent.join('\n')).toContain('Record apologies from Cllr. M. Wyatt');
    expect((await report(NEXT)).rows.find((x) => x.personId === 'm-wyatt')).toMatchObject({ opened: true });

    // The chair opens the papers through their own link: exempt titles shown, opened recorded.
    const chairCard = agendaCardsTo(personal(DEMO.chair.aadObjectId))[0]!.activity.attachments![0]!.content;
    const url = /"url":"([^"]+\/papers\?t=[^"]+)"/.exec(JSON.stringify(chairCard))![1]!;
    const page = await fetch(url.replace(/^http:\/\/[^/]+/, stack.url));
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('Prevent: Exempt case review. <small>(exempt: Paragraph 7 of Part 1 of Schedule 12A');
    expect((await report(NEXT)).rows.find((x) => x.name === DEMO.chair.name)).toMatchObject({ opened: true });
    // Without a person's link, the public agenda: the exempt item's number and the law, never its title,
    // so the numbering has no silent gap.
    const pub = await (await fetch(`${stack.url}/api/meetings/${NEXT}/papers`)).text();
    expect(pub).toContain('AGENDA');
    expect(pub).not.toContain('Prevent');
    const exemptNumber =
      /<tr><td>(\d+)\.<\/td><td><em>Exempt item: not for publication by virtue of Paragraph 7 of Part 1 of Schedule 12A of the Local Government Act 1972\./.exec(
        pub,
      )?.[1];
    expect(exemptNumber).toBeDefined();
    const numbers = [...pub.matchAll(/<tr><td>(\d+)\.<\/td>/g)].map((m) => Number(m[1]));
    expect(numbers).toEqual(numbers.map((_, i) => i + 1));
    expect((await fetch(`${stack.url}/api/meetings/${NEXT}/papers?t=not-a-token`)).status).toBe(200);

    // The member can ask for the agenda again; the clerk sees the report in Teams.
    expect(visibleText((await say(DEMO.member, 'agenda'))[0]!)).toContain('Prevent: Exempt case review.** (exempt)');
    const circulation = visibleText((await say(DEMO.clerk, 'circulation'))[0]!);
    expect(circulation).toContain('5 delivered, 2 opened');
    expect(circulation).toContain('Opened');
    expect(visibleText((await say(DEMO.member, 'circulation'))[0]!)).toContain('Only the clerk');
  });

  it('sends a supplementary agenda with only the late item, to everyone, with the reason', async () => {
    const refused = await stack.api('POST', `/api/meetings/${NEXT}/agenda/supplements`, {
      by: 'e-walters',
      reason: 'x',
    });
    expect(refused.status).toBe(422);
    const add = await stack.api('POST', `/api/meetings/${NEXT}/agenda/items`, {
      by: 'e-walters',
      item: {
        title: 'Serious Violence Duty: strategic needs assessment.',
        kind: 'written',
      },
    });
    expect(add.status).toBe(200);
    // A late item goes after everything: no number members already hold changes.
    const afterAdd = (add.json as { agenda: { id: string; number: number; title: string; standing?: string | null }[] })
      .agenda;
    expect(afterAdd.at(-1)?.title).toBe('Serious Violence Duty: strategic needs assessment.');
    const before = (await stack.api('GET', `/api/meetings/${NEXT}/agenda`)).json as { agenda: typeof afterAdd };
    expect(before.agenda.slice(0, -1).map((i) => i.number)).toEqual(before.agenda.slice(0, -1).map((_, k) => k + 1));
    const noReason = await pressButton(stack, DEMO.clerk, 'agenda.supplement', { meetingId: NEXT, reason: ' ' });
    expect(cardText(noReason.card)).toContain('needs the Chairman’s reason');
    const reason =
      'The assessment was signed off on 25 November and the Board must agree it before the Home Office deadline.';
    const sent = await pressButton(stack, DEMO.clerk, 'agenda.supplement', { meetingId: NEXT, reason });
    expect(cardText(sent.card)).toContain('The supplementary agenda is on its way');
    await stack.services.bot.sender.settled();
    const supplement = agendaCardsTo(personal(DEMO.member.aadObjectId), 'Supplementary agenda');
    expect(supplement).toHaveLength(1);
    const text = visibleText(supplement[0]!.activity);
    expect(text).toContain('Serious Violence Duty: strategic needs assessment.**');
    expect(text).toContain(reason);
    expect(text).not.toContain('Introductions');
    expect(agendaCardsTo(CHANNEL.id, 'Supplementary agenda')).toHaveLength(1);
    // Nothing new since: a second supplement is refused.
    const again = await stack.api('POST', `/api/meetings/${NEXT}/agenda/supplements`, { by: 'e-walters', reason });
    expect(again.status).toBe(422);
  });

  it('keeps a published agenda’s numbers: a move is refused with what it would change, and confirmed goes out as a revised agenda', async () => {
    type Agenda = { agenda: { id: string; number: number; title: string; standing?: string | null }[] };
    const before = ((await stack.api('GET', `/api/meetings/${NEXT}/agenda`)).json as Agenda).agenda;
    const movable = before.find(
      (i) => !i.standing && i.number > 1 && before[i.number - 2] && !before[i.number - 2]!.standing,
    )!;
    const path = `/api/meetings/${NEXT}/agenda/items/${movable.id}/move`;
    const refused = await stack.api('POST', path, { by: 'e-walters', to: movable.number - 1 });
    expect(refused.status).toBe(409);
    expect((refused.json as { error: string }).error).toContain(
      `The agenda has been published: this would renumber items ${movable.number - 1} (`,
    );
    expect(((await stack.api('GET', `/api/meetings/${NEXT}/agenda`)).json as Agenda).agenda).toEqual(before);
    // From the card: the refusal offers the confirmation.
    const card = await pressButton(stack, DEMO.clerk, 'agenda.move', {
      meetingId: NEXT,
      itemId: movable.id,
      title: movable.title,
      to: movable.number - 1,
    });
    expect(cardText(card.card)).toContain('The agenda has been published');
    const confirm = buttonsOf(card.card).find((b) => b.data.renumber === true);
    expect(confirm?.verb).toBe('agenda.move');
    const sentBefore = agendaCardsTo(personal(DEMO.member.aadObjectId), 'Revised agenda').length;
    const done = await pressButton(stack, DEMO.clerk, 'agenda.move', confirm!.data);
    expect(cardText(done.card)).toContain('a revised agenda is on its way to everyone');
    await stack.services.bot.sender.settled();
    const revised = agendaCardsTo(personal(DEMO.member.aadObjectId), 'Revised agenda');
    expect(revised).toHaveLength(sentBefore + 1);
    expect(visibleText(revised.at(-1)!.activity)).toContain(`${movable.number - 1}. ${movable.title}`);
    expect(visibleText(revised.at(-1)!.activity)).toContain('this revised agenda replaces it');
    // Everything is now published: nothing for a supplement.
    const nothing = await stack.api('POST', `/api/meetings/${NEXT}/agenda/supplements`, {
      by: 'e-walters',
      reason: 'x',
    });
    expect(nothing.status).toBe(422);
  });
});

describe('a scheduled circulation', () => {
  it('is published by the timer when its time comes, not before', async () => {
    const { people } = await forum('sch', 2);
    await Promise.all(people.map((p) => say({ aadObjectId: p.aadObjectId, name: p.name }, 'help')));
    const at = new Date(clock().getTime() + 3600_000).toISOString();
    const scheduled = await stack.api('POST', '/api/meetings/sch-1/agenda/publish', { by: 'sch-clerk', at });
    expect(scheduled.status).toBe(202);
    expect(scheduled.json).toMatchObject({ scheduled: at, queued: 0 });
    const timer = TIMERS.find((t) => t.name === 'circulation')!;
    await timer.run(stack.services);
    await stack.services.bot.sender.settled();
    expect(agendaCardsTo(personal(people[0]!.aadObjectId))).toHaveLength(0);
    offsetMs += 3600_000;
    await timer.run(stack.services);
    await timer.run(stack.services);
    await stack.services.bot.sender.settled();
    expect(agendaCardsTo(personal(people[0]!.aadObjectId))).toHaveLength(1);
    expect(agendaCardsTo(personal(people[1]!.aadObjectId))).toHaveLength(1);
    expect(
      ((await stack.api('GET', '/api/meetings/sch-1/agenda')).json as { publication: unknown }).publication,
    ).toMatchObject({
      by: 'sch-clerk',
    });
  });
});

describe('people who have never used Quorum', () => {
  let graph: GraphStandIn;
  let g: TestStack;
  beforeAll(async () => {
    graph = await new GraphStandIn().start();
    g = await startTestStack({
      now: clock,
      env: (connectorUrl) => ({
        ...graph.env(),
        QUORUM_TEAMS_APP_ID: 'quorum-catalog-app',
        QUORUM_TEAMS_SERVICE_URL: connectorUrl,
      }),
    });
  });
  afterAll(async () => {
    await g?.close();
    await graph?.stop();
  });

  it('installs the app for them through Graph, then sends the card to the new chat', async () => {
    const published = await g.api('POST', '/api/meetings/lscsb-2026-12-04/agenda/publish', { by: 'e-walters' });
    expect(published.status).toBe(200);
    await g.services.bot.sender.settled();
    const wyatt = DEMO.member.aadObjectId;
    expect(graph.installedFor.has(wyatt)).toBe(true);
    const chat = `19:${wyatt}_quorum@unq.gbl.spaces`;
    const cards = g.connector.sent.filter((s) => s.conversationId === chat);
    expect(cards).toHaveLength(1);
    expect(visibleText(cards[0]!.activity)).toContain('Agenda');
    const posts = graph.requests.filter(
      (r) => r.method === 'POST' && r.path === `/v1.0/users/${wyatt}/teamwork/installedApps`,
    );
    expect(JSON.parse(posts[0]!.body.toString())).toEqual({
      'teamsApp@odata.bind': 'https://graph.microsoft.com/v1.0/appCatalogs/teamsApps/quorum-catalog-app',
    });
    // The chat is remembered: a later circulation goes straight there.
    const r = (await g.api('GET', '/api/meetings/lscsb-2026-12-04/circulation')).json as { totals: { failed: number } };
    expect(r.totals.failed).toBe(0);
  });
});

describe('the agenda card for the 29 September 2023 meeting', () => {
  it('validates as an Adaptive Card under Teams’ size limit, with all 14 items', async () => {
    const { agendaCard } = await import('../../bot/features/circulation');
    const { MAX_CARD_BYTES } = await import('../../cards/render');
    const committee = (await import('../../examples/lscsb-committee.json')).default;
    const meeting = (await import('../../examples/lscsb-meeting-2023-09-29.json')).default;
    const { CommitteeSchema } = await import('../../bot/domain/committee');
    const { MeetingSchema } = await import('../../bot/domain/meeting');
    const c = CommitteeSchema.parse({ ...committee, id: 'lscsb' });
    const m = MeetingSchema.parse({ ...meeting, committeeId: 'lscsb' });
    const card = agendaCard('https://quorum.example.gov.uk', c, m, { personal: true, token: crypto.randomUUID() });
    const text = cardText(card);
    expect(m.agenda).toHaveLength(14);
    for (const i of m.agenda) expect(text).toContain(`${i.number}. ${i.title}`);
    expect(Buffer.byteLength(JSON.stringify(card))).toBeLessThan(MAX_CARD_BYTES);
  });
});

describe('one pace for every proactive message', () => {
  it('spaces 1:1 notices (chasers, substitutes) by the same limiter as agendas', async () => {
    const { people } = await forum('pace', 5);
    await Promise.all(people.map((p) => say({ aadObjectId: p.aadObjectId, name: p.name }, 'help')));
    const committee = (await stack.services.store.committees.get('pace'))!;
    const before = stack.connector.attempts.length;
    const results = await Promise.all(
      committee.people
        .filter((p) => p.id !== 'pace-clerk')
        .map((p) =>
          sendToPerson(
            {
              adapter: stack.services.bot.adapter,
              store: stack.services.store,
              botAppId: '',
              pace: stack.services.bot.pace,
            },
            'tenant-1',
            p,
            { text: 'A reminder.' },
          ),
        ),
    );
    expect(results).toEqual(['sent', 'sent', 'sent', 'sent', 'sent']);
    const times = stack.connector.attempts
      .slice(before)
      .map((a) => a.at)
      .sort((a, b) => a - b);
    const gaps = times.slice(1).map((t, i) => t - times[i]!);
    // RATE a second: 1000 / RATE ms apart, less a little for the network.
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(1000 / RATE - 15);
  });
});
