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
