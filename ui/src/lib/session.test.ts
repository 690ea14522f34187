import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Postmortem } from './bindings/Postmortem';
import type { ReportCheck } from './bindings/ReportCheck';
import { blankReport, hintOn } from './fixtures';
import { CHECK_DELAY_MS, ReportSession } from './session.svelte';

const TEXT = 'the root cause was human error';

function checked(report: Postmortem): ReportCheck {
  const hints =
    report.monitoring === TEXT
      ? [hintOn(TEXT, 'root cause'), hintOn(TEXT, 'human error', { rule: 'human-error', suggestion: 'describe it' })]
      : [];
  const dismissed = hints.map((hint) => {
    const dismissal = report.dismissals.find((d) => d.rule === hint.rule && d.field === hint.field);
    return { ...hint, dismissed: dismissal?.reason ?? null };
  });
  return { hints: dismissed, readiness: { score: 10, missing: [] }, externalBlockers: [], hintsLeftOut: 0 };
}

async function settle(): Promise<void> {
  for (let turn = 0; turn < 10; turn += 1) {
    await Promise.resolve();
  }
}

describe('ReportSession', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  function open() {
    const saves: Postmortem[] = [];
    const checks: Postmortem[] = [];
    const session = new ReportSession(blankReport(), {
      save: async (report) => {
        saves.push(report);
        return { ...report, revision: report.revision + 1 };
      },
      check: async (report) => {
        checks.push(report);
        return checked(report);
      },
    });
    return { session, saves, checks };
  }

  it('checks the unsaved text after a short pause, and saves it', async () => {
    const { session, saves, checks } = open();
    session.setText('monitoring', TEXT);
    expect(session.report.monitoring).toBe(TEXT);
    expect(checks).toHaveLength(0);
    vi.advanceTimersByTime(CHECK_DELAY_MS);
    await settle();
    expect(checks).toHaveLength(1);
    expect(session.hintsFor('monitoring').map((hint) => hint.rule)).toEqual(['root-cause', 'human-error']);
    expect(session.hintsByStep.get('analysis')).toHaveLength(2);
    vi.advanceTimersByTime(500);
    await settle();
    expect(saves).toHaveLength(1);
    expect(saves[0]?.monitoring).toBe(TEXT);
  });

  it('applies a rewrite to the words of the hint', async () => {
    const { session } = open();
    session.setText('monitoring', TEXT);
    await session.runCheck();
    const hint = session.hintsFor('monitoring')[0];
    if (hint === undefined) {
      throw new Error('a hint');
    }
    expect(session.applySuggestion(hint)).toBe(true);
    expect(session.report.monitoring).toBe('the contributing factor was human error');
    // The hint's words are gone: applying it again does nothing.
    expect(session.applySuggestion(hint)).toBe(false);
  });

  it('dismisses a hint with a reason, once, and brings it back', async () => {
    const { session, saves } = open();
    session.setText('monitoring', TEXT);
    await session.runCheck();
    const hint = session.hintsFor('monitoring')[1];
    if (hint === undefined) {
      throw new Error('a hint');
    }
    session.dismiss(hint, '   ');
    expect(session.report.dismissals).toHaveLength(0);
    session.dismiss(hint, 'We quote the vendor here');
    session.dismiss(hint, 'We quote the vendor’s report');
    expect(session.report.dismissals).toEqual([
      { rule: 'human-error', field: 'monitoring', matchedText: TEXT, reason: 'We quote the vendor’s report' },
    ]);
    await settle();
    expect(session.hintsFor('monitoring')[1]?.dismissed).toBe('We quote the vendor’s report');
    await session.flush();
    expect(saves[saves.length - 1]?.dismissals).toHaveLength(1);
    session.undismiss(hint);
    expect(session.report.dismissals).toHaveLength(0);
  });

  it('keeps only the answer to the latest check', async () => {
    const answers: ((check: ReportCheck) => void)[] = [];
    const session = new ReportSession(blankReport(), {
      save: async (report) => report,
      check: () => new Promise((resolve) => answers.push(resolve)),
    });
    const first = session.runCheck();
    const second = session.runCheck();
    answers[1]?.({ hints: [], readiness: { score: 50, missing: [] }, externalBlockers: [], hintsLeftOut: 0 });
    answers[0]?.({ hints: [], readiness: { score: 5, missing: [] }, externalBlockers: [], hintsLeftOut: 0 });
    await Promise.all([first, second]);
    expect(session.check?.readiness.score).toBe(50);
  });
});
