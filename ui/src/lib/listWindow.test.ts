import { describe, expect, it } from 'vitest';
import { listWindow, rowOffset } from './listWindow';

const hundred = Array.from({ length: 100 }, () => 100);

describe('listWindow', () => {
  it('builds the rows in view and a margin around them', () => {
    expect(listWindow(hundred, 0, 800, 200)).toEqual({ first: 0, last: 9, before: 0, after: 9000 });
    expect(listWindow(hundred, 2000, 2800, 200)).toEqual({ first: 18, last: 29, before: 1800, after: 7000 });
  });

  it('keeps the spacers and rows as tall as the whole list', () => {
    const heights = hundred.map((_, index) => 80 + (index % 7) * 10);
    const total = heights.reduce((sum, height) => sum + height, 0);
    const window = listWindow(heights, 3000, 3600, 300);
    const built = heights.slice(window.first, window.last + 1).reduce((sum, height) => sum + height, 0);
    expect(window.before + built + window.after).toBe(total);
    expect(window.before).toBe(rowOffset(heights, window.first));
  });

  it('always builds the row with the focus', () => {
    const window = listWindow(hundred, 0, 800, 200, 60);
    expect(window.first).toBe(0);
    expect(window.last).toBe(60);
  });

  it('copes with an empty list and a view past the end', () => {
    expect(listWindow([], 0, 800, 200)).toEqual({ first: 0, last: -1, before: 0, after: 0 });
    expect(listWindow(hundred, 20_000, 20_800, 200)).toEqual({ first: 99, last: 99, before: 9900, after: 0 });
    expect(listWindow(hundred, -500, -100, 50)).toEqual({ first: 0, last: 0, before: 0, after: 9900 });
  });
});
