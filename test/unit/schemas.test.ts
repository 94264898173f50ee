import { describe, expect, it } from 'vitest';
import actionsJson from '../../examples/lscsb-actions.json';
import committeeJson from '../../examples/lscsb-committee.json';
import meetingJson from '../../examples/lscsb-meeting-2023-09-29.json';
import { IsoInstantSchema, PapersUrlSchema } from '../../bot/domain/common';
import { z } from 'zod';
import { ActionSchema } from '../../bot/domain/action';
import { CommitteeSchema } from '../../bot/domain/committee';
import { MeetingSchema } from '../../bot/domain/meeting';
import { PersonSchema } from '../../bot/domain/person';
import { currentResponses, ResponseSchema } from '../../bot/domain/responses';

const clone = <T>(v: T): T => structuredClone(v);
const messages = (r: { success: boolean; error?: { issues: { path: (string | number)[]; message: string }[] } }) =>
  (r.error?.issues ?? []).map((i) => `${i.path.join('.')}: ${i.message}`);

describe('committee (2023 terms of reference)', () => {
  it('parses the demo board from the papers', () => {
    const c = CommitteeSchema.parse(committeeJson);
    expect(c.name).toBe('Leicestershire Safer Communities Strategy Board');
    expect(c.quorum).toEqual({ minVotingMembers: 6, minAgencies: 3 });
    const csp = c.seats.filter((s) => s.id.startsWith('csp-'));
    expect(csp).toHaveLength(7);
    expect(csp.every((s) => s.voting.communitySafetyAgreement)).toBe(true);
    // Probation votes generally but not on the Community Safety Agreement (ToR §7, no asterisk).
    expect(c.seats.find((s) => s.id === 'probation')?.voting).toEqual({
      general: true,
      communitySafetyAgreement: false,
    });
    expect(c.seats.filter((s) => s.kind === 'observer').map((s) => s.agency)).toEqual([
      'Rutland County Council',
      'Leicester City Council',
    ]);
    expect(c.seats.find((s) => s.id === 'police')?.substitutes.text).toContain('any other appropriate officer');
  });

  it('rejects a seat held by someone not in people, naming the field', () => {
    const bad = clone(committeeJson);
    bad.seats[0]!.holder = 'nobody';
    expect(messages(CommitteeSchema.safeParse(bad))).toEqual(['seats.0.holder: no person with id "nobody" in people']);
  });

  it('rejects duplicate people and duplicate Entra ids', () => {
    const bad = clone(committeeJson);
    bad.people.push(clone(bad.people[0]!));
    const m = messages(CommitteeSchema.safeParse(bad));
    expect(m).toContain(`people.${bad.people.length - 1}.id: duplicate person id "d-taylor"`);
    expect(m.some((x) => x.includes('aadObjectId') && x.includes('two people'))).toBe(true);
  });

  it('rejects an observer with a vote', () => {
    const bad = clone(committeeJson);
    const i = bad.seats.findIndex((s) => s.kind === 'observer');
    bad.seats[i]!.voting.general = true;
    expect(messages(CommitteeSchema.safeParse(bad))).toEqual([`seats.${i}.voting: an observer seat cannot vote`]);
  });

  it('rejects unknown fields, bad ids, a missing clerk and a nonsense quorum', () => {
    const bad = {
      ...clone(committeeJson),
      id: 'has spaces',
      colour: 'blue',
      clerks: [],
      quorum: { minVotingMembers: 0, minAgencies: 3 },
    };
    const m = messages(CommitteeSchema.safeParse(bad)).join('\n');
    expect(m).toContain('id: may contain only letters');
    expect(m).toContain("Unrecognized key(s) in object: 'colour'");
    expect(m).toContain('clerks: a committee needs at least one clerk');
    expect(m).toContain('quorum.minVotingMembers');
  });
});

describe('person', () => {
  it('keeps the printed name exactly as the minutes print it', () => {
    const p = PersonSchema.parse({ id: 'x', name: 'Mr. N. Bannister CC', organisation: 'Combined Fire Authority' });
    expect(p.name).toBe('Mr. N. Bannister CC');
    expect(p.elected).toBe(false);
  });
  it('rejects a malformed Entra object id and an over-long name', () => {
    const m = messages(
      PersonSchema.safeParse({ id: 'x', name: 'x'.repeat(121), organisation: 'A', aadObjectId: 'not-a-guid' }),
    );
    expect(m).toEqual(['name: must be at most 120 characters', 'aadObjectId: must be a GUID']);
  });
});

describe('meeting and agenda (29 September 2023)', () => {
  it('parses the 14-item agenda with pages, presenters and standing items', () => {
    const m = MeetingSchema.parse(meetingJson);
    expect(m.agenda).toHaveLength(14);
    expect(m.agenda[1]).toMatchObject({
      title: 'Minutes of previous meeting.',
      standing: 'minutes',
      papers: { pages: '3 - 10' },
    });
    expect(m.agenda[5]?.presenter).toMatch(/^Rik Basra, Community Safety Coordinator/);
    expect(m.agenda.filter((i) => i.standing).map((i) => i.standing)).toEqual([
      'introductions',
      'minutes',
      'matters-arising',
      'action-log',
      'declarations',
      'other-business',
      'next-meeting',
    ]);
  });

  it('accepts an exempt item citing a paragraph of Schedule 12A and rejects paragraph 8', () => {
    const m = clone(meetingJson) as Record<string, unknown> & { agenda: Record<string, unknown>[] };
    m.agenda[11]!.exempt = { paragraph: 7, reason: 'County Lines: prevention of crime' };
    expect(MeetingSchema.safeParse(m).success).toBe(true);
    m.agenda[11]!.exempt = { paragraph: 8 };
    expect(messages(MeetingSchema.safeParse(m))).toEqual([
      'agenda.11.exempt.paragraph: Number must be less than or equal to 7',
    ]);
  });

  it('rejects misnumbered items, a time without an offset, an end before the start and bad page ranges', () => {
    const m = clone(meetingJson) as Record<string, unknown> & { agenda: Record<string, unknown>[] };
    m.agenda[2]!.number = 9;
    m.agenda[3]!.papers = { pages: 'eleven' };
    m.startsAt = '2023-09-29 10:00';
    const msgs = messages(MeetingSchema.safeParse(m)).join('\n');
    expect(msgs).toContain('agenda.3.papers.pages: must be a page or a range like "3 - 10"');
    expect(msgs).toContain('startsAt: must be a date and time with an offset');
    const m2 = { ...clone(meetingJson), endsAt: '2023-09-29T09:00:00+01:00' };
    expect(messages(MeetingSchema.safeParse(m2))).toEqual(['endsAt: must be after startsAt']);
    const m3 = clone(meetingJson) as { agenda: { number: number }[] };
    m3.agenda[2]!.number = 9;
    expect(messages(MeetingSchema.safeParse(m3))).toEqual([
      'agenda.2.number: agenda items must be numbered 1, 2, 3… in order; expected 3',
    ]);
  });
});

describe('action log (2023)', () => {
  it('parses the six actions, keeping both dates of action 3 and both officers of action 1', () => {
    const actions = actionsJson.map((a) => ActionSchema.parse(a));
    expect(actions.map((a) => a.number)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(actions[2]?.datesRaised).toEqual(['2022-12-09', '2023-03-17']);
    expect(actions[0]?.responsibleOfficers).toEqual(['Gary Bee', 'Rik Basra']);
    expect(actions.map((a) => a.status)).toEqual(['Amber', 'Amber', 'Amber', 'Green', 'Amber', 'Amber']);
  });
  it('rejects a status outside Red/Amber/Green/Complete/Removed and a bad date', () => {
    const bad = { ...clone(actionsJson[0]!), status: 'Purple', datesRaised: ['18.3.21'] };
    const m = messages(ActionSchema.safeParse(bad)).join('\n');
    expect(m).toContain(
      "status: Invalid enum value. Expected 'Red' | 'Amber' | 'Green' | 'Complete' | 'Removed', received 'Purple'",
    );
    expect(m).toContain('datesRaised.0: must be a date like 2023-09-29');
  });
});

describe('responses', () => {
  const base = {
    committeeId: 'lscsb',
    meetingId: 'lscsb-2023-09-29',
    personId: 'm-wyatt',
    recordedBy: 'm-wyatt',
    recordedAt: '2023-09-20T09:00:00Z',
  };
  it('parses an apology with a substitute and a declaration with its category', () => {
    expect(ResponseSchema.parse({ ...base, id: 'r1', kind: 'apology', substituteId: 'd-southall' })).toMatchObject({
      kind: 'apology',
      onBehalf: false,
      withdrawn: false,
    });
    const d = ResponseSchema.parse({
      ...base,
      id: 'r2',
      kind: 'declaration',
      agendaItems: [7],
      category: 'other-registrable',
      nature: 'employed by the Crown Prosecution Service (CPS)',
      participation: 'take-part',
    });
    expect(d.kind).toBe('declaration');
  });
  it('rejects a declaration for no item, an unknown kind and an over-long reason', () => {
    expect(
      messages(
        ResponseSchema.safeParse({
          ...base,
          id: 'r',
          kind: 'declaration',
          agendaItems: [],
          category: 'personal',
          nature: 'x',
          participation: 'leave',
        }),
      ),
    ).toEqual(['agendaItems: Array must contain at least 1 element(s)']);
    expect(ResponseSchema.safeParse({ ...base, id: 'r', kind: 'vote' }).success).toBe(false);
    expect(messages(ResponseSchema.safeParse({ ...base, id: 'r', kind: 'apology', reason: 'x'.repeat(501) }))).toEqual([
      'reason: must be at most 500 characters',
    ]);
  });
  it('counts only responses nothing supersedes and that are not withdrawn', () => {
    const rs = [
      { id: 'a', withdrawn: false },
      { id: 'b', supersedes: 'a', withdrawn: false },
      { id: 'c', withdrawn: false },
      { id: 'd', supersedes: 'c', withdrawn: true },
    ];
    expect(currentResponses(rs).map((r) => r.id)).toEqual(['b']);
  });
});

describe('a link to papers', () => {
  it('refuses text that is no address at all, without failing (it once threw, answering a card with an error)', () => {
    expect(PapersUrlSchema.safeParse('not a link').success).toBe(false);
    expect(PapersUrlSchema.safeParse('javascript:alert(1)').success).toBe(false);
    expect(PapersUrlSchema.safeParse('https://example.gov.uk/papers.pdf').success).toBe(true);
  });
});

describe('a date and time with its offset', () => {
  it('is accepted and refused exactly as zod’s own datetime check does, with our sentence', () => {
    const zods = z.string().datetime({ offset: true });
    const samples = [
      '2023-09-29T10:00:00+01:00',
      '2023-09-29T09:00:00Z',
      '2023-09-29T09:00:00.123Z',
      '2023-09-29T09:00Z',
      '2024-02-29T10:00:00+0100',
      '2023-02-29T10:00:00Z',
      '2023-09-29T24:00:00Z',
      '2023-09-29 10:00:00Z',
      '2023-09-29T10:00:00',
      '2023-09-29',
      '29/09/2023 10:00',
      '',
    ];
    for (const s of samples) expect(IsoInstantSchema.safeParse(s).success, s).toBe(zods.safeParse(s).success);
    expect(IsoInstantSchema.safeParse('2023-09-29').error?.issues[0]?.message).toBe(
      'must be a date and time with an offset, like 2023-09-29T10:00:00+01:00',
    );
  });
});
