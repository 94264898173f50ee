import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import committeeJson from '../../examples/lscsb-committee.json';
import { startTestStack, type TestStack } from '../support/stack';

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(async () => {
  await stack?.close();
});

const smallCommittee = {
  name: 'Safer Rutland Partnership',
  shortName: 'SRP',
  regime: 'partnership-terms-of-reference',
  notice: { clearDays: 5, excludeWeekends: true, excludeBankHolidays: true, holidayRegion: 'GB-ENG' },
  quorum: { minVotingMembers: 2, minAgencies: 2 },
  people: [
    { id: 'c-wise', name: 'Cllr C. Wise', organisation: 'Rutland County Council', elected: true },
    { id: 'clerk', name: 'A. Clerk', organisation: 'Rutland County Council' },
  ],
  seats: [
    {
      id: 'rcc',
      represents: 'Rutland County Council',
      agency: 'Rutland County Council',
      holder: 'c-wise',
      voting: { general: true, communitySafetyAgreement: true },
      substitutes: { kind: 'elected-member-same-authority', text: 'another elected member from that Authority' },
    },
  ],
  clerks: ['clerk'],
};

const meeting = (startsAt: string) => ({
  startsAt,
  venue: { kind: 'in-person', name: 'Council Chamber, Oakham' },
  agenda: [{ number: 1, title: 'Apologies', standing: 'apologies' }],
});

describe('HTTP API: committees', () => {
  it('lists the demo committee', async () => {
    const res = await stack.api('GET', '/api/committees');
    expect(res.status).toBe(200);
    expect(res.json).toEqual([
      { id: 'lscsb', name: 'Leicestershire Safer Communities Strategy Board', shortName: 'LSCSB', roles: [] },
    ]);
  });

  it('creates a committee with PUT (201), replaces it (200) and returns it with GET', async () => {
    const created = await stack.api('PUT', '/api/committees/srp', smallCommittee);
    expect(created.status).toBe(201);
    const again = await stack.api('PUT', '/api/committees/srp', { ...smallCommittee, shortName: 'SRP2' });
    expect(again.status).toBe(200);
    const got = await stack.api('GET', '/api/committees/srp');
    expect(got.json).toMatchObject({
      id: 'srp',
      shortName: 'SRP2',
      officers: [],
      interestCategories: 'localism-act-2011',
    });
  });

  it('round-trips the whole demo committee unchanged', async () => {
    const got = await stack.api('GET', '/api/committees/lscsb');
    expect(got.json).toEqual(committeeJson);
  });

  it('refuses bad JSON, listing the problem, and writes nothing', async () => {
    const res = await stack.api('PUT', '/api/committees/broken', '{"name": ');
    expect(res.status).toBe(400);
    expect(res.json).toMatchObject({ error: 'The request body is not valid JSON.' });
    expect((await stack.api('GET', '/api/committees/broken')).status).toBe(404);
  });

  it('lists every schema problem by field path and writes nothing', async () => {
    const bad = { ...smallCommittee, quorum: { minVotingMembers: 'six' }, clerks: ['ghost'] };
    const res = await stack.api('PUT', '/api/committees/bad-one', bad);
    expect(res.status).toBe(400);
    const body = res.json as { error: string; problems: { path: string; message: string }[] };
    expect(body.error).toBe('The request was not valid; nothing was saved.');
    expect(body.problems).toEqual(
      expect.arrayContaining([
        { path: 'quorum.minVotingMembers', message: 'Expected number, received string' },
        { path: 'quorum.minAgencies', message: 'Required' },
      ]),
    );
    expect((await stack.api('GET', '/api/committees/bad-one')).status).toBe(404);
  });

  it('refuses a body whose id disagrees with the address', async () => {
    const res = await stack.api('PUT', '/api/committees/srp', { ...smallCommittee, id: 'other' });
    expect(res.status).toBe(400);
    expect(res.json).toMatchObject({ problems: [{ path: 'id', message: 'must be "srp" (from the URL) or left out' }] });
  });

  it('answers 404 for an unknown committee, 400 for an invalid id and 405 for a wrong method', async () => {
    expect((await stack.api('GET', '/api/committees/nope')).status).toBe(404);
    expect((await stack.api('GET', '/api/committees/no%20pe')).status).toBe(400);
    expect((await stack.api('DELETE', '/api/committees/lscsb')).status).toBe(405);
    expect((await stack.api('GET', '/api/nowhere')).status).toBe(404);
  });
});

describe('HTTP API: meetings', () => {
  it('lists the demo meetings soonest first', async () => {
    const res = await stack.api('GET', '/api/committees/lscsb/meetings');
    const ids = (res.json as { id: string }[]).map((m) => m.id);
    expect(ids).toEqual([
      'lscsb-2023-09-29',
      'lscsb-2026-12-04',
      'lscsb-2027-03-05',
      'lscsb-2027-06-04',
      'lscsb-2027-09-03',
    ]);
  });

  it('creates meetings with their agenda and lists them by instant across a clock change', async () => {
    await stack.api('PUT', '/api/committees/srp', smallCommittee);
    expect(
      (await stack.api('PUT', '/api/committees/srp/meetings/srp-b', meeting('2027-10-31T01:00:00+00:00'))).status,
    ).toBe(201);
    expect(
      (await stack.api('PUT', '/api/committees/srp/meetings/srp-a', meeting('2027-10-31T01:30:00+01:00'))).status,
    ).toBe(201);
    const list = await stack.api('GET', '/api/committees/srp/meetings');
    expect((list.json as { id: string }[]).map((m) => m.id)).toEqual(['srp-a', 'srp-b']);
    const one = await stack.api('GET', '/api/committees/srp/meetings/srp-a');
    expect(one.json).toMatchObject({
      id: 'srp-a',
      committeeId: 'srp',
      status: 'scheduled',
      agenda: [{ number: 1, title: 'Apologies' }],
    });
  });

  it('keeps meeting ids unique across committees', async () => {
    const res = await stack.api(
      'PUT',
      '/api/committees/srp/meetings/lscsb-2026-12-04',
      meeting('2026-12-04T10:00:00+00:00'),
    );
    expect(res.status).toBe(409);
    const lscsb = await stack.api('GET', '/api/committees/lscsb/meetings/lscsb-2026-12-04');
    expect(lscsb.json).toMatchObject({ committeeId: 'lscsb' });
  });

  it('refuses a meeting for an unknown committee and an invalid meeting, saving nothing', async () => {
    expect((await stack.api('PUT', '/api/committees/nope/meetings/m1', meeting('2026-12-04T10:00:00Z'))).status).toBe(
      404,
    );
    const bad = await stack.api('PUT', '/api/committees/srp/meetings/srp-c', {
      ...meeting('tomorrow'),
      agenda: [{ number: 2, title: '' }],
    });
    expect(bad.status).toBe(400);
    const paths = (bad.json as { problems: { path: string }[] }).problems.map((p) => p.path);
    expect(paths).toEqual(expect.arrayContaining(['startsAt', 'agenda.0.title']));
    expect((await stack.api('GET', '/api/committees/srp/meetings/srp-c')).status).toBe(404);
  });
});

describe('the workspace’s files, served by the same app', () => {
  it('serves the tab at / for Teams to frame, and nothing outside its folder', async () => {
    const home = await fetch(`${stack.url}/`);
    expect(home.status).toBe(200);
    expect(home.headers.get('content-type')).toContain('text/html');
    expect(home.headers.get('content-security-policy')).toContain('https://teams.microsoft.com');
    expect(await home.text()).toContain('/assets/main.js');
    // An address inside the app (a screen) is the app; a missing file, a climb out, a broken escape are 404.
    expect((await fetch(`${stack.url}/c/lscsb/agenda`)).status).toBe(200);
    expect((await fetch(`${stack.url}/assets/nothing.js`)).status).toBe(404);
    expect((await fetch(`${stack.url}/assets/%2e%2e/%2e%2e/package.json`)).status).toBe(404);
    expect((await fetch(`${stack.url}/%E0%A4%A`)).status).toBe(404);
    // Other methods at an address nobody serves are 404, not 405.
    expect((await fetch(`${stack.url}/nowhere`, { method: 'POST' })).status).toBe(404);
  });
});
