import { describe, expect, it } from 'vitest';
import {
  ALL_TIME,
  dayLabel,
  isAllTime,
  localToday,
  parseDay,
  periodQuery,
  periodWords,
  type PeriodPreset,
  type PeriodQuery,
  type TrendsPeriod,
} from './period';

function preset(value: PeriodPreset): TrendsPeriod {
  return { preset: value, from: '', to: '' };
}

function custom(from: string, to: string): TrendsPeriod {
  return { preset: 'custom', from, to };
}

function query(result: PeriodQuery): { from: string | null; to: string | null } {
  if (!result.ok) {
    throw new Error(`expected a query, got: ${result.problem}`);
  }
  return result.query;
}

describe('the presets', () => {
  it('ask for the whole library when all time is chosen', () => {
    expect(query(periodQuery(ALL_TIME, '2026-11-27'))).toEqual({ from: null, to: null });
  });

  it('end today and hold exactly the days they name', () => {
    const today = '2026-11-27';
    expect(query(periodQuery(preset('last-12-months'), today))).toEqual({ from: '2025-11-28', to: '2026-11-27' });
    expect(query(periodQuery(preset('last-6-months'), today))).toEqual({ from: '2026-05-28', to: '2026-11-27' });
    expect(query(periodQuery(preset('last-90-days'), today))).toEqual({ from: '2026-08-30', to: '2026-11-27' });
    expect(query(periodQuery(preset('this-year'), today))).toEqual({ from: '2026-01-01', to: '2026-11-27' });
  });

  it('count the last 90 days as today and the 89 before it, across a year end', () => {
    expect(query(periodQuery(preset('last-90-days'), '2026-01-15'))).toEqual({ from: '2025-10-18', to: '2026-01-15' });
  });

  it('count months back from the end of a long month to the end of a short one', () => {
    // 31 August less six months is the last day of February; the period starts the day after.
    expect(query(periodQuery(preset('last-6-months'), '2026-08-31'))).toEqual({ from: '2026-03-01', to: '2026-08-31' });
    // In a leap year, 29 February less twelve months is 28 February.
    expect(query(periodQuery(preset('last-12-months'), '2028-02-29'))).toEqual({ from: '2027-03-01', to: '2028-02-29' });
  });

  it('make this year one day long on the first of January', () => {
    expect(query(periodQuery(preset('this-year'), '2027-01-01'))).toEqual({ from: '2027-01-01', to: '2027-01-01' });
  });

  it('refuse a today that is not a date rather than guess', () => {
    const result = periodQuery(preset('last-90-days'), 'yesterday');
    expect(result.ok).toBe(false);
  });
});

describe('a custom period', () => {
  it('passes both days as chosen, both ends included', () => {
    expect(query(periodQuery(custom('2026-09-01', '2026-10-31'), '2026-11-27'))).toEqual({
      from: '2026-09-01',
      to: '2026-10-31',
    });
  });

  it('may be a single day', () => {
    expect(query(periodQuery(custom('2026-09-14', '2026-09-14'), '2026-11-27'))).toEqual({
      from: '2026-09-14',
      to: '2026-09-14',
    });
  });

  it('does not depend on today', () => {
    expect(periodQuery(custom('2020-01-01', '2020-12-31'), '2026-11-27')).toEqual(
      periodQuery(custom('2020-01-01', '2020-12-31'), '1999-01-01'),
    );
  });

  it('refuses a first day after the last, and says both days', () => {
    const result = periodQuery(custom('2026-10-31', '2026-09-01'), '2026-11-27');
    expect(result).toEqual({
      ok: false,
      field: 'both',
      problem: 'The period starts on 31 Oct 2026, after its end on 1 Sep 2026. Choose a first day on or before the last.',
    });
  });

  it('asks for the day that is missing', () => {
    expect(periodQuery(custom('', ''), '2026-11-27')).toMatchObject({ ok: false, field: 'both' });
    expect(periodQuery(custom('', '2026-10-31'), '2026-11-27')).toMatchObject({
      ok: false,
      field: 'from',
      problem: 'Choose the first day of the period too.',
    });
    expect(periodQuery(custom('2026-09-01', '  '), '2026-11-27')).toMatchObject({
      ok: false,
      field: 'to',
      problem: 'Choose the last day of the period too.',
    });
  });

  it('refuses text that is not a day, and names it', () => {
    const notADay = periodQuery(custom('2026-02-30', '2026-03-31'), '2026-11-27');
    expect(notADay).toMatchObject({ ok: false, field: 'from' });
    expect(notADay.ok ? '' : notADay.problem).toContain('“2026-02-30” is not a date');
    expect(periodQuery(custom('2026-01-01', '31/12/2026'), '2026-11-27')).toMatchObject({ ok: false, field: 'to' });
  });
});

describe('the words of a period', () => {
  it('name both ends, one end, or the whole library', () => {
    expect(periodWords({ from: '2026-09-01', to: '2026-10-31' })).toBe('from 1 Sep 2026 to 31 Oct 2026');
    expect(periodWords({ from: '2026-09-01', to: null })).toBe('from 1 Sep 2026 on');
    expect(periodWords({ from: null, to: '2026-10-31' })).toBe('up to 31 Oct 2026');
    expect(periodWords({ from: null, to: null })).toBe('in the whole library');
    expect(isAllTime({ from: null, to: null })).toBe(true);
    expect(isAllTime({ from: '2026-09-01', to: null })).toBe(false);
  });

  it('read days and leave anything else as it is', () => {
    expect(dayLabel('2026-01-05')).toBe('5 Jan 2026');
    expect(dayLabel('soon')).toBe('soon');
    expect(parseDay('2026-13-01')).toBeNull();
    expect(parseDay('2024-02-29')).toEqual({ year: 2024, month: 2, day: 29 });
  });

  it('take today from the local calendar', () => {
    expect(localToday(new Date(2026, 0, 9, 23, 30))).toBe('2026-01-09');
  });
});
