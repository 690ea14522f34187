// The library's filters: by status, severity, service and tag, over the list or the search results.

import type { PostmortemSummary } from './bindings/PostmortemSummary';
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

export function matches(report: PostmortemSummary, filters: LibraryFilters): boolean {
  return (
    (filters.status === null || report.status === filters.status) &&
    (filters.severity === null || report.severity === filters.severity) &&
    (filters.service === null || report.services.includes(filters.service)) &&
    (filters.tag === null || report.tags.includes(filters.tag))
  );
}

/** The services and tags used in the library, each sorted, for the filter menus. */
export function facets(reports: readonly PostmortemSummary[]): { services: string[]; tags: string[] } {
  const services = new Set<string>();
  const tags = new Set<string>();
  for (const report of reports) {
    report.services.forEach((service) => services.add(service));
    report.tags.forEach((tag) => tags.add(tag));
  }
  const sorted = (values: Set<string>) => [...values].sort((a, b) => a.localeCompare(b));
  return { services: sorted(services), tags: sorted(tags) };
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
