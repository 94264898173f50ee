import { describe, expect, it } from 'vitest';
import type { NoticeRule } from '../../bot/domain/committee';
import { checkNotice } from '../../bot/domain/noticePeriod';

const ENGLAND: NoticeRule = { clearDays: 5, excludeWeekends: true, excludeBankHolidays: true, holidayRegion: 'GB-ENG' };
const WALES: NoticeRule = { clearDays: 3, excludeWeekends: true, excludeBankHolidays: true, holidayRegion: 'GB-WLS' };
const at10 = (d: string) => `${d}T10:00:00Z`;

describe('five clear working days (LGA 1972 s.100B)', () => {
  it.each([
    // meeting, last day to publish: an ordinary week, weekends leave out
    ['2026-12-04', '2026-11-26'], // Friday: Thu 26 Nov, then 27, 30, 1, 2, 3 → 5 clear days
    ['2023-09-29', '2023-09-21'], // the board's own meeting of 29 September 2023
    ['2026-11-30', '2026-11-20'], // Monday: back over a weekend
    // Christmas and New Year
    ['2023-12-29', '2023-12-19'], // 25, 26 Dec 2023 are bank holidays
    ['2024-01-05', '2023-12-27'], // 25, 26 Dec and 1 Jan 2024
    ['2025-01-03', '2024-12-23'], // 25, 26 Dec 2024 and 1 Jan 2025
    ['2026-01-02', '2025-12-22'], // 25, 26 Dec 2025, 1 Jan 2026
    ['2027-01-04', '2026-12-22'], // 25 Dec 2026, the substitute day for Boxing Day (Mon 28 Dec) and Fri 1 Jan 2027
    // Easter: Good Friday and Easter Monday
    ['2023-04-14', '2023-04-04'], // Good Friday 7 Apr, Easter Monday 10 Apr 2023
    ['2024-04-05', '2024-03-26'], // Good Friday 29 Mar, Easter Monday 1 Apr 2024
    ['2025-04-25', '2025-04-15'], // Good Friday 18 Apr, Easter Monday 21 Apr 2025
    ['2026-04-10', '2026-03-31'], // Good Friday 3 Apr, Easter Monday 6 Apr 2026
  ])('a meeting on %s needs the agenda out by %s', (meeting, last) => {
    const check = checkNotice(at10(meeting), last, ENGLAND);
    expect(check.lastDayToPublish).toBe(last);
    expect(check.late).toBe(false);
    expect(check.clearDays).toBe(5);
  });

  it('is late a working day after the last day, and says so', () => {
    const check = checkNotice(at10('2026-12-04'), '2026-11-27', ENGLAND);
    expect(check).toMatchObject({ late: true, clearDays: 4 });
    expect(check.explanation).toBe(
      "5 clear working days' notice is required. Publishing on Friday 27 November 2026 gives 4; the last day to publish was Thursday 26 November 2026.",
    );
  });

  it('counts publication on a weekend like the Friday before it, and Monday as late', () => {
    expect(checkNotice(at10('2026-11-30'), '2026-11-21', ENGLAND)).toMatchObject({ late: false, clearDays: 5 });
    expect(checkNotice(at10('2026-11-30'), '2026-11-22', ENGLAND)).toMatchObject({ late: false, clearDays: 5 });
    expect(checkNotice(at10('2026-11-30'), '2026-11-23', ENGLAND)).toMatchObject({ late: true, clearDays: 4 });
  });

  it('uses the bank holidays of the nation and its own number of days (Wales: 3)', () => {
    // St David's Day is not a bank holiday; Welsh and English Easter are the same; 3 days in Wales.
    expect(checkNotice(at10('2026-04-10'), '2026-04-02', WALES).lastDayToPublish).toBe('2026-04-02');
    // 2 January is a bank holiday in Scotland, not in England: one more day back.
    expect(checkNotice(at10('2026-01-09'), '2025-12-31', ENGLAND).lastDayToPublish).toBe('2025-12-31');
    expect(
      checkNotice(at10('2026-01-09'), '2025-12-30', { ...ENGLAND, holidayRegion: 'GB-SCT' }).lastDayToPublish,
    ).toBe('2025-12-30');
  });

  it('counts calendar days when the committee says so', () => {
    const calendar: NoticeRule = {
      clearDays: 5,
      excludeWeekends: false,
      excludeBankHolidays: false,
      holidayRegion: 'GB-ENG',
    };
    expect(checkNotice(at10('2026-12-04'), '2026-11-28', calendar)).toMatchObject({
      late: false,
      lastDayToPublish: '2026-11-28',
    });
  });
});
