import { describe, expect, it } from 'vitest';
import { uuidv7 } from './ids';

describe('uuidv7', () => {
  it('has the layout, version and variant of a UUIDv7', () => {
    const id = uuidv7(Date.UTC(2026, 10, 20, 12, 0, 0));
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('carries its time in the first 48 bits, so ids sort by time', () => {
    const at = Date.UTC(2026, 2, 12, 9, 30, 0);
    const id = uuidv7(at);
    expect(parseInt(id.replace(/-/g, '').slice(0, 12), 16)).toBe(at);
    expect(uuidv7(at) < uuidv7(at + 1)).toBe(true);
  });

  it('differs between two ids made in the same millisecond', () => {
    const at = Date.now();
    expect(uuidv7(at)).not.toBe(uuidv7(at));
  });

  it('uses the random bytes it is given', () => {
    const zeros = uuidv7(0, (bytes) => bytes.fill(0));
    expect(zeros).toBe('00000000-0000-7000-8000-000000000000');
  });
});
