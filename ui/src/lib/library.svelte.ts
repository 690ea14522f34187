// The library: every report of the database as a list, the search results as typed, the filters,
// and each report's readiness score.

import type { Postmortem } from './bindings/Postmortem';
import type { PostmortemSummary } from './bindings/PostmortemSummary';
import type { SearchHit } from './bindings/SearchHit';
import { debounce } from './debounce';
import { facets, matches, NO_FILTERS, type LibraryFilters } from './filters';
import { toIpcError, type IpcError } from './ipc';
import { listReadiness, listReports, searchReports } from './reports';

const SEARCH_DELAY_MS = 150;

export interface LibraryEntry {
  report: PostmortemSummary;
  /** The matching text, for search results. */
  snippet: string | null;
}

export class Library {
  reports: PostmortemSummary[] = $state.raw([]);
  scores: Map<string, number> = $state.raw(new Map());
  query = $state('');
  /** Search results, or null when no search is typed. */
  hits: SearchHit[] | null = $state.raw(null);
  filters: LibraryFilters = $state({ ...NO_FILTERS });
  problem: IpcError | null = $state(null);
  loaded = $state(false);

  readonly entries: LibraryEntry[] = $derived.by(() => {
    const all =
      this.hits === null
        ? this.reports.map((report) => ({ report, snippet: null }))
        : this.hits.map((hit) => ({ report: hit.report, snippet: hit.snippet }));
    return all.filter((entry) => matches(entry.report, this.filters));
  });
  readonly facets = $derived(facets(this.reports));

  #searchSequence = 0;
  readonly #runSearch = debounce((text: string) => void this.#search(text), SEARCH_DELAY_MS);

  /** Loads the list; throws when the library cannot be read at all. */
  async load(): Promise<void> {
    this.reports = await listReports();
    this.loaded = true;
    void this.refreshScores();
  }

  async refresh(): Promise<void> {
    try {
      this.reports = await listReports();
      if (this.query.trim() !== '') {
        await this.#search(this.query);
      }
      this.problem = null;
    } catch (reason) {
      this.problem = toIpcError(reason);
    }
    void this.refreshScores();
  }

  async refreshScores(): Promise<void> {
    try {
      const scores = await listReadiness();
      this.scores = new Map(scores.map((score) => [score.id, score.score]));
    } catch {
      // Scores are a help, not the list: the list stays usable without them.
    }
  }

  setQuery(text: string): void {
    this.query = text;
    if (text.trim() === '') {
      this.#runSearch.cancel();
      void this.#search('');
    } else {
      this.#runSearch(text);
    }
  }

  clearSearch(): void {
    this.setQuery('');
  }

  /** Shows a save in the list without asking the store for the whole list. */
  showSaved(stored: Postmortem): void {
    const update = (summary: PostmortemSummary): PostmortemSummary =>
      summary.id === stored.id
        ? {
            ...summary,
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
          }
        : summary;
    this.reports = this.reports.map(update);
    if (this.hits !== null) {
      this.hits = this.hits.map((hit) => ({ ...hit, report: update(hit.report) }));
    }
  }

  setScore(id: string, score: number): void {
    if (this.scores.get(id) !== score) {
      this.scores = new Map(this.scores).set(id, score);
    }
  }

  async #search(text: string): Promise<void> {
    this.#searchSequence += 1;
    const sequence = this.#searchSequence;
    if (text.trim() === '') {
      this.hits = null;
      return;
    }
    try {
      const found = await searchReports(text);
      if (sequence === this.#searchSequence) {
        this.hits = found;
        this.problem = null;
      }
    } catch (reason) {
      if (sequence === this.#searchSequence) {
        this.problem = toIpcError(reason);
      }
    }
  }

  dispose(): void {
    this.#runSearch.cancel();
  }
}
