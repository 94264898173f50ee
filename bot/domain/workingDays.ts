import Holidays from 'date-holidays';
import type { NoticeRule } from './committee';

export type WorkingDayRule = Pick<NoticeRule, 'excludeWeekends' | 'excludeBankHolidays' | 'holidayRegion'>;

const calendars = new Map<string, Holidays>();

function calendar(region: WorkingDayRule['holidayRegion']): Holidays {
  let hd = calendars.get(region);
  if (!hd) {
    const [country, state] = region.split('-') as [string, string];
    hd = new Holidays(country, state);
    calendars.set(region, hd);
  }
  return hd;
}

/** Noon UTC on the day: the same calendar day in London whatever the season. */
const noon = (isoDate: string) => new Date(`${isoDate}T12:00:00Z`);
const iso = (d: Date) => d.toISOString().slice(0, 10);
const shift = (isoDate: string, days: number) => iso(new Date(noon(isoDate).getTime() + days * 86_400_000));

/** The bank holiday's name ("Good Friday"), or undefined on an ordinary day. */
export function bankHolidayName(isoDate: string, region: WorkingDayRule['holidayRegion']): string | undefined {
  const found = calendar(region).isHoliday(noon(isoDate));
  return Array.isArray(found) ? found.find((h) => h.type === 'public')?.name : undefined;
}

export function isBankHoliday(isoDate: string, region: WorkingDayRule['holidayRegion']): boolean {
  return bankHolidayName(isoDate, region) !== undefined;
}

export function isWorkingDay(isoDate: string, rule: WorkingDayRule): boolean {
  const weekday = noon(isoDate).getUTCDay();
  if (rule.excludeWeekends && (weekday === 0 || weekday === 6)) return false;
  if (rule.excludeBankHolidays && isBankHoliday(isoDate, rule.holidayRegion)) return false;
  return true;
}

/** The working day `n` working days after (n > 0) or before (n < 0) a date; the date itself never counts. */
export function addWorkingDays(isoDate: string, n: number, rule: WorkingDayRule): string {
  const step = n < 0 ? -1 : 1;
  let day = isoDate;
  for (let left = Math.abs(n); left > 0;) {
    day = shift(day, step);
    if (isWorkingDay(day, rule)) left--;
  }
  return day;
}

/** Working days strictly between two dates: neither end counts ("clear days"). */
export function clearWorkingDaysBetween(from: string, to: string, rule: WorkingDayRule): number {
  let count = 0;
  for (let day = shift(from, 1); day < to; day = shift(day, 1)) if (isWorkingDay(day, rule)) count++;
  return count;
}
