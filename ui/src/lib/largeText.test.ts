import { describe, expect, it } from 'vitest';
import { isLargeText, LARGE_TEXT_LIMIT, pasteInto, textSize } from './largeText';

describe('large texts', () => {
  it('are the ones above the limit', () => {
    expect(isLargeText('x'.repeat(LARGE_TEXT_LIMIT))).toBe(false);
    expect(isLargeText('x'.repeat(LARGE_TEXT_LIMIT + 1))).toBe(true);
  });

  it('take a paste in place of the selection', () => {
    expect(pasteInto('the backlog grew', 4, 11, 'queue')).toBe('the queue grew');
    expect(pasteInto('ab', 1, 1, 'X')).toBe('aXb');
    expect(pasteInto('ab', 5, 9, 'X')).toBe('abX');
    expect(pasteInto('abc', 2, 1, 'X')).toBe('aXc');
  });

  it('say their size', () => {
    expect(textSize('x'.repeat(10 * 1024 * 1024))).toBe('10.0 MB');
    expect(textSize('x'.repeat(300 * 1024))).toBe('300 KB');
    expect(textSize('é'.repeat(1024))).toBe('2 KB');
  });
});
