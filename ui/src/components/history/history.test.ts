import { describe, expect, it } from 'vitest';
import type { MonthCount } from '../../lib/bindings/MonthCount';
import {
  durationLabel,
  emptyActionFilter,
  emptyActionsText,
  isFilteringActions,
  labelEvery,
  monthLabel,
  monthsSummary,
  niceMax,
  overdueLabel,
  percent,
  reopenStatus,
  scale,
  showingLabel,
  stackMonth,
  statusChangeProblem,
  ticks,
  toActionFilter,
} from './history';

function month(counts: Partial<MonthCount>): MonthCount {
  return { month: '2026-03', sev1: 0, sev2: 0, sev3: 0, sev4: 0, sev5: 0, unrated: 0, total: 0, ...counts };
}

describe('the tracker filter', () => {
  it('asks for everything when nothing is chosen', () => {
    const state = emptyActionFilter();
    expect(isFilteringActions(state)).toBe(false);
    expect(toActionFilter(state)).toEqual({ owner: null, status: null, kind: null, overdueOnly: false, limit: 200 });
  });

  it('passes what is chosen, the owner trimmed, and a blank owner as any', () => {
    const state = { owner: '  Ana ', status: 'committed' as const, kind: 'detect' as const, overdueOnly: true };
    expect(isFilteringActions(state)).toBe(true);
    expect(toActionFilter(state, 50)).toEqual({
      owner: 'Ana',
      status: 'committed',
      kind: 'detect',
      overdueOnly: true,
      limit: 50,
    });
    expect(isFilteringActions({ ...emptyActionFilter(), owner: '   ' })).toBe(false);
    expect(toActionFilter({ ...emptyActionFilter(), owner: '   ' }).owner).toBeNull();
    expect(isFilteringActions({ ...emptyActionFilter(), overdueOnly: true })).toBe(true);
  });

  it('says how many are shown and why the list is empty', () => {
    expect(showingLabel(200, 1234)).toBe('Showing 200 of 1,234 action items');
    expect(showingLabel(3, 3)).toBe('3 action items');
    expect(showingLabel(1, 1)).toBe('1 action item');
    expect(showingLabel(0, 0)).toBe('0 action items');
    expect(emptyActionsText(emptyActionFilter())).toMatch(/No action items yet/);
    expect(emptyActionsText({ ...emptyActionFilter(), status: 'done' })).toBe('No action item matches these filters.');
  });

  it('names how late an item is', () => {
    expect(overdueLabel(null)).toBe('');
    expect(overdueLabel(0)).toBe('');
    expect(overdueLabel(1)).toBe('Overdue by 1 day');
    expect(overdueLabel(1500)).toBe('Overdue by 1,500 days');
  });
});

describe('chart words', () => {
  it('writes durations as people read them', () => {
    expect(durationLabel(null)).toBe('Not known');
    expect(durationLabel(-5)).toBe('Not known');
    expect(durationLabel(42)).toBe('42 s');
    expect(durationLabel(12 * 60 + 10)).toBe('12 min');
    expect(durationLabel(3600)).toBe('1 h');
    expect(durationLabel(3 * 3600 + 20 * 60)).toBe('3 h 20 min');
    expect(durationLabel(2 * 86400 + 4 * 3600)).toBe('2 d 4 h');
    expect(durationLabel(86400)).toBe('1 d');
  });

  it('names months and shares', () => {
    expect(monthLabel('2026-03')).toBe('Mar 2026');
    expect(monthLabel('2025-12')).toBe('Dec 2025');
    expect(monthLabel('2026-13')).toBe('2026-13');
    expect(monthLabel('March')).toBe('March');
    expect(percent(1, 3)).toBe('33%');
    expect(percent(0, 0)).toBe('0%');
  });
});

describe('chart scales', () => {
  it('rounds the top of an axis up to a nice number', () => {
    expect(niceMax(0)).toBe(1);
    expect(niceMax(1)).toBe(1);
    expect(niceMax(3)).toBe(5);
    expect(niceMax(7)).toBe(10);
    expect(niceMax(10)).toBe(10);
    expect(niceMax(11)).toBe(20);
    expect(niceMax(230)).toBe(500);
    expect(niceMax(Number.NaN)).toBe(1);
  });

  it('puts whole ticks from zero to the top', () => {
    expect(ticks(1)).toEqual([0, 1]);
    expect(ticks(10)).toEqual([0, 3, 6, 9, 10]);
    expect(ticks(20)).toEqual([0, 5, 10, 15, 20]);
    expect(ticks(0)).toEqual([0]);
  });

  it('scales values and never past the top', () => {
    expect(scale(5, 10, 200)).toBe(100);
    expect(scale(0, 10, 200)).toBe(0);
    expect(scale(15, 10, 200)).toBe(200);
    expect(scale(3, 0, 200)).toBe(0);
  });

  it('stacks a month from the worst severity up, leaving empty ones out', () => {
    const segments = stackMonth(month({ sev1: 1, sev3: 2, unrated: 1, total: 4 }), 5, 100);
    expect(segments.map((s) => s.key)).toEqual(['sev1', 'sev3', 'unrated']);
    expect(segments.map((s) => s.start)).toEqual([0, 20, 60]);
    expect(segments.map((s) => s.length)).toEqual([20, 40, 20]);
    expect(stackMonth(month({}), 1, 100)).toEqual([]);
  });

  it('thins the month labels of a long range', () => {
    expect(labelEvery(6)).toBe(1);
    expect(labelEvery(12)).toBe(1);
    expect(labelEvery(13)).toBe(2);
    expect(labelEvery(60)).toBe(5);
  });
});

describe('status changes', () => {
  it('reopens an item as committed only when it has an owner and a date', () => {
    expect(reopenStatus({ owner: 'Ana', due: '2026-03-01' })).toBe('committed');
    expect(reopenStatus({ owner: ' ', due: '2026-03-01' })).toBe('proposed');
    expect(reopenStatus({ owner: 'Ana', due: null })).toBe('proposed');
  });

  it('explains a conflict and a vanished item, and passes other messages on', () => {
    expect(statusChangeProblem('conflict', 'x')).toMatch(/changed since this list was loaded.*try again/);
    expect(statusChangeProblem('not_found', 'x')).toMatch(/no longer exists/);
    expect(statusChangeProblem('invalid', 'Give a reason.')).toBe('Give a reason.');
  });
});

describe('chart descriptions', () => {
  it('sums the months and names the busiest', () => {
    expect(monthsSummary([])).toBe('No incidents in this range.');
    expect(monthsSummary([month({ month: '2026-03', sev2: 1, total: 1 })])).toBe(
      '1 incident in Mar 2026; the most in Mar 2026, with 1.',
    );
    expect(
      monthsSummary([
        month({ month: '2026-01', sev1: 1, total: 1 }),
        month({ month: '2026-02' }),
        month({ month: '2026-03', sev3: 2, unrated: 1, total: 3 }),
      ]),
    ).toBe('4 incidents from Jan 2026 to Mar 2026; the most in Mar 2026, with 3.');
  });
});
