import { addDays, addWeeks, format, nextFriday, isFriday } from 'date-fns';

/**
 * The demo board meets quarterly on Fridays at 10.00am. So that every flow can be tried today,
 * its upcoming meetings are placed relative to the day the demo is loaded: the first on the Friday
 * at least a week away (far enough for a notice period, near enough for "apologies for next Friday"),
 * then every thirteen weeks.
 */
export function upcomingQuarterlyFridays(today: Date, count: number): string[] {
  const earliest = addDays(today, 7);
  const first = isFriday(earliest) ? earliest : nextFriday(earliest);
  return Array.from({ length: count }, (_, i) => format(addWeeks(first, i * 13), 'yyyy-MM-dd'));
}
