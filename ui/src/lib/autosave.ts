// Autosave for one open report: waits for a pause in typing, then saves the latest text.
//
// Saves run one at a time. Each save is based on the revision the previous save returned, so a
// report saved twice in a row never conflicts with itself. A conflict (the report was changed
// elsewhere) stops saving until the report is reloaded: nothing is overwritten. Any other failure
// keeps the unsaved text and tries again on the next edit or on `retry()`.
//
// Timers are passed in so tests can drive time by hand.

import { toIpcError, type IpcError } from './ipc';

export type SaveStatus =
  /** Everything typed so far is stored. */
  | { readonly state: 'saved' }
  /** There are edits waiting for a pause in typing. */
  | { readonly state: 'pending' }
  /** A save is running. */
  | { readonly state: 'saving' }
  /** The last save failed; the text is kept and saved again on the next edit or retry. */
  | { readonly state: 'failed'; readonly error: IpcError }
  /** The report was changed elsewhere; saving stopped until it is reloaded. */
  | { readonly state: 'conflict'; readonly error: IpcError };

export interface Timers<Handle = unknown> {
  setTimeout(callback: () => void, delayMs: number): Handle;
  clearTimeout(handle: Handle): void;
}

/** The global timers (which `vi.useFakeTimers()` replaces in tests). */
export const globalTimers: Timers<ReturnType<typeof setTimeout>> = {
  setTimeout: (callback, delayMs) => setTimeout(callback, delayMs),
  clearTimeout: (handle) => clearTimeout(handle),
};

/** Edits are saved this long after the last keystroke: well within half a second. */
export const AUTOSAVE_DELAY_MS = 300;

/**
 * And at the latest this long after the first edit that is not saved yet, so that steady typing
 * is saved too, every half second at most.
 */
export const AUTOSAVE_MAX_WAIT_MS = 450;

export interface AutosaveOptions<T, Handle> {
  /** The document as it is stored now. */
  stored: T;
  /** Stores a document and resolves with the stored version (its new revision). */
  save: (document: T) => Promise<T>;
  delayMs?: number;
  maxWaitMs?: number;
  timers?: Timers<Handle>;
  onStatus?: (status: SaveStatus) => void;
  onSaved?: (stored: T) => void;
}

interface Revisioned {
  revision: unknown;
}

export class Autosave<T extends Revisioned, Handle = ReturnType<typeof setTimeout>> {
  #stored: T;
  /** The newest edits that no save has taken yet. */
  #unsaved: T | null = null;
  #saving: Promise<void> | null = null;
  #timer: { handle: Handle } | null = null;
  /** Runs the save when typing has gone on for `maxWaitMs` without a pause. */
  #deadline: { handle: Handle } | null = null;
  /** The deadline passed while a save was running: save again as soon as it ends. */
  #overdue = false;
  #status: SaveStatus = { state: 'saved' };
  #disposed = false;
  readonly #save: (document: T) => Promise<T>;
  readonly #delayMs: number;
  readonly #maxWaitMs: number;
  readonly #timers: Timers<Handle>;
  readonly #onStatus: (status: SaveStatus) => void;
  readonly #onSaved: (stored: T) => void;

  constructor(options: AutosaveOptions<T, Handle>) {
    this.#stored = options.stored;
    this.#save = options.save;
    this.#delayMs = options.delayMs ?? AUTOSAVE_DELAY_MS;
    this.#maxWaitMs = Math.max(options.maxWaitMs ?? AUTOSAVE_MAX_WAIT_MS, this.#delayMs);
    // The default is only right when Handle is the global timer handle, which is the default type.
    this.#timers = options.timers ?? (globalTimers as unknown as Timers<Handle>);
    this.#onStatus = options.onStatus ?? (() => {});
    this.#onSaved = options.onSaved ?? (() => {});
  }

  get status(): SaveStatus {
    return this.#status;
  }

  /** The last version the store confirmed. */
  get stored(): T {
    return this.#stored;
  }

  /** Whether some edits are not stored yet. */
  get hasUnsavedChanges(): boolean {
    return this.#unsaved !== null || this.#saving !== null;
  }

  /** Records the document as it now reads; it is saved after the next pause in typing. */
  edit(document: T): void {
    if (this.#disposed) {
      return;
    }
    this.#unsaved = document;
    if (this.#status.state === 'conflict') {
      return;
    }
    this.#restartTimer();
    if (this.#saving === null) {
      this.#setStatus({ state: 'pending' });
    }
  }

  /** Saves now whatever is waiting and resolves once everything is stored or a save failed. */
  async flush(): Promise<SaveStatus> {
    this.#cancelTimer();
    while (!this.#disposed) {
      if (this.#saving !== null) {
        await this.#saving;
        continue;
      }
      if (this.#unsaved === null || this.#isStopped()) {
        break;
      }
      this.#startSave();
    }
    return this.#status;
  }

  /** Tries a failed save again at once. */
  retry(): Promise<SaveStatus> {
    if (this.#status.state === 'failed') {
      this.#setStatus({ state: 'pending' });
    }
    return this.flush();
  }

  /** Stops all timers; later edits are ignored. A save already running still completes. */
  dispose(): void {
    this.#disposed = true;
    this.#cancelTimer();
  }

  #isStopped(): boolean {
    return this.#status.state === 'conflict' || this.#status.state === 'failed';
  }

  #restartTimer(): void {
    this.#cancelPause();
    if (this.#deadline === null) {
      const deadline = {
        handle: this.#timers.setTimeout(() => {
          if (this.#deadline === deadline) {
            this.#deadline = null;
            if (this.#saving === null) {
              this.#cancelPause();
              this.#startSaveIfIdle();
            } else {
              this.#overdue = true;
            }
          }
        }, this.#maxWaitMs),
      };
      this.#deadline = deadline;
    }
    const timer = {
      handle: this.#timers.setTimeout(() => {
        if (this.#timer === timer) {
          this.#timer = null;
          this.#cancelDeadline();
          this.#startSaveIfIdle();
        }
      }, this.#delayMs),
    };
    this.#timer = timer;
  }

  #cancelTimer(): void {
    this.#cancelPause();
    this.#cancelDeadline();
  }

  #cancelPause(): void {
    if (this.#timer !== null) {
      this.#timers.clearTimeout(this.#timer.handle);
      this.#timer = null;
    }
  }

  #cancelDeadline(): void {
    if (this.#deadline !== null) {
      this.#timers.clearTimeout(this.#deadline.handle);
      this.#deadline = null;
    }
  }

  #startSaveIfIdle(): void {
    if (this.#saving === null && this.#unsaved !== null && !this.#disposed) {
      this.#startSave();
    }
  }

  #startSave(): void {
    const edits = this.#unsaved;
    if (edits === null) {
      return;
    }
    this.#unsaved = null;
    this.#overdue = false;
    this.#cancelDeadline();
    // The edits carry whatever revision the editor loaded; the save must name the newest one.
    const document: T = { ...edits, revision: this.#stored.revision };
    this.#setStatus({ state: 'saving' });
    this.#saving = this.#run(document);
  }

  async #run(document: T): Promise<void> {
    let failure: IpcError | null = null;
    try {
      const stored = await this.#save(document);
      this.#stored = stored;
      this.#onSaved(stored);
    } catch (reason) {
      failure = toIpcError(reason);
      // Keep the text that did not make it, unless newer edits have replaced it meanwhile.
      this.#unsaved ??= document;
    }
    this.#saving = null;
    if (failure !== null) {
      this.#setStatus(
        failure.code === 'conflict'
          ? { state: 'conflict', error: failure }
          : { state: 'failed', error: failure },
      );
      return;
    }
    if (this.#unsaved === null) {
      this.#setStatus({ state: 'saved' });
    } else if (this.#timer === null || this.#overdue) {
      // More edits arrived and their pause, or their longest wait, is over: save them now.
      this.#cancelPause();
      this.#startSaveIfIdle();
    } else {
      this.#setStatus({ state: 'pending' });
    }
  }

  #setStatus(status: SaveStatus): void {
    this.#status = status;
    this.#onStatus(status);
  }
}
