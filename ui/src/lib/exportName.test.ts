import { describe, expect, it } from 'vitest';
import { exportFileName } from './exportName';

describe('exportFileName', () => {
  it('makes a plain file name from the title and the audience', () => {
    expect(exportFileName('Checkout latency after a cache change', 'external', 'markdown')).toBe(
      'checkout-latency-after-a-cache-change-external.md',
    );
    expect(exportFileName('Café: “TLS” expiry!', 'internal', 'pdf')).toBe('cafe-tls-expiry-internal.pdf');
    expect(exportFileName('   ', 'internal', 'markdown')).toBe('postmortem-internal.md');
    expect(exportFileName('x'.repeat(200), 'internal', 'markdown')).toBe(`${'x'.repeat(60)}-internal.md`);
  });
});
