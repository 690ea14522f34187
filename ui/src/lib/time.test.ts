import { describe, expect, it } from 'vitest';
import {
  displayDateTime,
  durationBetween,
  formatForInput,
  isTimeZone,
  parseDate,
  parseWallTime,
  wallTimeToUtc,
  zoneAbbreviation,
} from './time';

describe('time zones', () => {
  it('knows IANA zones and refuses others', () => {
    expect(isTimeZone('Europe/Berlin')).toBe(true);
    expect(isTimeZone('UTC')).toBe(true);
    expect(isTimeZone('Mars/Olympus')).toBe(false);
    expect(isTimeZone('')).toBe(false);
  });
});

describe('parseWallTime', () => {
  it('reads a wall time in the report zone as UTC', () => {
    expect(parseWallTime('2026-11-20 14:02', 'Europe/Berlin')).toEqual({ ok: true, iso: '2026-11-20T13:02:00Z' });
    expect(parseWallTime('2026-07-20 14:02', 'Europe/Berlin')).toEqual({ ok: true, iso: '2026-07-20T12:02:00Z' });
    expect(parseWallTime('2026-03-12T09:05:30', 'America/New_York')).toEqual({ ok: true, iso: '2026-03-12T13:05:30Z' });
    expect(parseWallTime('2026-03-12 9.05', 'UTC')).toEqual({ ok: true, iso: '2026-03-12T09:05:00Z' });
  });

  it('takes the date of the base time for a time alone, in the zone', () => {
    // 23:30 UTC on 19 Nov is already 20 Nov in Berlin.
    expect(parseWallTime('08:15', 'Europe/Berlin', '2026-11-19T23:30:00Z')).toEqual({
      ok: true,
      iso: '2026-11-20T07:15:00Z',
    });
    expect(parseWallTime('08:15', 'Europe/Berlin')).toMatchObject({ ok: false });
  });

  it('refuses text that is not a time, and dates that do not exist', () => {
    expect(parseWallTime('yesterday', 'UTC')).toMatchObject({ ok: false });
    expect(parseWallTime('2026-02-30 10:00', 'UTC')).toMatchObject({ ok: false, error: 'That date does not exist.' });
    expect(parseWallTime('2026-02-10 24:00', 'UTC')).toMatchObject({ ok: false });
  });

  it('refuses a wall time skipped when the clocks went forward', () => {
    // Berlin went from 02:00 to 03:00 on 29 March 2026.
    const skipped = parseWallTime('2026-03-29 02:30', 'Europe/Berlin');
    expect(skipped.ok).toBe(false);
    expect(parseWallTime('2026-03-29 01:59', 'Europe/Berlin')).toEqual({ ok: true, iso: '2026-03-29T00:59:00Z' });
    expect(parseWallTime('2026-03-29 03:00', 'Europe/Berlin')).toEqual({ ok: true, iso: '2026-03-29T01:00:00Z' });
  });

  it('takes the first of a wall time that happened twice when the clocks went back', () => {
    // Berlin went from 03:00 back to 02:00 on 25 October 2026: 02:30 happened at 00:30 and 01:30 UTC.
    expect(parseWallTime('2026-10-25 02:30', 'Europe/Berlin')).toEqual({ ok: true, iso: '2026-10-25T00:30:00Z' });
    expect(parseWallTime('2026-10-25 03:30', 'Europe/Berlin')).toEqual({ ok: true, iso: '2026-10-25T02:30:00Z' });
  });

  it('handles zones far from UTC and with half hours', () => {
    expect(parseWallTime('2026-01-01 00:00', 'Pacific/Kiritimati')).toEqual({ ok: true, iso: '2025-12-31T10:00:00Z' });
    expect(parseWallTime('2026-01-01 12:00', 'Asia/Kolkata')).toEqual({ ok: true, iso: '2026-01-01T06:30:00Z' });
  });

  it('round-trips with formatForInput', () => {
    for (const zone of ['Europe/Berlin', 'America/Los_Angeles', 'Australia/Adelaide', 'UTC']) {
      for (const iso of ['2026-03-29T00:59:00Z', '2026-10-25T01:30:00Z', '2026-06-01T12:34:56Z']) {
        const typed = formatForInput(iso, zone);
        const back = parseWallTime(typed, zone);
        if (back.ok) {
          // An ambiguous wall time reads back as its first occurrence, an hour earlier at most.
          expect(Date.parse(iso) - Date.parse(back.iso)).toBeGreaterThanOrEqual(0);
          expect(Date.parse(iso) - Date.parse(back.iso)).toBeLessThanOrEqual(3600_000);
        } else {
          throw new Error(`${typed} in ${zone} did not read back`);
        }
      }
    }
  });
});

describe('formatting', () => {
  it('shows a stored time in the report zone', () => {
    expect(formatForInput('2026-11-20T13:02:00Z', 'Europe/Berlin')).toBe('2026-11-20 14:02');
    expect(formatForInput('2026-11-20T13:02:09Z', 'UTC')).toBe('2026-11-20 13:02:09');
    expect(formatForInput(null, 'UTC')).toBe('');
    expect(formatForInput('2026-11-20T13:02:00Z', 'Mars/Olympus')).toBe('2026-11-20 13:02');
    expect(displayDateTime('2026-11-20T13:02:00Z', 'Europe/Berlin')).toBe('20 Nov 2026, 14:02 CET');
    expect(zoneAbbreviation('2026-07-20T13:02:00Z', 'Europe/Berlin')).toBe('CEST');
  });

  it('gives durations between two times', () => {
    expect(durationBetween('2026-11-20T13:02:00Z', '2026-11-20T14:10:00Z')).toBe('1 h 8 min');
    expect(durationBetween('2026-11-20T13:02:00Z', '2026-11-22T13:02:00Z')).toBe('2 d');
    expect(durationBetween('2026-11-20T13:02:00Z', '2026-11-20T13:02:00Z')).toBe('0 min');
    expect(durationBetween(null, '2026-11-20T13:02:00Z')).toBeNull();
    expect(durationBetween('2026-11-20T14:00:00Z', '2026-11-20T13:00:00Z')).toBeNull();
  });

  it('wallTimeToUtc finds the instant of a wall time', () => {
    expect(wallTimeToUtc({ year: 2026, month: 1, day: 1, hour: 0, minute: 0, second: 0 }, 'UTC')).toBe(
      Date.UTC(2026, 0, 1),
    );
  });
});

describe('parseDate', () => {
  it('reads calendar dates and an empty field', () => {
    expect(parseDate('2026-12-15')).toEqual({ ok: true, date: '2026-12-15' });
    expect(parseDate('2026-1-5')).toEqual({ ok: true, date: '2026-01-05' });
    expect(parseDate('  ')).toEqual({ ok: true, date: null });
    expect(parseDate('2026-02-29')).toMatchObject({ ok: false });
    expect(parseDate('15/12/2026')).toMatchObject({ ok: false });
  });
});
