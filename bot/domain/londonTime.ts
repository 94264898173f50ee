import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';

export const LONDON = 'Europe/London';

/** "2023-09-29" + "10:00" in London → "2023-09-29T10:00:00+01:00" (BST/GMT resolved by the tz database). */
export function londonInstant(isoDate: string, hhmm: string): string {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  const [hh, mm] = hhmm.split(':').map(Number) as [number, number];
  return new TZDate(y, m - 1, d, hh, mm, LONDON).toISOString().replace('.000', '');
}

/** The instant seen on a London wall clock. */
export function inLondon(instant: string | Date): TZDate {
  return new TZDate(new Date(instant).getTime(), LONDON);
}

/** "Friday 29 September 2023, 10.00am": how the papers write a meeting's date and time. */
export function formatMeetingDateTime(instant: string): string {
  const t = inLondon(instant);
  return `${format(t, 'EEEE d MMMM yyyy')}, ${format(t, 'h.mm')}${format(t, 'a').toLowerCase()}`;
}

/** "Friday 29 September 2023" */
export function formatMeetingDate(instant: string): string {
  return format(inLondon(instant), 'EEEE d MMMM yyyy');
}

/** "Friday, 29 September 2023 at 10.00 am": the agenda's front sheet. */
export function formatAgendaDateTime(instant: string): string {
  const t = inLondon(instant);
  return `${format(t, 'EEEE, d MMMM yyyy')} at ${format(t, 'h.mm')} ${format(t, 'a').toLowerCase()}`;
}
