import { describe, expect, it } from 'vitest';
import { addItem, draftAgenda, moveItem, removeItem, updateItem, type AgendaEdit } from '../../bot/domain/agenda';
import type { Action } from '../../bot/domain/action';
import type { AgendaItem } from '../../bot/domain/meeting';

const agenda = draftAgenda(
  'm1',
  [{ title: 'Safer Communities Performance.', presenter: 'Rik Basra will present this report.' }],
  [],
  'LSCSB',
);
const titles = (e: AgendaEdit) => (e.ok ? e.agenda.map((i) => `${i.number}. ${i.title}`) : [e.why]);
const ok = (e: AgendaEdit): AgendaItem[] => {
  if (!e.ok) throw new Error(e.why);
  return e.agenda;
};

describe('a new agenda', () => {
  it('starts from the standing items, the forward plan and the reports actions asked for', () => {
    const action = {
      id: 'a',
      committeeId: 'c',
      number: 3,
      datesRaised: ['2023-03-17'],
      text: 'Blaby District Council to provide an update on the impact of HMP Fosse Way.',
      responsibleOfficers: ['John Richardson'],
      responsiblePersonIds: [],
      comments: '',
      status: 'Amber',
      history: [],
      reportTo: 'm1',
    } as Action;
    const a = draftAgenda(
      'm1',
      [{ title: 'Safer Communities Performance.' }, { title: 'Not this one.', meetingId: 'm2' }],
      [action],
      'LSCSB',
    );
    expect(a.map((i) => `${i.number}. ${i.title}`)).toEqual([
      '1. Introductions',
      '2. Minutes of previous meeting.',
      '3. Matters arising',
      '4. LSCSB Action Log.',
      '5. Declarations of interest',
      '6. Safer Communities Performance.',
      '7. Blaby District Council to provide an update on the impact of HMP Fosse Way (Action 3).',
      '8. Other business',
      '9. Date of the next meeting',
    ]);
  });
});

describe('editing an agenda', () => {
  it('adds a report among the substantive items and renumbers, leaving the standing items where they are', () => {
    expect(titles(addItem(agenda, { title: 'Teen Health Service.', kind: 'presentation' }))).toEqual([
      '1. Introductions',
      '2. Minutes of previous meeting.',
      '3. Matters arising',
      '4. LSCSB Action Log.',
      '5. Declarations of interest',
      '6. Safer Communities Performance.',
      '7. Teen Health Service.',
      '8. Other business',
      '9. Date of the next meeting',
    ]);
    expect(titles(addItem(agenda, { title: 'First.', kind: 'written' }, 1))[5]).toBe('6. First.');
    expect(titles(addItem(agenda, { title: 'Last.', kind: 'written' }, 99))[6]).toBe('7. Last.');
  });

  it('moves substantive items but never a standing item, and never past the closing items', () => {
    const two = ok(addItem(agenda, { title: 'Teen Health Service.', kind: 'presentation' }));
    expect(titles(moveItem(two, 7, 6)).slice(5, 7)).toEqual([
      '6. Teen Health Service.',
      '7. Safer Communities Performance.',
    ]);
    expect(titles(moveItem(two, 6, 9)).slice(5, 8)).toEqual([
      '6. Teen Health Service.',
      '7. Safer Communities Performance.',
      '8. Other business',
    ]);
    expect(titles(moveItem(two, 2, 7))).toEqual([
      'Item 2 (Minutes of previous meeting.) is a standing item and keeps its place.',
    ]);
    expect(titles(moveItem(two, 42, 1))).toEqual(['The agenda has no item 42.']);
  });

  it('removes and updates items, keeping numbers in order', () => {
    const two = ok(addItem(agenda, { title: 'Teen Health Service.', kind: 'presentation' }));
    expect(titles(removeItem(two, 6))[5]).toBe('6. Teen Health Service.');
    const exempt = ok(updateItem(two, 7, { exempt: { paragraph: 7 }, papers: { pages: '31 - 42', links: [] } }));
    expect(exempt[6]).toMatchObject({ number: 7, exempt: { paragraph: 7 }, papers: { pages: '31 - 42' } });
    expect(titles(updateItem(two, 1, { standing: 'apologies' }))).toEqual([
      'Whether an item is a standing item cannot be changed.',
    ]);
    expect(titles(addItem(two, { title: 'x', standing: 'minutes', kind: 'oral' }))[0]).toContain(
      'Standing items come from',
    );
  });
});
