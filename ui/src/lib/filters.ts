// The library's filters: by status, severity, service and tag, over the list or the search results
// (the store applies them).

import type { Severity } from './bindings/Severity';
import type { Status } from './bindings/Status';

export interface LibraryFilters {
  status: Status | null;
  severity: Severity | null;
  service: string | null;
  tag: string | null;
}

export const NO_FILTERS: LibraryFilters = { status: null, severity: null, service: null, tag: null };

export function isFiltering(filters: LibraryFilters): boolean {
  return filters.status !== null || filters.severity !== null || filters.service !== null || filters.tag !== null;
}

/** A comma-separated list as typed (services, tags): trimmed, without blanks or repeats. */
export function parseList(text: string): string[] {
  const seen = new Set<string>();
  const items: string[] = [];
  for (const part of text.split(',')) {
    const item = part.trim();
    if (item !== '' && !seen.has(item.toLowerCase())) {
      seen.add(item.toLowerCase());
      items.push(item);
    }
  }
  return items;
}
