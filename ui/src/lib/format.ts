// Words and dates as the report list shows them.

import type { Severity } from './bindings/Severity';
import type { Status } from './bindings/Status';

const STATUS_LABELS: Record<Status, string> = {
  draft: 'Draft',
  in_review: 'In review',
  reviewed: 'Reviewed',
  closed: 'Closed',
};

export function statusLabel(status: Status): string {
  return STATUS_LABELS[status];
}

export function severityLabel(severity: Severity | null): string {
  return severity === null ? 'No severity' : severity.toUpperCase();
}

/**
 * The day an incident started, in the report's own time zone (where the people who handled it
 * were), for example "12 Mar 2026". An unknown zone falls back to UTC rather than failing.
 */
export function incidentDate(started: string | null, timeZone: string, locale?: string): string {
  if (started === null) {
    return 'No start time';
  }
  const instant = new Date(started);
  if (Number.isNaN(instant.getTime())) {
    return 'No start time';
  }
  return dayFormat(locale, timeZone).format(instant);
}

/** Formatters by locale and zone: making one costs far more than using it (half a millisecond in
 * WebKit), and a list shows many reports of few zones. */
const dayFormats = new Map<string, Intl.DateTimeFormat>();

function dayFormat(locale: string | undefined, timeZone: string): Intl.DateTimeFormat {
  const key = `${locale ?? ''}\n${timeZone}`;
  let format = dayFormats.get(key);
  if (format === undefined) {
    const options: Intl.DateTimeFormatOptions = { day: 'numeric', month: 'short', year: 'numeric' };
    try {
      format = new Intl.DateTimeFormat(locale, { ...options, timeZone });
    } catch {
      format = new Intl.DateTimeFormat(locale, { ...options, timeZone: 'UTC' });
    }
    dayFormats.set(key, format);
  }
  return format;
}

export interface SnippetPart {
  text: string;
  match: boolean;
}

/** Splits a search snippet, whose matches the store puts between `[` and `]`, into parts. */
export function snippetParts(snippet: string): SnippetPart[] {
  const parts: SnippetPart[] = [];
  const pattern = /\[([^\]]*)\]/g;
  let last = 0;
  for (const found of snippet.matchAll(pattern)) {
    const start = found.index;
    if (start > last) {
      parts.push({ text: snippet.slice(last, start), match: false });
    }
    parts.push({ text: found[1] ?? '', match: true });
    last = start + found[0].length;
  }
  if (last < snippet.length) {
    parts.push({ text: snippet.slice(last), match: false });
  }
  return parts;
}
