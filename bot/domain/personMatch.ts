import type { Person } from './person';

/** Titles people write in many ways: each spelling maps to one form. */
const TITLES: Record<string, string> = {
  insp: 'inspector',
  inspector: 'inspector',
  cllr: 'councillor',
  councillor: 'councillor',
  clr: 'councillor',
  mr: 'mr',
  mrs: 'mrs',
  ms: 'ms',
  miss: 'miss',
  dr: 'dr',
  ds: 'detective sergeant',
  sgt: 'sergeant',
  sergeant: 'sergeant',
  supt: 'superintendent',
  superintendent: 'superintendent',
  cc: '',
};

function tokens(name: string): string[] {
  return name
    .toLowerCase()
    .replace(/[.,'’]/g, ' ')
    .split(/\s+/)
    .filter(Boolean)
    .map((t) => TITLES[t] ?? t)
    .filter(Boolean);
}

const TITLE_WORDS = new Set(
  Object.values(TITLES)
    .flatMap((t) => t.split(' '))
    .concat(['chief', 'detective']),
);

/**
 * The people a written name can mean: "Insp. Southall" is Inspector Duncan Southall, "Carol Parker"
 * is Carol Parker, "M. Wyatt" is Cllr. M. Wyatt. Every word written must agree with the person's
 * name (an initial with a forename), and the surname must be there.
 */
export function peopleNamed(written: string, people: readonly Person[]): Person[] {
  const want = tokens(written).filter((t) => !TITLE_WORDS.has(t));
  if (!want.length) return [];
  return people.filter((p) => {
    const have = tokens(p.name).filter((t) => !TITLE_WORDS.has(t));
    const surname = have[have.length - 1];
    if (!surname || want[want.length - 1] !== surname) return false;
    return want
      .slice(0, -1)
      .every((w) =>
        have
          .slice(0, -1)
          .some((h) => h === w || (w.length === 1 && h.startsWith(w)) || (h.length === 1 && w.startsWith(h))),
      );
  });
}
