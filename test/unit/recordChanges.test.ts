import { describe, expect, it } from 'vitest';
import { assembleRecord, type MeetingRecord } from '../../bot/domain/record';
import { recordChanges } from '../../bot/domain/recordChanges';
import { june2023Inputs } from '../fixtures/papers';

describe('what changed between two versions of the minutes', () => {
  const first = assembleRecord(june2023Inputs());

  it('says nothing changed for the same record', () => {
    expect(recordChanges(first, structuredClone(first))).toEqual([]);
  });

  it('names the minute whose text changed, and the one that was written', () => {
    const next: MeetingRecord = structuredClone(first);
    const [a, b] = next.minutes;
    if (!a || !b) throw new Error('the June 2023 minutes have items');
    a.paragraphs = [...a.paragraphs, 'A further sentence.'];
    const was = structuredClone(first);
    const wasB = was.minutes[1];
    if (!wasB) throw new Error('no second minute');
    wasB.placeholder = true;
    expect(recordChanges(was, next)).toEqual([
      `Minute ${a.number} (${a.title}) changed.`,
      `Minute ${b.number} (${b.title}) written.`,
    ]);
  });

  it('names people added to and taken out of attendance, and the times', () => {
    const next: MeetingRecord = structuredClone(first);
    const gone = next.present.pop();
    next.apologies.push({ name: 'Mr A. Newperson', body: 'Blaby District Council' });
    next.times = '10.00 - 11.40 am';
    const changes = recordChanges(first, next);
    expect(changes).toContain('The times are now 10.00 - 11.40 am.');
    expect(changes).toContain(`Present: taken out ${gone?.name} (${gone?.body}).`);
    expect(changes).toContain('Apologies: added Mr A. Newperson (Blaby District Council).');
  });

  it('tells a renumbered minute from a changed one, and reports action-log rows by number', () => {
    const next: MeetingRecord = structuredClone(first);
    next.minutes = next.minutes.map((m) => ({ ...m, number: m.number + 1 }));
    const row = next.actionLog[0];
    if (!row) throw new Error('the June 2023 minutes carry an action log');
    row.status = 'Complete and closed';
    const changes = recordChanges(first, next);
    expect(changes.filter((c) => c.endsWith(`renumbered from ${first.minutes[0]?.number}.`))).toHaveLength(1);
    expect(changes).toContain(`Action log: updated ${row.no}.`);
  });
});
