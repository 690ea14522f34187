// When the related incidents of the open report are asked for again. They are found from the
// stored report, so they follow what is saved, not what is typed: once when a report is shown,
// then each time a save completes with nothing left waiting (each such save stores a new revision).
// Keystrokes only move the save status between pending and saving, which asks for nothing.

import type { SaveStatus } from '../../lib/autosave';

export class RelatedReload {
  #id: string | null = null;
  #state: SaveStatus['state'] | null = null;

  /** Whether to ask again, given the open report and its save status as they are now. */
  next(id: string, status: SaveStatus): boolean {
    const otherReport = id !== this.#id;
    const justSaved = status.state === 'saved' && this.#state !== 'saved';
    this.#id = id;
    this.#state = status.state;
    return otherReport || justSaved;
  }
}
