import { describe, expect, it } from 'vitest';
import type { SaveStatus } from '../../lib/autosave';
import { RelatedReload } from './relatedReload';

const saved: SaveStatus = { state: 'saved' };
const pending: SaveStatus = { state: 'pending' };
const saving: SaveStatus = { state: 'saving' };
const problem = { code: 'internal', message: 'The disk is full.' } as const;

/** How many times the list is asked for over a run of statuses of one report. */
function asks(reload: RelatedReload, statuses: SaveStatus[], id = 'report-1'): number {
  return statuses.filter((status) => reload.next(id, status)).length;
}

describe('the related incidents reload', () => {
  it('asks once when the report is shown', () => {
    const reload = new RelatedReload();
    expect(reload.next('report-1', saved)).toBe(true);
    expect(reload.next('report-1', saved)).toBe(false);
  });

  it('asks nothing while the author types, and once when the edits are saved', () => {
    const reload = new RelatedReload();
    reload.next('report-1', saved);
    expect(asks(reload, [pending, pending, pending, pending])).toBe(0);
    expect(asks(reload, [saving])).toBe(0);
    expect(asks(reload, [saved])).toBe(1);
  });

  it('asks once after saves that follow each other, when the last one is stored', () => {
    const reload = new RelatedReload();
    reload.next('report-1', saved);
    expect(asks(reload, [pending, saving, pending, saving, saved])).toBe(1);
  });

  it('asks for each save that completes', () => {
    const reload = new RelatedReload();
    reload.next('report-1', saved);
    expect(asks(reload, [pending, saving, saved, pending, saving, saved])).toBe(2);
  });

  it('asks nothing after a save that failed or was refused, until one succeeds', () => {
    const reload = new RelatedReload();
    reload.next('report-1', saved);
    expect(asks(reload, [pending, saving, { state: 'failed', error: problem }])).toBe(0);
    expect(asks(reload, [{ state: 'conflict', error: { ...problem, code: 'conflict' } }])).toBe(0);
    expect(asks(reload, [pending, saving, saved])).toBe(1);
  });

  it('asks again for another report, whatever its save status', () => {
    const reload = new RelatedReload();
    reload.next('report-1', saved);
    expect(reload.next('report-2', saved)).toBe(true);
    expect(reload.next('report-3', pending)).toBe(true);
    expect(reload.next('report-3', pending)).toBe(false);
  });
});
