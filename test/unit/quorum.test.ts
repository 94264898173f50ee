import { describe, expect, it } from 'vitest';
import committeeJson from '../../examples/lscsb-committee.json';
import { CommitteeSchema } from '../../bot/domain/committee';
import { currentAttendance, quorumStatus } from '../../bot/domain/quorum';
import type { AttendanceMark } from '../../bot/domain/responses';
import { buildRoster } from '../../bot/domain/roster';

const committee = CommitteeSchema.parse(committeeJson);
let n = 0;
const mark = (personId: string, extra: Partial<AttendanceMark> = {}): AttendanceMark => ({
  id: `m${String(++n).padStart(4, '0')}`,
  kind: 'attendance',
  committeeId: 'lscsb',
  meetingId: 'x',
  personId,
  recordedBy: 'e-walters',
  recordedAt: `2026-12-04T10:${String(n % 60).padStart(2, '0')}:00Z`,
  withdrawn: false,
  status: 'present',
  remote: false,
  ...extra,
});

describe('the quorum of the 2023 terms of reference: 6 voting members from 3 partner agencies', () => {
  it('is quorate with six CSP chairs from six councils', () => {
    const marks = ['l-phillimore', 'l-blackshaw', 'p-cumbers', 'm-mullaney', 'd-woodiwiss', 'k-loydall'].map((p) =>
      mark(p),
    );
    expect(quorumStatus(committee, marks)).toMatchObject({
      quorate: true,
      votingPresent: 6,
      message: 'Quorate: 6 voting members from 6 agencies.',
    });
  });

  it('says what is missing: members and agencies', () => {
    const marks = ['n-bannister', 'm-cane', 'r-matthews', 'r-mahal'].map((p) => mark(p));
    expect(quorumStatus(committee, marks)).toMatchObject({
      quorate: false,
      votingPresent: 4,
      agencies: ['Leicestershire Fire and Rescue Service', 'Office of the Police and Crime Commissioner'],
      message: 'Not quorate: needs 2 more voting members; agencies present: 2 of 3.',
    });
  });

  it('counts seats of the same agency once towards the agencies', () => {
    const marks = ['n-bannister', 'm-cane', 'r-matthews', 'r-mahal', 'd-taylor', 'w-hope'].map((p) => mark(p));
    expect(quorumStatus(committee, marks)).toMatchObject({
      quorate: true,
      agencies: [
        'Integrated Care Board',
        'Leicestershire County Council',
        'Leicestershire Fire and Rescue Service',
        'Office of the Police and Crime Commissioner',
      ],
    });
  });

  it('does not count observers, officers or guests', () => {
    const marks = [
      'c-wise',
      'e-walters',
      'r-basra',
      'l-phillimore',
      'l-blackshaw',
      'p-cumbers',
      'm-mullaney',
      'd-woodiwiss',
    ].map((p) => mark(p));
    expect(quorumStatus(committee, [...marks, mark('guest-1', { guestName: 'A. Visitor' })])).toMatchObject({
      quorate: false,
      votingPresent: 5,
    });
  });

  it('counts a substitute for the seat they fill, and not a seat twice', () => {
    const base = ['l-phillimore', 'l-blackshaw', 'p-cumbers', 'm-mullaney', 'd-woodiwiss'].map((p) => mark(p));
    expect(
      quorumStatus(committee, [...base, mark('d-southall', { status: 'substitute', seatId: 'police' })]).quorate,
    ).toBe(true);
    const twice = [...base, mark('j-starbuck'), mark('d-southall', { status: 'substitute', seatId: 'police' })];
    expect(quorumStatus(committee, twice).votingPresent).toBe(6);
  });

  it('does not count a seat whose voting rights are withheld', () => {
    const nonVoting = {
      ...committee,
      seats: committee.seats.map((s) =>
        s.id === 'csp-blaby' ? { ...s, voting: { general: false, communitySafetyAgreement: false } } : s,
      ),
    };
    const marks = ['l-phillimore', 'l-blackshaw', 'p-cumbers', 'm-mullaney', 'd-woodiwiss', 'k-loydall'].map((p) =>
      mark(p),
    );
    expect(quorumStatus(nonVoting, marks)).toMatchObject({ quorate: false, votingPresent: 5 });
  });

  it('follows the latest mark: leaving loses the seat, and a chair’s mark overrides a self-mark', () => {
    const marks = ['l-phillimore', 'l-blackshaw', 'p-cumbers', 'm-mullaney', 'd-woodiwiss', 'k-loydall'].map((p) =>
      mark(p),
    );
    expect(quorumStatus(committee, [...marks, mark('k-loydall', { status: 'left', atAgendaItem: 7 })]).quorate).toBe(
      false,
    );
    expect(
      currentAttendance([mark('k-loydall', { remote: true }), mark('k-loydall', { status: 'absent' })]).get('k-loydall')
        ?.status,
    ).toBe('absent');
  });

  it('counts only people in the room for a formal council committee (Local Government Act 1972)', () => {
    const formal = { ...committee, regime: 'england-lga-1972' as const };
    const remote = ['l-phillimore', 'l-blackshaw', 'p-cumbers', 'm-mullaney', 'd-woodiwiss', 'k-loydall'].map((p) =>
      mark(p, { remote: true }),
    );
    expect(quorumStatus(formal, remote)).toMatchObject({ quorate: false, votingPresent: 0 });
    expect(quorumStatus(committee, remote).quorate).toBe(true);
  });
});

describe('the roll call roster', () => {
  it('lists members by seat with apologies pre-filled, substitutes standing in, observers and officers', () => {
    const apology = {
      id: 'a1',
      kind: 'apology' as const,
      committeeId: 'lscsb',
      meetingId: 'x',
      personId: 'j-starbuck',
      recordedBy: 'j-starbuck',
      recordedAt: '2026-11-30T09:00:00Z',
      withdrawn: false,
      onBehalf: false,
      substituteId: 'd-southall',
    };
    const roster = buildRoster(committee, [mark('d-taylor')], [apology]);
    expect(roster.find((r) => r.personId === 'd-taylor')).toMatchObject({
      group: 'members',
      status: 'present',
      body: 'Leicestershire County Council',
    });
    expect(roster.find((r) => r.personId === 'j-starbuck')).toMatchObject({ group: 'members', status: 'apologies' });
    expect(roster.find((r) => r.personId === 'd-southall')).toMatchObject({
      group: 'substitutes',
      seatId: 'police',
      body: 'for Chief Supt Johnny Starbuck, Leicestershire Police',
    });
    expect(roster.find((r) => r.personId === 'c-wise')?.group).toBe('observers');
    expect(roster.find((r) => r.personId === 'e-walters')?.group).toBe('officers');
  });
});
