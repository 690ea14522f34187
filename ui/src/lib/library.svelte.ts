// The library: the postmortems of the database a page at a time, in the library's order or as
// search results, narrowed by the filters, with each shown report's readiness score. The store
// does the searching, filtering and counting, so a library of thousands of reports shows as fast
// as a small one.

import type { LibraryFacets } from './bindings/LibraryFacets';
import type { LibraryPage } from './bindings/LibraryPage';
import type { LibraryRow } from './bindings/LibraryRow';
import type { Postmortem } from './bindings/Postmortem';
import type { PostmortemSummary } from './bindings/PostmortemSummary';
import { debounce } from './debounce';
import { NO_FILTERS, type LibraryFilters } from './filters';
import { toIpcError, type IpcError } from './ipc';
import { libraryFacets, libraryPage, listReadiness } from './reports';
import { afterPaint } from './timing';

const SEARCH_DELAY_MS = 150;

/** Rows of the list asked for at a time. */
export const PAGE_SIZE = 100;

/** Rows of a search asked for at a time: each comes with a snippet of its text, which the store
 * makes by reading that text, so a search asks for a screenful and the rest as it scrolls. */
export const SEARCH_PAGE_SIZE = 25;

export type LibraryEntry = LibraryRow;

/** What the library needs of the store; the app passes the commands, tests pass fakes. */
export interface LibrarySource {
  page: typeof libraryPage;
  facets: typeof libraryFacets;
  readiness: typeof listReadiness;
}

const COMMANDS: LibrarySource = { page: libraryPage, facets: libraryFacets, readiness: listReadiness };

export class Library {
  /** The rows shown: the first pages of the list or of the search results. */
  entries: LibraryEntry[] = $state.raw([]);
  /** How many reports match the search and filters, on every page. */
  total = $state(0);
  /** How many reports the library holds. */
  librarySize = $state(0);
  scores: Map<string, number> = $state.raw(new Map());
  query = $state('');
  filters: LibraryFilters = $state.raw({ ...NO_FILTERS });
  facets: LibraryFacets = $state.raw({ services: [], tags: [] });
  problem: IpcError | null = $state(null);
  loaded = $state(false);
  loadingMore = $state(false);

  readonly searching = $derived(this.query.trim() !== '');
  /** Rows asked for at a time, for the list or the search. */
  readonly pageSize = $derived(this.searching ? SEARCH_PAGE_SIZE : PAGE_SIZE);
  readonly hasMore = $derived(this.entries.length < this.total);

  readonly #source: LibrarySource;
  /** Increases with every new question, so that an answer to an older one is dropped. */
  #sequence = 0;
  /** The question whose next page is being fetched, or -1. */
  #moreFor = -1;
  readonly #runSearch = debounce(() => void this.#reload(), SEARCH_DELAY_MS);

  constructor(source: LibrarySource = COMMANDS) {
    this.#source = source;
  }

  /** Loads the first page; throws when the library cannot be read at all. */
  async load(): Promise<void> {
    await this.#reload(this.pageSize, true, true);
  }

  /** Reads again what is shown (after a change elsewhere), as many rows as are shown now, and
   * the filters' choices; the list and the choices change together. */
  async refresh(): Promise<void> {
    await this.#reload(Math.max(this.pageSize, this.entries.length), true);
  }

  /** Appends the next page. */
  async showMore(): Promise<void> {
    if (this.#moreFor === this.#sequence || !this.hasMore) {
      return;
    }
    const sequence = this.#sequence;
    this.#moreFor = sequence;
    this.loadingMore = true;
    try {
      const page = await this.#source.page(this.#query(this.entries.length, this.pageSize));
      if (sequence === this.#sequence) {
        this.#show(page, true);
        void this.#refreshScores(page.rows);
      }
    } catch (reason) {
      if (sequence === this.#sequence) {
        this.problem = toIpcError(reason);
      }
    } finally {
      // A new question meanwhile has already let the next page of its own be asked for.
      if (this.#moreFor === sequence) {
        this.#moreFor = -1;
        this.loadingMore = false;
      }
    }
  }

  setQuery(text: string): void {
    this.query = text;
    if (text.trim() === '') {
      this.#runSearch.cancel();
      void this.#reload();
    } else {
      this.#runSearch();
    }
  }

  clearSearch(): void {
    this.setQuery('');
  }

  setFilters(filters: LibraryFilters): void {
    this.filters = { ...filters };
    void this.#reload();
  }

  /** Shows a save in the list without asking the store again. */
  showSaved(stored: Postmortem): void {
    const update = (entry: LibraryEntry): LibraryEntry =>
      entry.report.id === stored.id ? { ...entry, report: summaryOf(stored, entry.report) } : entry;
    if (this.entries.some((entry) => entry.report.id === stored.id)) {
      this.entries = this.entries.map(update);
    }
  }

  setScore(id: string, score: number): void {
    if (this.scores.get(id) !== score) {
      this.scores = new Map(this.scores).set(id, score);
    }
  }

  dispose(): void {
    this.#runSearch.cancel();
  }

  #query(offset: number, limit: number) {
    return { text: this.query.trim(), ...this.filters, offset, limit };
  }

  /** Asks for the first `limit` rows of the current search and filters (and the filters'
   * choices with them when `withFacets`). A failure is kept as `problem`, or thrown when
   * `throwing` (the first load: without a list the window shows the start-up error). */
  async #reload(limit: number = this.pageSize, withFacets = false, throwing = false): Promise<void> {
    const sequence = ++this.#sequence;
    // A next page still coming for the old question will be dropped: the new one may ask.
    this.#moreFor = -1;
    this.loadingMore = false;
    try {
      const [page, facets] = await Promise.all([
        this.#source.page(this.#query(0, limit)),
        withFacets ? this.#source.facets() : Promise.resolve(this.facets),
      ]);
      if (sequence === this.#sequence) {
        this.#show(page, false);
        this.facets = facets;
        this.problem = null;
        this.loaded = true;
        void this.#refreshScores(page.rows);
      }
    } catch (reason) {
      if (throwing) {
        throw reason;
      }
      if (sequence === this.#sequence) {
        this.problem = toIpcError(reason);
      }
    }
  }

  #show(page: LibraryPage, append: boolean): void {
    if (append) {
      const shown = new Set(this.entries.map((entry) => entry.report.id));
      this.entries = [...this.entries, ...page.rows.filter((row) => !shown.has(row.report.id))];
    } else {
      this.entries = page.rows;
    }
    this.total = page.total;
    this.librarySize = page.librarySize;
  }

  /**
   * Scores are a help, not the list: the list stays usable without them, and they are asked for
   * once the rows have been painted, so that their answer does not hold back that frame.
   */
  async #refreshScores(rows: LibraryRow[]): Promise<void> {
    if (rows.length === 0) {
      return;
    }
    await new Promise<void>((resolve) => afterPaint(resolve));
    try {
      const scores = await this.#source.readiness(rows.map((row) => row.report.id));
      const next = new Map(this.scores);
      for (const score of scores) {
        next.set(score.id, score.score);
      }
      this.scores = next;
    } catch {
      // Left without scores.
    }
  }
}

/** The library row of a report as just saved. */
function summaryOf(stored: Postmortem, before: PostmortemSummary): PostmortemSummary {
  return {
    ...before,
    title: stored.title,
    status: stored.status,
    severity: stored.severity,
    started: stored.incident.started,
    timeZone: stored.timeZone,
    owner: stored.participants.find((p) => p.id === stored.owner?.participant)?.name ?? null,
    services: stored.services,
    tags: stored.tags,
    updatedAt: stored.updatedAt,
    revision: stored.revision,
  };
}

/** What the count above the list says: how many are shown, of how many. */
export function countLabel(shown: number, total: number, librarySize: number, narrowed: boolean): string {
  const number = (n: number) => n.toLocaleString('en-GB');
  const noun = (n: number) => (n === 1 ? 'postmortem' : 'postmortems');
  if (!narrowed) {
    return shown < total ? `Showing ${number(shown)} of ${number(total)} ${noun(total)}` : `${number(total)} ${noun(total)}`;
  }
  const found = `${number(total)} of ${number(librarySize)} ${noun(librarySize)} found`;
  return shown < total ? `${found}, showing ${number(shown)}` : found;
}
