import type { AgendaItem } from './meeting';
import type { Person } from './person';
import type { Declaration } from './responses';

export const CATEGORY_NAMES: Record<Declaration['category'], string> = {
  'disclosable-pecuniary': 'Disclosable Pecuniary Interest',
  'other-registrable': 'Other Registrable Interest',
  'non-registrable': 'Non-Registrable Interest',
  personal: 'personal interest',
  prejudicial: 'prejudicial interest',
};

/** The words the chair uses at the item, as every set of the papers prints them. */
export const DECLARATIONS_INVITATION =
  'The Chairman invited members who wished to do so to declare any interests in respect of items on the agenda for the meeting.';
export const NO_DECLARATIONS = 'No declarations were made.';

function itemsPhrase(numbers: readonly number[], agenda: readonly AgendaItem[]): string {
  const titles = numbers.map((n) => {
    const item = agenda.find((i) => i.number === n);
    return item ? `item ${n} (${item.title.replace(/\.$/, '')})` : `item ${n}`;
  });
  return titles.length === 1
    ? (titles[0] as string)
    : `${titles.slice(0, -1).join(', ')} and ${titles[titles.length - 1]}`;
}

/**
 * A declaration as the minutes print it: "Mr. N. Bannister CC declared that he was employed by the
 * Crown Prosecution Service …". The nature is the member's own words, completing "declared that";
 * a sensitive interest is declared without its nature. What the member did follows.
 */
export function declarationSentence(
  d: Declaration,
  person: Pick<Person, 'name'>,
  agenda: readonly AgendaItem[],
): string {
  const nature = d.nature.trim().replace(/[.;]+$/, '');
  const items = itemsPhrase(d.agendaItems, agenda);
  const category = CATEGORY_NAMES[d.category];
  let what: string;
  if (d.sensitive)
    what = `${person.name} declared a ${category}${d.wholeAgenda ? '' : ` in ${items}`}, the nature of which was not disclosed as it is a sensitive interest`;
  else if (d.category === 'disclosable-pecuniary' || d.category === 'prejudicial')
    what = `${person.name} declared a ${category}${d.wholeAgenda ? '' : ` in ${items}`} in that ${nature}`;
  else
    what = d.wholeAgenda
      ? `${person.name} declared that ${nature}`
      : `${person.name} declared, in respect of ${items}, that ${nature}`;
  const conduct =
    d.participation === 'leave'
      ? `, and left the meeting during consideration of ${d.wholeAgenda ? 'the items concerned' : items.replace(/ \(.*?\)/g, '')}`
      : d.participation === 'not-vote'
        ? `, and took no part in the vote on ${d.wholeAgenda ? 'the items concerned' : items.replace(/ \(.*?\)/g, '')}`
        : '';
  return `${what}${conduct}.`;
}

export type Participation = Declaration['participation'];

/** The categories a committee's members choose from: today's (Localism Act 2011) or the older pair. */
export function categoriesFor(scheme: 'localism-act-2011' | 'personal-prejudicial'): Declaration['category'][] {
  return scheme === 'localism-act-2011'
    ? ['disclosable-pecuniary', 'other-registrable', 'non-registrable']
    : ['personal', 'prejudicial'];
}

/** Why a DPI (or an old-style prejudicial interest) means leaving: shown on the card. */
export const MUST_LEAVE_WHY =
  'A Disclosable Pecuniary Interest means you must not take part and must leave the meeting for the item (Localism Act 2011, s.31); taking part without a dispensation is a criminal offence (s.34). If the interest is not yet on the register, tell the Monitoring Officer within 28 days.';

/**
 * What the member will do. A DPI or prejudicial interest means leaving, whatever was chosen; otherwise
 * the member's choice, or taking part if they made none.
 */
export function settleParticipation(
  category: Declaration['category'],
  chosen: Participation | undefined,
): { participation: Participation; overridden: boolean } {
  if (category === 'disclosable-pecuniary' || category === 'prejudicial')
    return { participation: 'leave', overridden: chosen !== undefined && chosen !== 'leave' };
  return { participation: chosen ?? 'take-part', overridden: false };
}

/** Members who should leave for this item under their declarations. */
export function mustLeaveFor(itemNumber: number, declarations: readonly Declaration[]): Declaration[] {
  return declarations.filter((d) => d.participation === 'leave' && d.agendaItems.includes(itemNumber));
}
