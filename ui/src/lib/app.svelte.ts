// The state of the window: which view is shown (the library or one report), the open report's
// session, the reference texts from the core, and the editor's mode. Components read it and call
// its actions; it is the one place that moves between views.

import { tick } from 'svelte';
import type ActionsView from '../components/history/ActionsView.svelte';
import { ALL_TIME, type TrendsPeriod } from '../components/history/period';
import type TrendsView from '../components/history/TrendsView.svelte';
import type ReportView from '../components/report/ReportView.svelte';
import type { ExportFormat } from './bindings/ExportFormat';
import type { Postmortem } from './bindings/Postmortem';
import type { Step } from './bindings/Step';
import type { WalkthroughReference } from './bindings/WalkthroughReference';
import { fieldDomId } from './fields';
import { toIpcError, type IpcError } from './ipc';
import { Library } from './library.svelte';
import { loadMode, saveMode, type EditorMode } from './preferences';
import {
  createReport,
  deleteReport,
  duplicateReport,
  getReport,
  getWalkthroughReference,
  listExportFormats,
  restoreReport,
} from './reports';
import { ReportSession } from './session.svelte';
import { afterPaint, LIBRARY_SHOWN, markAfterPaint } from './timing';
import { neighbourStep } from './steps';
import { toasts } from './toasts.svelte';

export const NEW_REPORT_TITLE = 'Untitled postmortem';

export type View =
  | { kind: 'loading' }
  | { kind: 'unavailable'; error: IpcError }
  | { kind: 'library' }
  | { kind: 'report' }
  /** The action-item tracker or the trends, over the whole library. */
  | { kind: 'actions' }
  | { kind: 'trends' };

export type Dialog = 'help' | 'export' | 'readiness' | null;

/** The views besides the library, by the kind of view that shows them. */
export interface Views {
  report: typeof ReportView;
  actions: typeof ActionsView;
  trends: typeof TrendsView;
}

/**
 * Each view besides the library is loaded the first time it is opened (a chunk of its own in the
 * build), so that a start parses only what the library needs (docs/PERFORMANCE.md).
 */
const LOADERS: { [K in keyof Views]: () => Promise<Views[K]> } = {
  report: async () => (await import('../components/report/ReportView.svelte')).default,
  actions: async () => (await import('../components/history/ActionsView.svelte')).default,
  trends: async () => (await import('../components/history/TrendsView.svelte')).default,
};

export class AppState {
  view: View = $state({ kind: 'loading' });
  readonly library = new Library();
  session: ReportSession | null = $state.raw(null);
  reference: WalkthroughReference | null = $state.raw(null);
  formats: ExportFormat[] = $state.raw(['markdown']);
  mode: EditorMode = $state(loadMode());
  dialog: Dialog = $state(null);
  busy = $state(false);
  /** The period the trends cover, kept while the app runs. */
  trendsPeriod: TrendsPeriod = $state.raw(ALL_TIME);
  /** How long the last step switch took to render, in milliseconds. */
  lastStepSwitchMs: number | null = $state(null);
  /** The views loaded so far; a view is shown only once it is here. */
  views: Partial<Views> = $state.raw({});

  async start(): Promise<void> {
    try {
      await this.library.load();
      // A report (or the actions, or the trends) opened while the list was coming stays open.
      if (this.view.kind === 'loading' || this.view.kind === 'unavailable') {
        this.view = { kind: 'library' };
        markAfterPaint(LIBRARY_SHOWN);
      }
    } catch (reason) {
      // Without a list there is nothing to work on: say why, full window.
      this.view = { kind: 'unavailable', error: toIpcError(reason) };
      return;
    }
    // The walkthrough's guidance is needed only once a report opens: it is asked for once the
    // list has been painted, so that its answer does not hold back the first frame.
    afterPaint(() => void this.#loadGuidance());
  }

  async #loadGuidance(): Promise<void> {
    try {
      [this.reference, this.formats] = await Promise.all([getWalkthroughReference(), listExportFormats()]);
    } catch (reason) {
      toasts.show(`Some guidance could not be loaded: ${toIpcError(reason).message}`, { tone: 'problem' });
    }
  }

  /**
   * The check of the library's file found it damaged; the shell closed it unchanged. The window
   * shows why and what can be done (restore a backup, open another file). An open report stays
   * on screen so that its words can still be copied; its saves are refused with the same reason.
   */
  libraryDamaged(message: string): void {
    const error: IpcError = { code: 'database', message };
    if (this.view.kind === 'report') {
      toasts.show(message, { tone: 'problem', ms: 15000 });
    } else {
      this.view = { kind: 'unavailable', error };
    }
  }

  /** Saves what the open report has waiting. False when edits could not be saved. */
  async settle(): Promise<boolean> {
    if (this.session === null) {
      return true;
    }
    const status = await this.session.flush();
    if (status.state !== 'saved') {
      toasts.show('The open postmortem has changes that are not saved; see the message at the top.', {
        tone: 'problem',
      });
      return false;
    }
    return true;
  }

  async #load(kind: keyof Views): Promise<void> {
    if (this.views[kind] === undefined) {
      const view = await LOADERS[kind]();
      this.views = { ...this.views, [kind]: view };
    }
  }

  async #open(report: Postmortem, step: Step = 'basics'): Promise<void> {
    await this.#load('report');
    this.session?.dispose();
    const session = new ReportSession(report, {
      step,
      onSaved: (stored) => this.library.showSaved(stored),
    });
    this.session = session;
    this.view = { kind: 'report' };
    this.dialog = null;
    void session.runCheck();
  }

  async #run(action: () => Promise<void>): Promise<void> {
    if (this.busy) {
      return;
    }
    this.busy = true;
    try {
      await action();
    } catch (reason) {
      toasts.show(toIpcError(reason).message, { tone: 'problem' });
    } finally {
      this.busy = false;
    }
  }

  openReport(id: string): Promise<void> {
    return this.#run(async () => {
      if (this.session?.id === id) {
        this.view = { kind: 'report' };
        return;
      }
      if (!(await this.settle())) {
        return;
      }
      await this.#open(await getReport(id));
    });
  }

  /** A new, blank report, opened at the first step of the walkthrough. */
  newReport(): Promise<void> {
    return this.#run(async () => {
      if (!(await this.settle())) {
        return;
      }
      const created = await createReport(NEW_REPORT_TITLE);
      this.library.clearSearch();
      await this.#open(created, 'basics');
      await tick();
      // The placeholder title is selected, so the first key typed replaces it.
      const title = document.getElementById(fieldDomId('title'));
      if (title instanceof HTMLTextAreaElement) {
        title.focus();
        title.select();
      }
      await this.library.refresh();
    });
  }

  /** Back to the library, once the open report is saved. */
  closeReport(): Promise<void> {
    return this.#run(async () => {
      if (!(await this.settle())) {
        return;
      }
      const session = this.session;
      this.view = { kind: 'library' };
      this.dialog = null;
      if (session !== null) {
        this.library.setScore(session.id, session.check?.readiness.score ?? 0);
      }
      session?.dispose();
      this.session = null;
      await this.library.refresh();
    });
  }

  /**
   * Shows a view over the whole library: from the library, where no report is open, or from the
   * other such view.
   */
  async showHistory(kind: 'actions' | 'trends'): Promise<void> {
    try {
      await this.#load(kind);
    } catch (reason) {
      toasts.show(toIpcError(reason).message, { tone: 'problem' });
      return;
    }
    const from = this.view.kind;
    if (from === 'library' || from === 'actions' || from === 'trends') {
      this.view = { kind };
    }
  }

  /** Back to the library from a view over the whole library. */
  backToLibrary(): Promise<void> {
    this.view = { kind: 'library' };
    return this.library.refresh();
  }

  /** Drops the open report's edits and loads what is stored (after a conflict). */
  reload(): Promise<void> {
    return this.#run(async () => {
      const session = this.session;
      if (session === null) {
        return;
      }
      const step = session.step;
      await this.#open(await getReport(session.id), step);
    });
  }

  duplicate(id: string): Promise<void> {
    return this.#run(async () => {
      const copy = await duplicateReport(id);
      await this.library.refresh();
      toasts.show(`Made a copy: “${copy.title}”.`);
    });
  }

  /** Deletes a report (already confirmed) and offers to undo it for a few seconds. */
  delete(id: string): Promise<void> {
    return this.#run(async () => {
      const report = await getReport(id);
      await deleteReport(id);
      await this.library.refresh();
      toasts.show(`Deleted “${report.title}”.`, {
        action: { label: 'Undo', run: () => void this.#restore(report) },
      });
    });
  }

  async #restore(report: Postmortem): Promise<void> {
    try {
      await restoreReport(report);
      await this.library.refresh();
      toasts.show(`Restored “${report.title}”.`, { ms: 4000 });
    } catch (reason) {
      toasts.show(toIpcError(reason).message, { tone: 'problem' });
    }
  }

  setMode(mode: EditorMode): void {
    this.mode = mode;
    saveMode(mode);
    const session = this.session;
    if (session !== null) {
      void this.goToStep(session.step);
    }
  }

  /** Shows a step (and the field, if named) and measures how long the switch took to render. */
  async goToStep(step: Step, field: string | null = null): Promise<void> {
    const session = this.session;
    if (session === null) {
      return;
    }
    const started = performance.now();
    session.step = step;
    await tick();
    // Style and layout happen here, before the next frame is painted.
    document.body.getBoundingClientRect();
    const elapsed = performance.now() - started;
    this.lastStepSwitchMs = elapsed;
    document.documentElement.dataset['stepSwitchMs'] = elapsed.toFixed(1);
    const main = document.querySelector('.report-main');
    if (this.mode === 'document') {
      const section = document.getElementById(`step-${step}`);
      if (main !== null && section !== null) {
        main.scrollTop += section.getBoundingClientRect().top - main.getBoundingClientRect().top;
      }
    } else {
      main?.scrollTo({ top: 0 });
    }
    if (field !== null) {
      focusField(field);
    }
  }

  moveStep(direction: 1 | -1): void {
    const session = this.session;
    if (session === null) {
      return;
    }
    const next = neighbourStep(session.step, direction);
    if (next !== null) {
      void this.goToStep(next);
    }
  }
}

/** Puts the cursor in a field (named as hints name fields), with a span selected if given. */
export function focusField(field: string, start?: number, end?: number): void {
  const element = document.getElementById(fieldDomId(field));
  if (element === null) {
    // A row of a long list that is not built: the list builds it, scrolls to it, and focuses it.
    window.dispatchEvent(new CustomEvent('debrief:reveal', { detail: { field } }));
    return;
  }
  if (element instanceof HTMLTextAreaElement || element instanceof HTMLInputElement) {
    element.focus();
    if (start !== undefined && end !== undefined) {
      element.setSelectionRange(start, end);
    }
  } else {
    const focusable = element.querySelector<HTMLElement>('input, textarea, select, button');
    focusable?.focus();
  }
}

export const app = new AppState();
