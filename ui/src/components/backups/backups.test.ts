import { describe, expect, it } from 'vitest';
import { fileName, kindLabel, restoredMessage, sizeLabel, takenLabel } from './backups';

describe('backups', () => {
  it('describes each kind of backup', () => {
    expect(kindLabel('daily')).toBe('Daily copy');
    expect(kindLabel('beforeMigration')).toBe('Before an upgrade');
    expect(kindLabel('beforeRestore')).toBe('Before a restore');
  });

  it('writes sizes as people read them', () => {
    expect(sizeLabel(0)).toBe('0 B');
    expect(sizeLabel(1023)).toBe('1023 B');
    expect(sizeLabel(1536)).toBe('1.5 KB');
    expect(sizeLabel(200 * 1024)).toBe('200 KB');
    expect(sizeLabel(5 * 1024 * 1024)).toBe('5.0 MB');
    expect(sizeLabel(3 * 1024 * 1024 * 1024)).toBe('3.0 GB');
  });

  it('shows when a backup was taken, and an unreadable time as it is', () => {
    expect(takenLabel('2026-11-27T09:14:00Z', 'en-GB')).toMatch(/27 Nov 2026/);
    expect(takenLabel('not a time')).toBe('not a time');
  });

  it('names files by their last part on every platform', () => {
    expect(fileName('/home/ana/.local/share/debrief/backups/debrief.db.daily-20261127T091400Z.db')).toBe(
      'debrief.db.daily-20261127T091400Z.db',
    );
    expect(fileName('C:\\Users\\ana\\copy.db')).toBe('copy.db');
  });

  it('says what a restore did and where the replaced library went', () => {
    expect(restoredMessage({ reports: 1, previousCopy: '/d/backups/x.before-restore-1.db' }, '/d/friday.db')).toBe(
      'Restored 1 report from friday.db. The library it replaced was kept as x.before-restore-1.db.',
    );
    expect(restoredMessage({ reports: 3, previousCopy: null }, '/d/friday.db')).toBe('Restored 3 reports from friday.db.');
  });
});
