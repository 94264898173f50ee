import { format, isWeekend, parse as parseDate } from 'date-fns';
import { bankHolidayName, type WorkingDayRule } from './workingDays';
import { londonInstant } from './londonTime';

/** One agreed meeting date: the day and the London wall-clock time it starts. */
export interface AgreedDate {
  /** 2023-09-29 */
  date: string;
  /** 10:00 (24-hour) */
  time: string;
}

export interface DateProblem {
  date?: string;
  /** An error creates nothing; a warning is shown for the clerk to confirm. */
  severity: 'error' | 'warning';
  message: string;
}

const MONTHS = 'January|February|March|April|May|June|July|August|September|October|November|December';
const WEEKDAYS = 'Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday';
const TIME = String.raw`(\d{1,2})(?:[.:](\d{2}))?\s*(am|pm|a\.m\.|p\.m\.)`;
const DATE = new RegExp(
  String.raw`(?:\b(${WEEKDAYS}),?\s+)?\b(\d{1,2})(?:st|nd|rd|th)?\s+(${MONTHS})\s+(\d{4})(?:,?\s+(?:at\s+)?${TIME})?`,
  'gi',
);
/** "all at 10.00am", "at 10:00am" before the list: the time for dates that give none. */
const ALL_AT = new RegExp(String.raw`\ball\s+at\s+${TIME}`, 'i');

function clock(h: string, m: string | undefined, meridiem: string): string | undefined {
  let hour = Number(h);
  const minute = Number(m ?? '0');
  if (hour < 1 || hour > 12 || minute > 59) return undefined;
  const pm = meridiem.toLowerCase().startsWith('p');
  if (pm && hour !== 12) hour += 12;
  if (!pm && hour === 12) hour = 0;
  return `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
}

/**
 * The dates of a "future meetings" resolution, worded as the papers word them: "That future meetings
 * of the Board take place on the following dates all at 10.00am: Friday 29 September 2023; …", or each
 * date with its own time ("Friday 11 December 2020 at 10:00am;"), or without weekdays ("17 March 2016
 * 10:00am"). A weekday that does not match its date is an error: one of the two is a typing mistake.
 */
export function parseMeetingDates(
  text: string,
  defaultTime?: string,
): { dates: AgreedDate[]; problems: DateProblem[] } {
  const allAt = ALL_AT.exec(text);
  const common = allAt ? clock(allAt[1] as string, allAt[2], allAt[3] as string) : defaultTime;
  const dates: AgreedDate[] = [];
  const problems: DateProblem[] = [];
  for (const m of text.matchAll(DATE)) {
    const [, weekday, day, month, year, h, min, meridiem] = m;
    const parsed = parseDate(`${day} ${month} ${year}`, 'd MMMM yyyy', new Date(2000, 0, 1));
    if (Number.isNaN(parsed.getTime()) || parsed.getDate() !== Number(day)) {
      problems.push({ severity: 'error', message: `"${m[0].trim()}" is not a date.` });
      continue;
    }
    const date = format(parsed, 'yyyy-MM-dd');
    if (weekday && format(parsed, 'EEEE').toLowerCase() !== weekday.toLowerCase())
      problems.push({
        date,
        severity: 'error',
        message: `${day} ${month} ${year} is a ${format(parsed, 'EEEE')}, not a ${weekday}: please check which is meant.`,
      });
    const time = h && meridiem ? clock(h, min, meridiem) : common;
    if (!time) {
      problems.push({
        date,
        severity: 'error',
        message: `No time is given for ${format(parsed, 'EEEE d MMMM yyyy')}.`,
      });
      continue;
    }
    if (dates.some((d) => d.date === date)) continue;
    dates.push({ date, time });
  }
  if (!dates.length && !problems.length)
    problems.push({
      severity: 'error',
      message:
        'I could not find any dates. Write them as the resolution does, e.g. "Friday 29 September 2023 at 10.00am; Friday 15 December 2023 at 10.00am".',
    });
  return { dates: dates.sort((a, b) => a.date.localeCompare(b.date)), problems };
}

/** What the clerk should know before the meetings are booked: past dates refuse; weekends and bank holidays warn. */
export function checkAgreedDates(
  dates: readonly AgreedDate[],
  now: Date,
  region: WorkingDayRule['holidayRegion'] = 'GB-ENG',
): DateProblem[] {
  return dates.flatMap((d): DateProblem[] => {
    const day = parseDate(d.date, 'yyyy-MM-dd', new Date(2000, 0, 1));
    const label = format(day, 'EEEE d MMMM yyyy');
    if (Date.parse(londonInstant(d.date, d.time)) <= now.getTime())
      return [{ date: d.date, severity: 'error', message: `${label} has already passed.` }];
    const holiday = bankHolidayName(d.date, region);
    if (holiday) return [{ date: d.date, severity: 'warning', message: `${label} is a bank holiday (${holiday}).` }];
    if (isWeekend(day))
      return [{ date: d.date, severity: 'warning', message: `${label} is a ${format(day, 'EEEE')}.` }];
    return [];
  });
}
