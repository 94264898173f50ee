import { describe, expect, it } from 'vitest';
import committeeJson from '../../examples/lscsb-committee.json';
import { CommitteeSchema } from '../../bot/domain/committee';
import { currentAttendance, quorumStatus } from '../../bot/domain/quorum';
import { liveApologies, type Response } from '../../bot/domain/responses';
import { buildRoster } from '../../bot/domain/roster';
import {
  emptyRoll,
  foldResponse,
  rollApologies,
  rollFrom,
  rollMarks,
  RollStateSchema,
} from '../../bot/domain/rollState';

const committee = CommitteeSchema.parse(committeeJson);
const base = { committeeId: 'lscsb', meetingId: 'm1', withdrawn: false } as const;

/** A meeting's history: apologies (one replaced, one withdrawn), marks by member and chair, a declaration, a receipt. */
const history: Response[] = [
  {
    ...base,
    id: 'a1',
    kind: 'apology',
    personId: 'k-loydall',
    recordedBy: 'k-loydall',
    recordedAt: '2026-12-01T09:00:00Z',
    onBehalf: false,
    reason: 'Private: hospital',
  },
  {
    ...base,
    id: 'a2',
    kind: 'apology',
    personId: 'j-mavji',
    recordedBy: 'j-mavji',
    recordedAt: '2026-12-01T09:05:00Z',
    onBehalf: false,
  },
  {
    ...base,
    id: 'a3',
    kind: 'apology',
    personId: 'j-mavji',
    recordedBy: 'j-mavji',
    recordedAt: '2026-12-02T09:05:00Z',
    onBehalf: false,
    supersedes: 'a2',
    substituteId: 'j-hewitt',
  },
  {
    ...base,
    id: 'a4',
    kind: 'apology',
    personId: 'k-loydall',
    recordedBy: 'k-loydall',
    recordedAt: '2026-12-03T09:00:00Z',
    onBehalf: false,
    supersedes: 'a1',
    withdrawn: true,
  },
  {
    ...base,
    id: 'h1',
    kind: 'attendance',
    personId: 'd-taylor',
    recordedBy: 'd-taylor',
    recordedAt: '2026-12-04T10:00:00Z',
    status: 'present',
    remote: true,
  },
  {
    ...base,
    id: 'h2',
    kind: 'attendance',
    personId: 'l-phillimore',
    recordedBy: 'd-taylor',
    recordedAt: '2026-12-04T10:01:00Z',
    status: 'present',
    remote: false,
  },
  {
    ...base,
    id: 'h3',
    kind: 'attendance',
    personId: 'j-hewitt',
    recordedBy: 'd-taylor',
    recordedAt: '2026-12-04T10:02:00Z',
    status: 'substitute',
    seatId: 'nwl',
    remote: false,
    atAgendaItem: 2,
  },
  // Marked at the same moment by the chair and by the member: the later id wins, for every reader.
  {
    ...base,
    id: 'h4a',
    kind: 'attendance',
    personId: 'p-cumbers',
    recordedBy: 'd-taylor',
    recordedAt: '2026-12-04T10:03:00Z',
    status: 'absent',
    remote: false,
  },
  {
    ...base,
    id: 'h4b',
    kind: 'attendance',
    personId: 'p-cumbers',
    recordedBy: 'p-cumbers',
    recordedAt: '2026-12-04T10:03:00Z',
    status: 'present',
    remote: true,
  },
  {
    ...base,
    id: 'h5',
    kind: 'attendance',
    personId: 'l-phillimore',
    recordedBy: 'd-taylor',
    recordedAt: '2026-12-04T11:00:00Z',
    status: 'left',
    remote: false,
    atAgendaItem: 6,
  },
  {
    ...base,
    id: 'g1',
    kind: 'attendance',
    personId: 'guest-1',
    recordedBy: 'd-taylor',
    recordedAt: '2026-12-04T10:05:00Z',
    status: 'present',
    remote: false,
    guestName: 'Ms A. Presenter',
  },
  {
    ...base,
    id: 'd1',
    kind: 'declaration',
    personId: 'd-taylor',
    recordedBy: 'd-taylor',
    recordedAt: '2026-12-04T10:10:00Z',
    agendaItems: [5],
    wholeAgenda: false,
    category: 'other-registrable',
    nature: 'Trustee of a charity named in the report',
    participation: 'take-part',
    sensitive: false,
  },
  {
    ...base,
    id: 'r1',
    kind: 'receipt',
    personId: 'd-taylor',
    recordedBy: 'd-taylor',
    recordedAt: '2026-11-27T10:10:00Z',
    event: 'opened',
  },
];

/** Every ordering a storm, a retry or two instances could fold them in (a deterministic shuffle). */
function shuffled<T>(items: readonly T[], seed: number): T[] {
  const out = [...items];
  let x = seed;
  for (let i = out.length - 1; i > 0; i--) {
    x = (x * 1103515245 + 12345) % 2 ** 31;
    const j = x % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

const byPerson = <T extends { personId: string }>(xs: T[]) =>
  [...xs].sort((a, b) => a.personId.localeCompare(b.personId));

describe("a meeting's roll, folded from its responses", () => {
  const roll = rollFrom('lscsb', 'm1', history);

  it('holds what the whole history says: the same marks, apologies, roster and quorum', () => {
    const marks = history.filter((r) => r.kind === 'attendance');
    expect(byPerson(rollMarks(roll))).toEqual(byPerson([...currentAttendance(marks).values()]));
    const apologies = liveApologies(history).map(({ reason: _r, recordedBy: _b, supersedes: _s, ...a }) => a);
    expect(byPerson(rollApologies(roll)).map(({ recordedBy: _b, ...a }) => a)).toEqual(byPerson(apologies));
    expect(buildRoster(committee, rollMarks(roll), rollApologies(roll))).toEqual(
      buildRoster(committee, marks, liveApologies(history)),
    );
    expect(quorumStatus(committee, rollMarks(roll))).toEqual(quorumStatus(committee, marks));
    expect(RollStateSchema.parse(roll)).toEqual(roll);
  });

  it('comes out the same whatever order the responses are folded in, and folding one twice changes nothing', () => {
    for (let seed = 1; seed <= 50; seed++) {
      const order = shuffled(history, seed);
      const twice = [...order, ...shuffled(history, seed + 100).slice(0, 5)];
      expect(twice.reduce(foldResponse, emptyRoll('lscsb', 'm1'))).toEqual(roll);
    }
  });

  it('never keeps an apology’s reason, and shows a withdrawn apology as none', () => {
    expect(JSON.stringify(roll)).not.toContain('hospital');
    expect(rollApologies(roll).map((a) => a.personId)).toEqual(['j-mavji']);
    expect(rollApologies(roll)[0]?.substituteId).toBe('j-hewitt');
  });

  it('changes with a new declaration (so a watching side panel sees it) and not with an agenda receipt', () => {
    // Even one recorded in the same instant as another, whatever its id.
    const d0 = { ...history.find((r) => r.id === 'd1')!, id: 'd0' } as Response;
    expect(foldResponse(roll, d0)).not.toEqual(roll);
    expect(foldResponse(foldResponse(roll, d0), d0)).toEqual(foldResponse(roll, d0));
    const r2 = { ...history.find((r) => r.id === 'r1')!, id: 'r2' } as Response;
    expect(foldResponse(roll, r2)).toBe(roll);
  });

  it('stays small: one short entry per person, whatever the meeting’s history', () => {
    const marks = Array.from({ length: 150 }, (_, i): Response => ({
      ...base,
      id: `here-${'0'.repeat(28)}${String(i).padStart(4, '0')}`,
      kind: 'attendance',
      personId: `p${i}`,
      recordedBy: `p${i}`,
      recordedAt: '2026-12-04T10:00:00.000Z',
      status: 'present',
      remote: true,
    }));
    const big = rollFrom('lscsb', 'm1', [
      ...marks,
      ...marks.map((m) => ({ ...m, id: `${m.id}x`, recordedAt: '2026-12-04T10:30:00.000Z' })),
    ]);
    expect(Object.keys(big.attendance)).toHaveLength(150);
    expect(JSON.stringify(big).length).toBeLessThan(150 * 140);
  });
});
