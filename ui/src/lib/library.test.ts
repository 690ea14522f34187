import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { LibraryQuery } from './bindings/LibraryQuery';
import type { LibraryPage } from './bindings/LibraryPage';
import type { PostmortemSummary } from './bindings/PostmortemSummary';
import { blankReport } from './fixtures';
import { countLabel, Library, PAGE_SIZE, SEARCH_PAGE_SIZE, type LibrarySource } from './library.svelte';

function summary(index: number): PostmortemSummary {
  return {
    id: `id-${index}`,
    title: `Incident ${index}`,
    status: index % 2 === 0 ? 'draft' : 'reviewed',
    severity: null,
    started: null,
    timeZone: 'UTC',
    owner: null,
    services: [],
    tags: [],
    updatedAt: '2026-11-20T09:00:00Z',
    revision: 1,
  };
}

/** A store of `size` reports that answers like the real one, and records what it was asked. */
function fakeSource(size: number) {
  const all = Array.from({ length: size }, (_, index) => summary(index));
  const asked: LibraryQuery[] = [];
  const pending: { resolve: () => void }[] = [];
  let hold = false;
  const source: LibrarySource = {
    page: async (query) => {
      asked.push(query);
      if (hold) {
        await new Promise<void>((resolve) => pending.push({ resolve }));
      }
      const matching = all.filter(
        (report) =>
          (query.status === null || report.status === query.status) &&
          (query.text === '' || report.title.includes(query.text)),
      );
      const page: LibraryPage = {
        rows: matching
          .slice(query.offset, query.offset + query.limit)
          .map((report) => ({ report, snippet: query.text === '' ? null : `[${query.text}]` })),
        total: matching.length,
        librarySize: all.length,
      };
      return page;
    },
    facets: async () => ({ services: ['api'], tags: ['db'] }),
    readiness: async (ids) => ids.map((id) => ({ id, score: 40 })),
  };
  return {
    source,
    asked,
    holdAnswers: () => (hold = true),
    release: (index: number) => pending[index]?.resolve(),
  };
}

async function settle(): Promise<void> {
  for (let turn = 0; turn < 20; turn += 1) {
    await Promise.resolve();
  }
}

describe('Library', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('shows the first page, then the next ones, with their scores', async () => {
    const fake = fakeSource(250);
    const library = new Library(fake.source);
    await library.load();
    await settle();
    expect(library.entries).toHaveLength(PAGE_SIZE);
    expect([library.total, library.librarySize, library.hasMore]).toEqual([250, 250, true]);
    expect(library.facets).toEqual({ services: ['api'], tags: ['db'] });
    expect(library.scores.get('id-0')).toBe(40);

    await library.showMore();
    await library.showMore();
    await settle();
    expect(library.entries.map((entry) => entry.report.id).slice(-1)).toEqual(['id-249']);
    expect(library.entries).toHaveLength(250);
    expect(library.hasMore).toBe(false);
    expect(library.scores.get('id-249')).toBe(40);
    await library.showMore();
    expect(fake.asked).toHaveLength(3);
  });

  it('asks the store for a search after a pause in typing, from its first page', async () => {
    const fake = fakeSource(250);
    const library = new Library(fake.source);
    await library.load();
    await library.showMore();
    library.setQuery('Incident 1');
    library.setQuery('Incident 12');
    expect(fake.asked).toHaveLength(2);
    vi.advanceTimersByTime(200);
    await settle();
    expect(fake.asked).toHaveLength(3);
    expect(fake.asked[2]).toMatchObject({ text: 'Incident 12', offset: 0, limit: SEARCH_PAGE_SIZE });
    expect(library.entries.map((entry) => entry.report.title)).toEqual([
      'Incident 12',
      ...Array.from({ length: 10 }, (_, digit) => `Incident 12${digit}`),
    ]);
    expect(library.entries[0]?.snippet).toBe('[Incident 12]');
    // A search's next page is as long as its first.
    library.setQuery('Incident');
    vi.advanceTimersByTime(200);
    await settle();
    expect(library.entries).toHaveLength(SEARCH_PAGE_SIZE);
    await library.showMore();
    expect(fake.asked.at(-1)).toMatchObject({ text: 'Incident', offset: SEARCH_PAGE_SIZE, limit: SEARCH_PAGE_SIZE });
    expect(library.entries).toHaveLength(2 * SEARCH_PAGE_SIZE);

    library.clearSearch();
    await settle();
    expect(library.entries).toHaveLength(PAGE_SIZE);
    expect(library.searching).toBe(false);
  });

  it('applies filters in the store and starts again from the first page', async () => {
    const fake = fakeSource(250);
    const library = new Library(fake.source);
    await library.load();
    await library.showMore();
    library.setFilters({ status: 'reviewed', severity: null, service: null, tag: null });
    await settle();
    expect(fake.asked.at(-1)).toMatchObject({ status: 'reviewed', offset: 0 });
    expect(library.total).toBe(125);
    expect(library.entries.every((entry) => entry.report.status === 'reviewed')).toBe(true);
    expect(library.entries).toHaveLength(PAGE_SIZE);
  });

  it('drops an answer that arrives after a newer question', async () => {
    const fake = fakeSource(30);
    const library = new Library(fake.source);
    await library.load();
    fake.holdAnswers();
    library.setQuery('Incident 2');
    vi.advanceTimersByTime(200);
    library.setQuery('');
    await settle();
    fake.release(1);
    await settle();
    fake.release(0);
    await settle();
    expect(library.entries).toHaveLength(30);
    expect(library.searching).toBe(false);
  });

  it('lets the next page be asked for again when a new question drops the one in flight', async () => {
    const fake = fakeSource(250);
    const library = new Library(fake.source);
    await library.load();
    fake.holdAnswers();
    const stale = library.showMore();
    expect(library.loadingMore).toBe(true);
    library.setQuery('Incident');
    vi.advanceTimersByTime(200);
    await settle();
    fake.release(1);
    await settle();
    expect(library.loadingMore).toBe(false);
    const next = library.showMore();
    await settle();
    fake.release(2);
    await next;
    fake.release(0);
    await stale;
    expect(library.entries).toHaveLength(2 * SEARCH_PAGE_SIZE);
    expect(library.entries.every((entry) => entry.report.title.includes('Incident'))).toBe(true);
  });

  it('keeps as many rows as were shown when it reads the list again', async () => {
    const fake = fakeSource(250);
    const library = new Library(fake.source);
    await library.load();
    await library.showMore();
    await library.refresh();
    expect(fake.asked.at(-1)).toMatchObject({ offset: 0, limit: 2 * PAGE_SIZE });
    expect(library.entries).toHaveLength(2 * PAGE_SIZE);
  });

  it('shows a save in its row without asking the store', async () => {
    const fake = fakeSource(3);
    const library = new Library(fake.source);
    await library.load();
    const saved = { ...blankReport(), id: 'id-1', title: 'Queue backlog', revision: 4 };
    library.showSaved(saved);
    expect(library.entries[1]?.report.title).toBe('Queue backlog');
    expect(library.entries[1]?.report.revision).toBe(4);
    expect(fake.asked).toHaveLength(1);
  });
});

describe('countLabel', () => {
  it('says how many are shown of how many', () => {
    expect(countLabel(1, 1, 1, false)).toBe('1 postmortem');
    expect(countLabel(12, 12, 12, false)).toBe('12 postmortems');
    expect(countLabel(100, 10000, 10000, false)).toBe('Showing 100 of 10,000 postmortems');
    expect(countLabel(3, 3, 10000, true)).toBe('3 of 10,000 postmortems found');
    expect(countLabel(100, 250, 10000, true)).toBe('250 of 10,000 postmortems found, showing 100');
    expect(countLabel(0, 0, 1, true)).toBe('0 of 1 postmortem found');
  });
});
