import { exemptionNotice } from './agenda';
import type { Committee } from './committee';
import { formatAgendaDateTime } from './londonTime';
import type { AgendaItem, Meeting } from './meeting';

/**
 * The front sheet of a pack, as the papers lay it out: the committee, the date and time, the venue,
 * the agenda with each item's presenter and the pages of its report, and the officer to contact.
 */
export interface SheetItem {
  itemId: string;
  number: number;
  title: string;
  /** Printed under the title: the presenter ("Rik Basra, … will present this report."), a note, the exemption. */
  lines: string[];
}

export interface FrontSheet {
  heading: string[];
  title: string;
  /** Said before the items: why a supplement is late, that part 2 is not for publication. */
  lead: string[];
  items: SheetItem[];
  contact: string[];
}

export type PackPart = { supplement: number; part2: boolean; reason?: string };

const itemLines = (i: AgendaItem, part2: boolean): string[] => [
  ...(i.presenter ? [i.presenter] : []),
  ...(i.note && !i.exempt ? [i.note] : []),
  ...(i.exempt && !part2 ? [exemptionNotice(i.exempt.paragraph)] : []),
];

export const PART2_LEAD =
  'NOT FOR PUBLICATION. These reports contain exempt information under Part 1 of Schedule 12A of the Local Government Act 1972. They are for members of the committee and the officers supporting it only, and must not be shared.';

/** The items a pack lists: the whole agenda in the agenda pack; a supplement's own items; part 2's exempt ones. */
export function frontSheet(
  committee: Committee,
  meeting: Meeting,
  part: PackPart,
  itemIds: readonly string[],
): FrontSheet {
  const clerk = committee.people.find((p) => p.id === committee.clerks[0]);
  const listed = meeting.agenda.filter((i) =>
    part.part2 ? itemIds.includes(i.id) : part.supplement ? itemIds.includes(i.id) : true,
  );
  const title = [part.supplement ? `Supplementary Agenda No. ${part.supplement}` : 'Agenda', part.part2 ? 'Part 2' : '']
    .filter(Boolean)
    .join(': ');
  const lead = [
    ...(part.part2 ? [PART2_LEAD] : []),
    ...(part.supplement && part.reason
      ? [`These reports were not available when the agenda was published. The reason: ${part.reason}`]
      : []),
  ];
  return {
    heading: [committee.name.toUpperCase(), formatAgendaDateTime(meeting.startsAt), meeting.venue.name],
    title,
    lead,
    items: listed.map((i) => ({ itemId: i.id, number: i.number, title: i.title, lines: itemLines(i, part.part2) })),
    contact: [
      ...(clerk ? [`Officer to contact: ${clerk.name}${clerk.phone ? ` (Tel. ${clerk.phone})` : ''}`] : []),
      ...(clerk?.email ? [`E-mail: ${clerk.email}`] : []),
      ...(committee.papersFooter ? [committee.papersFooter] : []),
    ],
  };
}
