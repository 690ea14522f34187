// The open report: its text as it is being edited, autosaved; its hints and readiness, checked by
// the Rust engine after each pause in typing; and where the author is in the walkthrough.

import { Autosave, type SaveStatus } from './autosave';
import type { Postmortem } from './bindings/Postmortem';
import type { ReportCheck } from './bindings/ReportCheck';
import type { Step } from './bindings/Step';
import type { StepHint } from './bindings/StepHint';
import { debounce } from './debounce';
import { readText, writeText } from './fields';
import { applySuggestion, byField, dismissalOf, dismisses } from './hints';
import { toIpcError, type IpcError } from './ipc';
import { checkReport, saveReport } from './reports';

/** Hints are checked this long after the last edit. */
export const CHECK_DELAY_MS = 150;

const NO_HINTS: StepHint[] = [];

export interface SessionOptions {
  onSaved?: (stored: Postmortem) => void;
  save?: (report: Postmortem) => Promise<Postmortem>;
  check?: (report: Postmortem) => Promise<ReportCheck>;
  step?: Step;
}

export class ReportSession {
  report: Postmortem = $state() as Postmortem;
  status: SaveStatus = $state({ state: 'saved' });
  /** The last check of the report; replaced whole, never edited. */
  check: ReportCheck | null = $state.raw(null);
  checkProblem: IpcError | null = $state(null);
  step: Step = $state('basics');

  readonly hintsByField: Map<string, StepHint[]> = $derived(byField(this.check?.hints ?? NO_HINTS));
  readonly hintsByStep: Map<Step, StepHint[]> = $derived.by(() => {
    const map = new Map<Step, StepHint[]>();
    for (const hint of this.check?.hints ?? NO_HINTS) {
      const list = map.get(hint.step);
      if (list === undefined) {
        map.set(hint.step, [hint]);
      } else {
        list.push(hint);
      }
    }
    return map;
  });

  readonly #autosave: Autosave<Postmortem>;
  readonly #check: (report: Postmortem) => Promise<ReportCheck>;
  readonly #scheduleCheck;
  #checkSequence = 0;
  #disposed = false;

  constructor(report: Postmortem, options: SessionOptions = {}) {
    this.report = report;
    this.step = options.step ?? 'basics';
    this.#check = options.check ?? checkReport;
    this.#autosave = new Autosave<Postmortem>({
      stored: report,
      save: options.save ?? saveReport,
      onStatus: (status) => {
        this.status = status;
      },
      onSaved: (stored) => options.onSaved?.(stored),
    });
    this.#scheduleCheck = debounce(() => void this.runCheck(), CHECK_DELAY_MS);
  }

  get id(): string {
    return this.report.id;
  }

  /** Hints of one field, in text order. */
  hintsFor(field: string): StepHint[] {
    return this.hintsByField.get(field) ?? NO_HINTS;
  }

  /** Changes the report; the change is saved and checked after the next pause. */
  edit(change: (report: Postmortem) => void): void {
    if (this.#disposed) {
      return;
    }
    change(this.report);
    this.#autosave.edit($state.snapshot(this.report) as Postmortem);
    this.#scheduleCheck();
  }

  /** Sets a text field named as hints name fields. */
  setText(field: string, value: string): void {
    this.edit((report) => {
      writeText(report, field, value);
    });
  }

  /** Runs the check now (and drops the answers of older checks that arrive later). */
  async runCheck(): Promise<void> {
    this.#scheduleCheck.cancel();
    this.#checkSequence += 1;
    const sequence = this.#checkSequence;
    try {
      const result = await this.#check($state.snapshot(this.report) as Postmortem);
      if (sequence === this.#checkSequence && !this.#disposed) {
        this.check = result;
        this.checkProblem = null;
      }
    } catch (reason) {
      if (sequence === this.#checkSequence && !this.#disposed) {
        this.checkProblem = toIpcError(reason);
      }
    }
  }

  /** Replaces the hint's words by its suggestion. False if the words have changed meanwhile. */
  applySuggestion(hint: StepHint): boolean {
    const text = readText(this.report, hint.field);
    const next = text === null ? null : applySuggestion(text, hint);
    if (next === null) {
      return false;
    }
    this.setText(hint.field, next);
    void this.runCheck();
    return true;
  }

  /** Dismisses a hint with the author's reason; it stays dismissed while its sentence does. */
  dismiss(hint: StepHint, reason: string): void {
    if (reason.trim() === '') {
      return;
    }
    this.edit((report) => {
      report.dismissals = report.dismissals.filter((dismissal) => !dismisses(dismissal, hint));
      report.dismissals.push(dismissalOf(hint, reason));
    });
    void this.runCheck();
  }

  /** Brings a dismissed hint back. */
  undismiss(hint: StepHint): void {
    this.edit((report) => {
      report.dismissals = report.dismissals.filter((dismissal) => !dismisses(dismissal, hint));
    });
    void this.runCheck();
  }

  flush(): Promise<SaveStatus> {
    return this.#autosave.flush();
  }

  retry(): Promise<SaveStatus> {
    return this.#autosave.retry();
  }

  get hasUnsavedChanges(): boolean {
    return this.#autosave.hasUnsavedChanges;
  }

  dispose(): void {
    this.#disposed = true;
    this.#autosave.dispose();
    this.#scheduleCheck.cancel();
  }
}
