import { afterEach, expect, it } from 'vitest';
import { markAfterPaint, timed } from './timing';

afterEach(() => {
  performance.clearMarks();
  performance.clearMeasures();
});

it('records a measure for work that succeeds and passes its result on', async () => {
  const result = await timed('test:ok', () => Promise.resolve(42));
  expect(result).toBe(42);
  const entries = performance.getEntriesByName('test:ok', 'measure');
  expect(entries).toHaveLength(1);
  expect(entries[0]?.duration).toBeGreaterThanOrEqual(0);
});

it('records a measure for work that fails and passes the failure on', async () => {
  await expect(timed('test:failed', () => Promise.reject(new Error('refused')))).rejects.toThrow('refused');
  expect(performance.getEntriesByName('test:failed', 'measure')).toHaveLength(1);
});

it('keeps at most a thousand measures of one name', async () => {
  for (let index = 0; index < 1001; index += 1) {
    await timed('test:many', () => Promise.resolve(index));
  }
  expect(performance.getEntriesByName('test:many', 'measure')).toHaveLength(1);
  await timed('test:many', () => Promise.resolve(0));
  expect(performance.getEntriesByName('test:many', 'measure')).toHaveLength(2);
});

it('sets a mark at once where no frames are drawn', () => {
  markAfterPaint('test:shown');
  expect(performance.getEntriesByName('test:shown', 'mark')).toHaveLength(1);
});
