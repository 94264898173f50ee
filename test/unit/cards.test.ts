import { describe, expect, it } from 'vitest';
import { cardProblems, CardValidationError, renderCard } from '../../cards/render';

describe('card templates', () => {
  it('render every card with representative data, valid for Teams', () => {
    expect(renderCard('welcome', { known: true, name: 'Cllr. M. Wyatt', committees: 'LSCSB' }).version).toBe('1.5');
    const help = renderCard('help', {
      name: 'Euan Walters',
      memberships: [{ committee: 'LSCSB', roles: 'officer, clerk' }],
      topics: [{ command: 'help', says: 'This list.' }],
    });
    expect(JSON.stringify(help)).toContain('officer, clerk');
    const empty = renderCard('meetings', { title: 'Upcoming meetings', emptyText: 'None yet.', meetings: [] });
    expect(JSON.stringify(empty)).toContain('None yet.');
  });

  it('finds what templating leaves unbound, unknown elements, and the wrong version', () => {
    const problems = cardProblems({
      type: 'AdaptiveCard',
      version: '1.6',
      body: [{ type: 'TextBlock', text: '${missing}' }, { type: 'Hologram' }],
    });
    expect(problems.join('\n')).toContain('unbound template expressions: ${missing}');
    expect(problems.join('\n')).toContain('Unknown element type "Hologram"');
    expect(problems.join('\n')).toContain('card version must be 1.5');
  });

  it('refuses a card larger than Teams will deliver', () => {
    const big = 'x'.repeat(30_000);
    expect(() => renderCard('welcome', { known: true, name: big, committees: '' })).toThrow(CardValidationError);
  });
});
