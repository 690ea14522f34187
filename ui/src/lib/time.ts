// Times in a report's own time zone. The report stores UTC; people read and type the wall-clock
// time of the zone where the incident was handled. Conversions go through Intl, which knows the
// zone's rules, so daylight-saving changes are handled: a wall time that happens twice (clocks
// going back) means its first occurrence, and one that never happens (clocks going forward) is
// refused with a reason.

export interface WallTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

export type ParsedTime = { ok: true; iso: string } | { ok: false; error: string };

const DAY_MS = 24 * 60 * 60 * 1000;
const partFormatters = new Map<string, Intl.DateTimeFormat>();

// Making an Intl formatter is slow, and a long timeline asks for the same few zones again and
// again: the answers are kept.
const knownZones = new Map<string, boolean>();
const abbreviationFormatters = new Map<string, Intl.DateTimeFormat>();

/** Whether Intl knows the IANA zone `zone`. */
export function isTimeZone(zone: string): boolean {
  if (zone.trim() === '') {
    return false;
  }
  let known = knownZones.get(zone);
  if (known === undefined) {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: zone });
      known = true;
    } catch {
      known = false;
    }
    knownZones.set(zone, known);
  }
  return known;
}

/** Every IANA zone Intl knows, for a suggestion list. */
export function timeZones(): string[] {
  const intl = Intl as typeof Intl & { supportedValuesOf?: (key: string) => string[] };
  return intl.supportedValuesOf?.('timeZone') ?? ['UTC'];
}

function partsFormatter(zone: string): Intl.DateTimeFormat {
  let formatter = partFormatters.get(zone);
  if (formatter === undefined) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    partFormatters.set(zone, formatter);
  }
  return formatter;
}

/** The wall-clock time in `zone` at the instant `ms`. */
export function wallTimeAt(ms: number, zone: string): WallTime {
  const wall: WallTime = { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0 };
  for (const part of partsFormatter(zone).formatToParts(new Date(ms))) {
    const value = Number(part.value);
    switch (part.type) {
      case 'year':
        wall.year = value;
        break;
      case 'month':
        wall.month = value;
        break;
      case 'day':
        wall.day = value;
        break;
      case 'hour':
        wall.hour = value % 24;
        break;
      case 'minute':
        wall.minute = value;
        break;
      case 'second':
        wall.second = value;
        break;
      default:
        break;
    }
  }
  return wall;
}

function wallAsUtcMs(wall: WallTime): number {
  return Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);
}

/** How far `zone` is ahead of UTC at the instant `ms`. */
function offsetAt(ms: number, zone: string): number {
  const whole = Math.floor(ms / 1000) * 1000;
  return wallAsUtcMs(wallTimeAt(whole, zone)) - whole;
}

function sameWall(a: WallTime, b: WallTime): boolean {
  return (
    a.year === b.year &&
    a.month === b.month &&
    a.day === b.day &&
    a.hour === b.hour &&
    a.minute === b.minute &&
    a.second === b.second
  );
}

/**
 * The instant when the clocks of `zone` showed `wall`: its first occurrence when it happened twice,
 * null when it never happened.
 */
export function wallTimeToUtc(wall: WallTime, zone: string): number | null {
  const naive = wallAsUtcMs(wall);
  // The zone's offset a day before and after covers any one change of offset around this time.
  const candidates = [naive - DAY_MS, naive, naive + DAY_MS].map((probe) => naive - offsetAt(probe, zone));
  const valid = candidates.filter((ms) => sameWall(wallTimeAt(ms, zone), wall));
  return valid.length === 0 ? null : Math.min(...valid);
}

/** An ISO time without milliseconds, as the core writes them. */
export function isoOf(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function pad(value: number): string {
  return String(value).padStart(2, '0');
}

/** A stored UTC time as typed in the report's zone: `2026-11-20 14:02` (seconds if any). */
export function formatForInput(iso: string | null, zone: string): string {
  if (iso === null) {
    return '';
  }
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) {
    return '';
  }
  const wall = wallTimeAt(ms, safeZone(zone));
  const seconds = wall.second === 0 ? '' : `:${pad(wall.second)}`;
  return `${wall.year}-${pad(wall.month)}-${pad(wall.day)} ${pad(wall.hour)}:${pad(wall.minute)}${seconds}`;
}

function safeZone(zone: string): string {
  return isTimeZone(zone) ? zone : 'UTC';
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

const FULL = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]+|,\s*)(\d{1,2})[:.](\d{2})(?::(\d{2}))?$/;
const TIME_ONLY = /^(\d{1,2})[:.](\d{2})(?::(\d{2}))?$/;

/**
 * Reads a time typed in `zone`: `YYYY-MM-DD HH:MM` (seconds optional), or just `HH:MM` on the day of
 * `baseIso` in that zone. Gives the UTC ISO time, or why the text is not a time.
 */
export function parseWallTime(text: string, zone: string, baseIso: string | null = null): ParsedTime {
  const typed = text.trim();
  const where = safeZone(zone);
  let wall: WallTime;
  const full = FULL.exec(typed);
  const timeOnly = full === null ? TIME_ONLY.exec(typed) : null;
  if (full !== null) {
    wall = {
      year: Number(full[1]),
      month: Number(full[2]),
      day: Number(full[3]),
      hour: Number(full[4]),
      minute: Number(full[5]),
      second: Number(full[6] ?? 0),
    };
  } else if (timeOnly !== null) {
    const base = baseIso === null ? Number.NaN : Date.parse(baseIso);
    if (Number.isNaN(base)) {
      return { ok: false, error: 'Add the date too, as YYYY-MM-DD HH:MM.' };
    }
    const day = wallTimeAt(base, where);
    wall = {
      ...day,
      hour: Number(timeOnly[1]),
      minute: Number(timeOnly[2]),
      second: Number(timeOnly[3] ?? 0),
    };
  } else {
    return { ok: false, error: 'Write the time as YYYY-MM-DD HH:MM, for example 2026-03-12 14:05.' };
  }
  if (wall.month < 1 || wall.month > 12 || wall.day < 1 || wall.day > daysInMonth(wall.year, wall.month)) {
    return { ok: false, error: 'That date does not exist.' };
  }
  if (wall.hour > 23 || wall.minute > 59 || wall.second > 59) {
    return { ok: false, error: 'Hours go up to 23 and minutes up to 59.' };
  }
  const ms = wallTimeToUtc(wall, where);
  if (ms === null) {
    return {
      ok: false,
      error: `That time did not happen in ${where}: the clocks moved forward then. Check the time.`,
    };
  }
  return { ok: true, iso: isoOf(ms) };
}

/** The zone's short name at that time, such as `CET` or `GMT+1`. */
export function zoneAbbreviation(iso: string | null, zone: string): string {
  const ms = iso === null ? Date.now() : Date.parse(iso);
  if (Number.isNaN(ms)) {
    return zone;
  }
  const where = safeZone(zone);
  let formatter = abbreviationFormatters.get(where);
  if (formatter === undefined) {
    formatter = new Intl.DateTimeFormat('en-GB', { timeZone: where, timeZoneName: 'short' });
    abbreviationFormatters.set(where, formatter);
  }
  const parts = formatter.formatToParts(new Date(ms));
  return parts.find((part) => part.type === 'timeZoneName')?.value ?? zone;
}

/** A time for reading: `20 Nov 2026, 14:02 CET`. */
export function displayDateTime(iso: string | null, zone: string, locale?: string): string {
  if (iso === null) {
    return 'not set';
  }
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) {
    return 'not set';
  }
  return new Intl.DateTimeFormat(locale ?? 'en-GB', {
    timeZone: safeZone(zone),
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZoneName: 'short',
  }).format(new Date(ms));
}

/** The time between two stored times, such as `1 h 8 min`, or null when either is missing. */
export function durationBetween(fromIso: string | null, toIso: string | null): string | null {
  if (fromIso === null || toIso === null) {
    return null;
  }
  const minutes = Math.round((Date.parse(toIso) - Date.parse(fromIso)) / 60000);
  if (Number.isNaN(minutes) || minutes < 0) {
    return null;
  }
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const rest = minutes % 60;
  const parts = [days > 0 ? `${days} d` : '', hours > 0 ? `${hours} h` : '', rest > 0 || minutes === 0 ? `${rest} min` : ''];
  return parts.filter((part) => part !== '').join(' ');
}

/** A calendar date (an action item's due date) as typed: `YYYY-MM-DD`, or why it is not one. */
export function parseDate(text: string): { ok: true; date: string | null } | { ok: false; error: string } {
  const typed = text.trim();
  if (typed === '') {
    return { ok: true, date: null };
  }
  const found = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(typed);
  if (found === null) {
    return { ok: false, error: 'Write the date as YYYY-MM-DD.' };
  }
  const [year, month, day] = [Number(found[1]), Number(found[2]), Number(found[3])];
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    return { ok: false, error: 'That date does not exist.' };
  }
  return { ok: true, date: `${year}-${pad(month)}-${pad(day)}` };
}
