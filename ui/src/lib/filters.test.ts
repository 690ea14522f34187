import { describe, expect, it } from 'vitest';
import type { PostmortemSummary } from './bindings/PostmortemSummary';
import { facets, isFiltering, matches, NO_FILTERS, parseList } from './filters';

function summary(overrides: Partial<PostmortemSummary>): PostmortemSummary {
  return {
    id: 'x',
    title: 'A',
    status: 'draft',
    severity: null,
    started: null,
    timeZone: 'UTC',
    owner: null,
    services: [],
    tags: [],
    updatedAt: '2026-11-20T09:00:00Z',
    revision: 1,
    ...overrides,
  };
}

describe('library filters', () => {
  const checkout = summary({ status: 'in_review', severity: 'sev2', services: ['checkout', 'cache'], tags: ['config'] });
  const search = summary({ status: 'closed', severity: 'sev3', services: ['search'], tags: ['capacity'] });

  it('match on every filter that is set', () => {
    expect(isFiltering(NO_FILTERS)).toBe(false);
    expect(matches(checkout, NO_FILTERS)).toBe(true);
    expect(matches(checkout, { ...NO_FILTERS, status: 'in_review' })).toBe(true);
    expect(matches(search, { ...NO_FILTERS, status: 'in_review' })).toBe(false);
    expect(matches(checkout, { ...NO_FILTERS, severity: 'sev2', service: 'cache' })).toBe(true);
    expect(matches(checkout, { ...NO_FILTERS, severity: 'sev2', tag: 'capacity' })).toBe(false);
    expect(isFiltering({ ...NO_FILTERS, tag: 'config' })).toBe(true);
  });

  it('offer the services and tags in use', () => {
    expect(facets([search, checkout])).toEqual({ services: ['cache', 'checkout', 'search'], tags: ['capacity', 'config'] });
  });

  it('read comma-separated lists', () => {
    expect(parseList(' checkout, session-cache ,, Checkout ')).toEqual(['checkout', 'session-cache']);
    expect(parseList('')).toEqual([]);
  });
});
