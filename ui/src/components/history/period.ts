// The period the trends cover: a preset counted back from today, or two dates the person picks.
// Turns the choice into the query the core takes (days as `YYYY-MM-DD`, both ends included) and
// into the words shown above the charts. Dates are calendar days; no time zone is involved.

import type { TrendsQuery } from '../../lib/bindings/TrendsQuery';

export type PeriodPreset = 'all' | 'last-12-months' | 'last-6-months' | 'last-90-days' | 'this-year' | 'custom';

/** The presets in the order the picker offers them. */
export const PERIOD_PRESETS: readonly { value: PeriodPreset; label: string }[] = [
  { value: 'all', label: 'All time' },
  { value: 'last-12-months', label: 'Last 12 months' },
  { value: 'last-6-months', label: 'Last 6 months' },
  { value: 'last-90-days', label: 'Last 90 days' },
  { value: 'this-year', label: 'This year' },
  { value: 'custom', label: 'Custom dates…' },
];

/** The chosen period: a preset, and the two dates of the custom one (used when it is chosen). */
export interface TrendsPeriod {
  preset: PeriodPreset;
  from: string;
  to: string;
}

export const ALL_TIME: TrendsPeriod = { preset: 'all', from: '', to: '' };

/** Which of the custom period's dates a problem is about, so that field can say so. */
export type PeriodField = 'from' | 'to' | 'both';

export type PeriodQuery =
  | { ok: true; query: TrendsQuery }
  | { ok: false; field: PeriodField; problem: string };

interface Day {
  year: number;
  month: number;
  day: number;
}

const DAY_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A `YYYY-MM-DD` text as a day, or null when it is not one (such as 2026-02-30). */
export function parseDay(text: string): Day | null {
  const match = DAY_PATTERN.exec(text.trim());
  if (match === null) {
    return null;
  }
  const day = { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
  if (day.year < 1 || day.month < 1 || day.month > 12 || day.day < 1 || day.day > daysInMonth(day.year, day.month)) {
    return null;
  }
  return day;
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function dayText(day: Day): string {
  const pad = (value: number, width: number): string => String(value).padStart(width, '0');
  return `${pad(day.year, 4)}-${pad(day.month, 2)}-${pad(day.day, 2)}`;
}

function addDays(day: Day, count: number): Day {
  const moved = new Date(Date.UTC(day.year, day.month - 1, day.day + count));
  return { year: moved.getUTCFullYear(), month: moved.getUTCMonth() + 1, day: moved.getUTCDate() };
}

/** The same day `count` months earlier, or that month's last day when it is shorter. */
function monthsBefore(day: Day, count: number): Day {
  const index = day.year * 12 + (day.month - 1) - count;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  return { year, month, day: Math.min(day.day, daysInMonth(year, month)) };
}

/** Today where the person is, as `YYYY-MM-DD`: the day they would call today. */
export function localToday(now: Date = new Date()): string {
  return dayText({ year: now.getFullYear(), month: now.getMonth() + 1, day: now.getDate() });
}

/**
 * The query of a period. Presets end today and start so that the period holds exactly the days
 * named: the last 90 days are today and the 89 before it; the last 12 months start the day after
 * the same date a year ago. A custom period needs both dates, the first not after the second.
 */
export function periodQuery(period: TrendsPeriod, today: string): PeriodQuery {
  if (period.preset === 'all') {
    return { ok: true, query: { from: null, to: null } };
  }
  if (period.preset === 'custom') {
    return customQuery(period.from, period.to);
  }
  const end = parseDay(today);
  if (end === null) {
    return { ok: false, field: 'both', problem: `Today’s date (${today}) could not be read, so the period cannot be counted from it.` };
  }
  let start: Day;
  switch (period.preset) {
    case 'last-12-months':
      start = addDays(monthsBefore(end, 12), 1);
      break;
    case 'last-6-months':
      start = addDays(monthsBefore(end, 6), 1);
      break;
    case 'last-90-days':
      start = addDays(end, -89);
      break;
    case 'this-year':
      start = { year: end.year, month: 1, day: 1 };
      break;
  }
  return { ok: true, query: { from: dayText(start), to: dayText(end) } };
}

function customQuery(fromText: string, toText: string): PeriodQuery {
  if (fromText.trim() === '' && toText.trim() === '') {
    return { ok: false, field: 'both', problem: 'Choose the first and the last day of the period.' };
  }
  if (fromText.trim() === '') {
    return { ok: false, field: 'from', problem: 'Choose the first day of the period too.' };
  }
  if (toText.trim() === '') {
    return { ok: false, field: 'to', problem: 'Choose the last day of the period too.' };
  }
  const from = parseDay(fromText);
  if (from === null) {
    return { ok: false, field: 'from', problem: `“${fromText}” is not a date. Write the first day as year-month-day, such as 2026-01-31.` };
  }
  const to = parseDay(toText);
  if (to === null) {
    return { ok: false, field: 'to', problem: `“${toText}” is not a date. Write the last day as year-month-day, such as 2026-01-31.` };
  }
  const first = dayText(from);
  const last = dayText(to);
  if (first > last) {
    return {
      ok: false,
      field: 'both',
      problem: `The period starts on ${dayLabel(first)}, after its end on ${dayLabel(last)}. Choose a first day on or before the last.`,
    };
  }
  return { ok: true, query: { from: first, to: last } };
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** A day `YYYY-MM-DD` as "1 Sep 2026"; anything else as it is. */
export function dayLabel(text: string): string {
  const day = parseDay(text);
  if (day === null) {
    return text;
  }
  return `${day.day} ${MONTHS[day.month - 1] ?? ''} ${day.year}`;
}

/** The period in words, to follow "Over 12 postmortems": "from 1 Sep 2026 to 31 Oct 2026". */
export function periodWords(query: TrendsQuery): string {
  if (query.from !== null && query.to !== null) {
    return `from ${dayLabel(query.from)} to ${dayLabel(query.to)}`;
  }
  if (query.from !== null) {
    return `from ${dayLabel(query.from)} on`;
  }
  if (query.to !== null) {
    return `up to ${dayLabel(query.to)}`;
  }
  return 'in the whole library';
}

/** Whether the query covers the whole library. */
export function isAllTime(query: TrendsQuery): boolean {
  return query.from === null && query.to === null;
}
