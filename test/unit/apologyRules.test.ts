import { describe, expect, it } from 'vitest';
import committeeJson from '../../examples/lscsb-committee.json';
import meetingJson from '../../examples/lscsb-meeting-2023-09-29.json';
import { CommitteeSchema } from '../../bot/domain/committee';
import { MeetingSchema, type Meeting } from '../../bot/domain/meeting';
import { matchMeeting, type Candidate } from '../../bot/domain/meetingMatch';
import { peopleNamed } from '../../bot/domain/personMatch';
import { liveApologies, type Apology } from '../../bot/domain/responses';
import { personById } from '../../bot/domain/roles';
import { checkSubstitute } from '../../bot/domain/substitutes';

const committee = CommitteeSchema.parse(committeeJson);
const other = { ...committee, id: 'other', shortName: 'OTHER' };
const person = (id: string) => personById(committee, id)!;
const meeting = (id: string, startsAt: string, extra: Partial<Meeting> = {}): Meeting =>
  MeetingSchema.parse({
    id,
    committeeId: 'lscsb',
    startsAt,
    venue: { kind: 'teams', name: 'Microsoft Teams' },
    ...extra,
  });
const NOW = new Date('2026-11-24T09:00:00Z');
const past: Candidate = { committee, meeting: MeetingSchema.parse(meetingJson) };
const dec4: Candidate = { committee, meeting: meeting('dec4', '2026-12-04T10:00:00+00:00') };
const dec11: Candidate = { committee, meeting: meeting('dec11', '2026-12-11T10:00:00+00:00') };
const otherDec4: Candidate = {
  committee: other,
  meeting: meeting('o-dec4', '2026-12-04T14:00:00+00:00', { committeeId: 'other' }),
};
const cancelled: Candidate = {
  committee,
  meeting: meeting('nov27', '2026-11-27T10:00:00+00:00', { status: 'cancelled' }),
};

describe('matching the meeting a member means', () => {
  it('finds the one meeting on the day named', () => {
    expect(matchMeeting({ kind: 'day', date: '2026-12-04' }, [past, dec4, dec11], NOW)).toEqual({
      kind: 'one',
      match: dec4,
    });
  });
  it('says a past meeting is past rather than offering nothing', () => {
    expect(matchMeeting({ kind: 'day', date: '2023-09-29' }, [past, dec4], NOW)).toEqual({ kind: 'past', match: past });
  });
  it('prefers the nearer Friday for "Friday", but asks for "next Friday" when both have meetings', () => {
    const both = [dec4, dec11];
    expect(matchMeeting({ kind: 'weekday', dates: ['2026-12-04', '2026-12-11'], ambiguous: false }, both, NOW)).toEqual(
      { kind: 'one', match: dec4 },
    );
    expect(
      matchMeeting({ kind: 'weekday', dates: ['2026-12-04', '2026-12-11'], ambiguous: true }, both, NOW).kind,
    ).toBe('choose');
  });
  it('asks which committee when two meet that day, unless the member named one', () => {
    expect(matchMeeting({ kind: 'day', date: '2026-12-04' }, [dec4, otherDec4], NOW)).toEqual({
      kind: 'choose',
      matches: [dec4, otherDec4],
    });
    expect(matchMeeting({ kind: 'day', date: '2026-12-04' }, [dec4, otherDec4], NOW, 'other')).toEqual({
      kind: 'one',
      match: otherDec4,
    });
  });
  it('takes the soonest meeting of each committee for "next meeting", skipping cancelled ones', () => {
    expect(matchMeeting({ kind: 'next', said: true }, [cancelled, dec11, dec4], NOW)).toEqual({
      kind: 'one',
      match: dec4,
    });
    expect(matchMeeting({ kind: 'next', said: false }, [dec4, otherDec4], NOW).kind).toBe('choose');
  });
  it('offers the upcoming meetings when nothing fits', () => {
    expect(matchMeeting({ kind: 'day', date: '2026-12-05' }, [past, dec4], NOW)).toEqual({
      kind: 'none',
      upcoming: [dec4],
    });
  });
});

describe('finding people by the names members write', () => {
  it.each([
    ['Insp. Southall', ['Inspector Duncan Southall']],
    ['inspector duncan southall', ['Inspector Duncan Southall']],
    ['Duncan Southall', ['Inspector Duncan Southall']],
    ['Carol Parker', ['Carol Parker']],
    ['M. Wyatt', ['Cllr. M. Wyatt']],
    ['Cllr Wyatt', ['Cllr. M. Wyatt']],
    ['Councillor Phillimore', ['Cllr. L. Phillimore']],
    ['Mr Bannister', ['Mr. N. Bannister CC']],
    ['Karen Southall', []],
    ['Parker Carol', []],
    ['Smith', ['Mark Smith']],
    ['the board', []],
  ])('%s', (written, expected) => {
    expect(peopleNamed(written, committee.people).map((p) => p.name)).toEqual(expected);
  });
});

describe('substitutes by the terms of reference (§5)', () => {
  it('lets a CSP chair send another member of that CSP Strategy Group (an officer of the district)', () => {
    expect(checkSubstitute(committee, person('m-wyatt'), person('l-mansfield'))).toMatchObject({ allowed: true });
  });
  it('refuses someone from another body, quoting the terms of reference', () => {
    const check = checkSubstitute(committee, person('m-wyatt'), person('d-southall'));
    expect(check.allowed).toBe(false);
    if (!check.allowed) {
      expect(check.why).toContain(
        'Inspector Duncan Southall is from Leicestershire Police, not North West Leicestershire District Council.',
      );
      expect(check.why).toContain('The terms of reference say: "The CSP Strategy Groups - any other member');
    }
  });
  it('lets the police send any other appropriate officer', () => {
    expect(checkSubstitute(committee, person('j-starbuck'), person('d-southall'))).toMatchObject({ allowed: true });
    expect(checkSubstitute(committee, person('j-starbuck'), person('c-perry'))).toMatchObject({ allowed: true });
  });
  it('requires another elected member of the County Council for the Cabinet Lead Member', () => {
    const officer = checkSubstitute(committee, person('d-taylor'), person('k-herbert'));
    expect(officer).toMatchObject({
      allowed: false,
      why: expect.stringContaining('Katie Herbert is not an elected member.'),
    });
    const councillor = { ...person('k-herbert'), id: 'cllr-x', name: 'Cllr. X', elected: true };
    const withCouncillor = { ...committee, people: [...committee.people, councillor] };
    expect(checkSubstitute(withCouncillor, person('d-taylor'), councillor)).toMatchObject({ allowed: true });
  });
  it('refuses a member who already holds a seat, and an observer sending anyone', () => {
    expect(checkSubstitute(committee, person('l-phillimore'), person('l-blackshaw'))).toMatchObject({
      allowed: false,
      why: expect.stringContaining('already holds a seat'),
    });
    expect(checkSubstitute(committee, person('c-wise'), person('k-herbert'))).toMatchObject({
      allowed: false,
      why: expect.stringContaining('does not hold a seat'),
    });
  });
  it('accepts a person the clerk has named in advance for the seat', () => {
    const named = {
      ...committee,
      seats: committee.seats.map((s) =>
        s.id === 'csp-nw-leicestershire' ? { ...s, substitutes: { ...s.substitutes, named: ['d-southall'] } } : s,
      ),
    };
    expect(checkSubstitute(named, person('m-wyatt'), person('d-southall'))).toMatchObject({ allowed: true });
  });
});

describe('the apology that stands', () => {
  const base = {
    committeeId: 'lscsb',
    meetingId: 'dec4',
    recordedBy: 'm-wyatt',
    onBehalf: false,
    withdrawn: false,
    kind: 'apology' as const,
  };
  it('is the latest of each chain; a withdrawal leaves none', () => {
    const rs: Apology[] = [
      { ...base, id: 'a1', personId: 'm-wyatt', recordedAt: '2026-11-20T09:00:00Z' },
      {
        ...base,
        id: 'a2',
        personId: 'm-wyatt',
        recordedAt: '2026-11-21T09:00:00Z',
        supersedes: 'a1',
        substituteId: 'l-mansfield',
      },
      { ...base, id: 'b1', personId: 'j-hewitt', recordedAt: '2026-11-20T09:00:00Z' },
      {
        ...base,
        id: 'b2',
        personId: 'j-hewitt',
        recordedAt: '2026-11-22T09:00:00Z',
        supersedes: 'b1',
        withdrawn: true,
      },
    ];
    expect(liveApologies(rs).map((a) => a.id)).toEqual(['a2']);
  });
  it('takes the later of two changes that raced on the same apology', () => {
    const rs: Apology[] = [
      { ...base, id: 'a1', personId: 'm-wyatt', recordedAt: '2026-11-20T09:00:00Z' },
      { ...base, id: 'x', personId: 'm-wyatt', recordedAt: '2026-11-21T09:00:01Z', supersedes: 'a1' },
      { ...base, id: 'y', personId: 'm-wyatt', recordedAt: '2026-11-21T09:00:00Z', supersedes: 'a1' },
    ];
    expect(liveApologies(rs).map((a) => a.id)).toEqual(['x']);
  });
});
