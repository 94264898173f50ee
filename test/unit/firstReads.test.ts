import { describe, expect, it } from 'vitest';
import { startFirstReads } from '../../web/src/start/firstReads';

/** The reads a page address starts before the page's script, against a server that answers at once. */
async function readsFor(hash: string, meetings: unknown = []) {
  const asked: string[] = [];
  const reads = startFirstReads(hash, 'someone', (path) => {
    asked.push(path);
    return Promise.resolve(new Response(JSON.stringify(path.endsWith('/meetings') ? meetings : {}), { status: 200 }));
  });
  await Promise.all([...reads.values()].map((r) => r.answer));
  await new Promise((r) => setTimeout(r, 0));
  await Promise.all([...reads.values()].map((r) => r.answer));
  return { asked, reads };
}

describe('the reads a page starts before its script runs', () => {
  const future = new Date(Date.now() + 7 * 86_400_000).toISOString();
  const past = new Date(Date.now() - 7 * 86_400_000).toISOString();
  const list = [
    { id: 'b-past', startsAt: past, status: 'scheduled', venue: { name: 'Teams' } },
    { id: 'b-off', startsAt: future, status: 'cancelled', venue: { name: 'Teams' } },
    { id: 'b-next', startsAt: future, status: 'scheduled', venue: { name: 'Teams' } },
  ];

  it('for the clerk’s agenda: who, the meetings, then the next held meeting’s agenda once the list answers', async () => {
    const { asked, reads } = await readsFor('#/c/lscsb', list);
    expect(asked).toEqual(['me', 'committees/lscsb/meetings', 'meetings/b-next/agenda']);
    expect(reads.get('meetings/b-next/agenda')?.settled?.status).toBe(200);
    expect(reads.get('me')?.as).toBe('someone');
  });

  it('for a named meeting’s agenda, that agenda at once', async () => {
    expect((await readsFor('#/c/lscsb/agenda/lscsb-2027-03-05', list)).asked).toEqual([
      'me',
      'committees/lscsb/meetings',
      'meetings/lscsb-2027-03-05/agenda',
    ]);
  });

  it('for another clerk’s screen, only the meetings; for a person’s own page, their things', async () => {
    expect((await readsFor('#/c/lscsb/minutes', list)).asked).toEqual(['me', 'committees/lscsb/meetings']);
    expect((await readsFor('', list)).asked).toEqual(['me', 'me/meetings', 'me/actions', 'me/register']);
  });

  it('asks for no agenda when the committee has no meeting to come', async () => {
    expect((await readsFor('#/c/lscsb/agenda', [list[0]])).asked).toEqual(['me', 'committees/lscsb/meetings']);
  });
});
