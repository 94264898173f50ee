import { describe, expect, it } from 'vitest';
import { checkAgreedDates, parseMeetingDates } from '../../bot/domain/meetingDates';

describe('the "future meeting dates" resolutions in the papers', () => {
  it('reads the 2023 resolution: dates listed under "all at 10.00am"', () => {
    const text = `That future meetings of the Board take place on the following dates all at 10.00am:

Friday 29 September 2023;
Friday 15 December 2023;
Friday 22 March 2024;
Friday 28 June 2024;
Friday 27 September 2024;
Friday 13 December 2024.`;
    const { dates, problems } = parseMeetingDates(text);
    expect(problems).toEqual([]);
    expect(dates).toEqual(
      ['2023-09-29', '2023-12-15', '2024-03-22', '2024-06-28', '2024-09-27', '2024-12-13'].map((date) => ({
        date,
        time: '10:00',
      })),
    );
  });

  it('reads the 2020 resolution: each date with its own time', () => {
    const text = `RESOLVED:

That future meetings of the Board take place on the following dates:

Friday 11 December 2020 at 10:00am;

Friday 19 March 2021 at 10:00am;

Friday 18 June 2021 at 10:00am;

Friday 24 September 2021 at 10:00am;

Friday 10 December 2021 at 10:00am.`;
    const { dates, problems } = parseMeetingDates(text);
    expect(problems).toEqual([]);
    expect(dates.map((d) => `${d.date} ${d.time}`)).toEqual([
      '2020-12-11 10:00',
      '2021-03-19 10:00',
      '2021-06-18 10:00',
      '2021-09-24 10:00',
      '2021-12-10 10:00',
    ]);
  });

  it('reads the 2015 wording, without weekdays, and pm times', () => {
    const y2015 = parseMeetingDates('17 March 2016 10:00am 08 June 2016 10:00am 08 September 2016 2.30pm');
    expect(y2015.dates).toEqual([
      { date: '2016-03-17', time: '10:00' },
      { date: '2016-06-08', time: '10:00' },
      { date: '2016-09-08', time: '14:30' },
    ]);
  });

  it('explains what it cannot use, and creates nothing from it', () => {
    expect(parseMeetingDates('the usual Fridays next year').problems[0]?.message).toContain('could not find any dates');
    expect(parseMeetingDates('Friday 30 September 2023 at 10am').problems[0]?.message).toBe(
      '30 September 2023 is a Saturday, not a Friday: please check which is meant.',
    );
    expect(parseMeetingDates('Friday 29 September 2023').problems[0]?.message).toBe(
      'No time is given for Friday 29 September 2023.',
    );
    expect(parseMeetingDates('Friday 29 September 2023', '14:00').dates).toEqual([
      { date: '2023-09-29', time: '14:00' },
    ]);
    expect(parseMeetingDates('31 February 2027 at 10am').problems[0]?.message).toContain('is not a date');
  });
});

describe('checking agreed dates', () => {
  const now = new Date('2026-11-24T09:00:00Z');
  it('refuses past dates and warns of weekends and bank holidays', () => {
    expect(
      checkAgreedDates(
        [
          { date: '2026-11-20', time: '10:00' },
          { date: '2026-12-05', time: '10:00' },
          { date: '2027-03-26', time: '10:00' },
          { date: '2026-12-04', time: '10:00' },
        ],
        now,
      ),
    ).toEqual([
      { date: '2026-11-20', severity: 'error', message: 'Friday 20 November 2026 has already passed.' },
      { date: '2026-12-05', severity: 'warning', message: 'Saturday 5 December 2026 is a Saturday.' },
      { date: '2027-03-26', severity: 'warning', message: 'Friday 26 March 2027 is a bank holiday (Good Friday).' },
    ]);
  });
});
