import { describe, expect, it } from 'vitest';
import { isFiltering, NO_FILTERS, parseList } from './filters';

describe('library filters', () => {
  it('are on when any one is set', () => {
    expect(isFiltering(NO_FILTERS)).toBe(false);
    expect(isFiltering({ ...NO_FILTERS, tag: 'config' })).toBe(true);
    expect(isFiltering({ ...NO_FILTERS, status: 'in_review' })).toBe(true);
  });

  it('read comma-separated lists', () => {
    expect(parseList(' checkout, session-cache ,, Checkout ')).toEqual(['checkout', 'session-cache']);
    expect(parseList('')).toEqual([]);
  });
});
