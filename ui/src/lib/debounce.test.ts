import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { debounce } from './debounce';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

it('runs once with the last arguments after the pause', () => {
  const seen: string[] = [];
  const search = debounce((query: string) => seen.push(query), 200);
  search('c');
  vi.advanceTimersByTime(100);
  search('ca');
  vi.advanceTimersByTime(100);
  search('cache');
  vi.advanceTimersByTime(199);
  expect(seen).toEqual([]);
  vi.advanceTimersByTime(1);
  expect(seen).toEqual(['cache']);
});

it('can be cancelled', () => {
  const seen: string[] = [];
  const search = debounce((query: string) => seen.push(query), 200);
  search('x');
  search.cancel();
  vi.advanceTimersByTime(1000);
  expect(seen).toEqual([]);
});
