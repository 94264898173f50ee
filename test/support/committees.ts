/**
 * A committee of n voting members from nine councils and a clerk, as the API takes it: for tests that
 * need more people than the demo board has. Entra ids are `${aadPrefix}-0000-4000-8000-<n>`.
 */
export function forumCommittee(
  id: string,
  n: number,
  opts: { aadPrefix: string; quorum: { minVotingMembers: number; minAgencies: number } },
) {
  const aad = (suffix: string) => `${opts.aadPrefix}-0000-4000-8000-${suffix}`;
  const people = Array.from({ length: n }, (_, i) => ({
    id: `${id}-m${i}`,
    name: `Cllr. Member ${i}`,
    organisation: `Council ${i % 9}`,
    elected: true,
    aadObjectId: aad(String(i).padStart(12, '0')),
  }));
  const clerk = { aadObjectId: aad('999999999999'), name: 'Forum Clerk' };
  const committee = {
    name: `Forum ${id}`,
    shortName: id.toUpperCase(),
    regime: 'partnership-terms-of-reference',
    notice: { clearDays: 5, excludeWeekends: true, excludeBankHolidays: true, holidayRegion: 'GB-ENG' },
    quorum: opts.quorum,
    people: [...people, { id: `${id}-clerk`, organisation: 'Council 0', ...clerk }],
    seats: people.map((p, i) => ({
      id: `seat-${i}`,
      represents: `Member for ${p.organisation}`,
      agency: p.organisation,
      holder: p.id,
      voting: { general: true, communitySafetyAgreement: false },
      substitutes: { kind: 'none', text: 'No substitutes.' },
    })),
    clerks: [`${id}-clerk`],
  };
  return { committee, people, clerk };
}
