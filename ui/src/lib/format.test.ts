import { describe, expect, it } from 'vitest';
import { incidentDate, severityLabel, snippetParts, statusLabel } from './format';

describe('incidentDate', () => {
  it('shows the day in the report time zone', () => {
    // 23:30 UTC on the 11th is already the 12th in Berlin.
    expect(incidentDate('2026-03-11T23:30:00Z', 'Europe/Berlin', 'en-GB')).toBe('12 Mar 2026');
    expect(incidentDate('2026-03-11T23:30:00Z', 'UTC', 'en-GB')).toBe('11 Mar 2026');
  });

  it('falls back to UTC for an unknown zone', () => {
    expect(incidentDate('2026-03-11T23:30:00Z', 'Mars/Olympus', 'en-GB')).toBe('11 Mar 2026');
  });

  it('says when there is no start time', () => {
    expect(incidentDate(null, 'UTC')).toBe('No start time');
    expect(incidentDate('not a date', 'UTC')).toBe('No start time');
  });
});

describe('labels', () => {
  it('names statuses and severities', () => {
    expect(statusLabel('in_review')).toBe('In review');
    expect(severityLabel('sev2')).toBe('SEV2');
    expect(severityLabel(null)).toBe('No severity');
  });
});

describe('snippetParts', () => {
  it('marks the matches', () => {
    expect(snippetParts('…the [cache] was [cold]')).toEqual([
      { text: '…the ', match: false },
      { text: 'cache', match: true },
      { text: ' was ', match: false },
      { text: 'cold', match: true },
    ]);
  });

  it('treats text without brackets as one part', () => {
    expect(snippetParts('plain')).toEqual([{ text: 'plain', match: false }]);
    expect(snippetParts('')).toEqual([]);
  });
});
