// The library's file and its backups: typed calls to `src-tauri/commands/backups.rs`, and how a
// backup is described to the person choosing one.

import type { BackupFile } from '../../lib/bindings/BackupFile';
import type { BackupKind } from '../../lib/bindings/BackupKind';
import type { LibraryFile } from '../../lib/bindings/LibraryFile';
import type { RestoreOutcome } from '../../lib/bindings/RestoreOutcome';
import { call } from '../../lib/ipc';

export type { BackupFile, LibraryFile, RestoreOutcome };

/** File name extensions offered when a backup or a library is picked from disk. */
export const DATABASE_EXTENSIONS = ['db', 'bak', 'sqlite', 'sqlite3'] as const;

export function getLibraryFile(): Promise<LibraryFile> {
  return call<LibraryFile>('get_library_file');
}

/** Replaces the library with the backup at `path`, after a copy of the current file. */
export function restoreLibrary(path: string): Promise<RestoreOutcome> {
  return call<RestoreOutcome>('restore_library', { request: { path } });
}

/** Works on the database at `path` from now on (a new one is created if it does not exist). */
export function openLibraryFile(path: string): Promise<void> {
  return call<void>('open_library_file', { request: { path } });
}

const KIND_LABELS: Record<BackupKind, string> = {
  daily: 'Daily copy',
  beforeMigration: 'Before an upgrade',
  beforeRestore: 'Before a restore',
};

export function kindLabel(kind: BackupKind): string {
  return KIND_LABELS[kind];
}

/** A size as people read it: bytes, KB or MB, one decimal below ten. */
export function sizeLabel(bytes: number): string {
  if (bytes < 1024) {
    return `${bytes} B`;
  }
  const units = ['KB', 'MB', 'GB'] as const;
  let value = bytes / 1024;
  let unit: (typeof units)[number] = 'KB';
  for (const next of units.slice(1)) {
    if (value < 1024) {
      break;
    }
    value /= 1024;
    unit = next;
  }
  return `${value < 10 ? value.toFixed(1) : Math.round(value).toString()} ${unit}`;
}

/** When a backup was taken, in the computer's time zone, e.g. “27 Nov 2026, 09:14”. */
export function takenLabel(takenAt: string, locale?: string): string {
  const date = new Date(takenAt);
  if (Number.isNaN(date.getTime())) {
    return takenAt;
  }
  return new Intl.DateTimeFormat(locale, {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  }).format(date);
}

/** The last part of a path, for a short label. */
export function fileName(path: string): string {
  const parts = path.split(/[\\/]/);
  return parts[parts.length - 1] ?? path;
}

/** What a finished restore says. */
export function restoredMessage(outcome: RestoreOutcome, from: string): string {
  const reports = outcome.reports === 1 ? '1 report' : `${outcome.reports} reports`;
  const kept =
    outcome.previousCopy === null ? '' : ` The library it replaced was kept as ${fileName(outcome.previousCopy)}.`;
  return `Restored ${reports} from ${fileName(from)}.${kept}`;
}
