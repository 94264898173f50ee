import { format } from 'date-fns';
import type { NoticeRule } from './committee';
import { inLondon } from './londonTime';
import { addWorkingDays, clearWorkingDaysBetween } from './workingDays';

export interface NoticeCheck {
  /** The last day the agenda can be published and still give full notice. */
  lastDayToPublish: string;
  /** Clear days between publishing on `publishOn` and the meeting. */
  clearDays: number;
  late: boolean;
  /** "5 clear working days are required; publishing on 30 November gives 3." */
  explanation: string;
}

const day = (instant: string | Date) => format(inLondon(instant), 'yyyy-MM-dd');
const words = (isoDate: string) => format(new Date(`${isoDate}T12:00:00Z`), 'EEEE d MMMM yyyy');

/**
 * Local Government Act 1972 s.100B: the agenda must be open to inspection for N clear days before the
 * meeting. "Clear" leaves out the day of publication and the day of the meeting, and (as most councils
 * read it, and as the committee configures) weekends and bank holidays.
 */
export function checkNotice(meetingStartsAt: string, publishOn: string | Date, rule: NoticeRule): NoticeCheck {
  const meetingDay = day(meetingStartsAt);
  const publishDay =
    typeof publishOn === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(publishOn) ? publishOn : day(publishOn);
  const counted = clearWorkingDaysBetween(publishDay, meetingDay, rule);
  const lastDayToPublish = addWorkingDays(meetingDay, -(rule.clearDays + 1), rule);
  const kind = [rule.excludeWeekends || rule.excludeBankHolidays ? 'working ' : ''].join('');
  const late = counted < rule.clearDays;
  return {
    lastDayToPublish,
    clearDays: counted,
    late,
    explanation: late
      ? `${rule.clearDays} clear ${kind}days' notice is required. Publishing on ${words(publishDay)} gives ${counted}; the last day to publish was ${words(lastDayToPublish)}.`
      : `Publishing on ${words(publishDay)} gives ${counted} clear ${kind}days' notice (${rule.clearDays} required).`,
  };
}
