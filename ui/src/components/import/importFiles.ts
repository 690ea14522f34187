// Import of postmortem files: which dropped files can be imported, the call to the shell, and the
// summary the window shows of what was imported and what was refused.

import type { FileImport } from '../../lib/bindings/FileImport';
import type { PostmortemSummary } from '../../lib/bindings/PostmortemSummary';
import { call as defaultCall } from '../../lib/ipc';

/** The kinds of file the importer reads: Markdown, and the JSON `debrief-cli show --json` prints. */
export const IMPORT_EXTENSIONS = ['md', 'markdown', 'txt', 'json'] as const;

/** The last segment of a path, with either kind of separator. */
export function fileName(path: string): string {
  const parts = path.split(/[\\/]/);
  return parts[parts.length - 1] || path;
}

function extension(path: string): string {
  const name = fileName(path);
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
}

/** Splits dropped paths into those the importer reads and those it refuses by their kind. */
export function partitionPaths(paths: readonly string[]): { importable: string[]; refused: FileImport[] } {
  const importable: string[] = [];
  const refused: FileImport[] = [];
  for (const path of paths) {
    if ((IMPORT_EXTENSIONS as readonly string[]).includes(extension(path))) {
      importable.push(path);
    } else {
      refused.push({
        path,
        name: fileName(path),
        report: null,
        error: 'Only Markdown (.md) and Debrief JSON files can be imported; this one was left alone.',
      });
    }
  }
  return { importable, refused };
}

/** What became of one import: the reports made, and the files refused with their reasons. */
export interface ImportResult {
  imported: { name: string; report: PostmortemSummary }[];
  refused: { name: string; reason: string }[];
}

export function summarize(outcomes: readonly FileImport[]): ImportResult {
  const result: ImportResult = { imported: [], refused: [] };
  for (const outcome of outcomes) {
    if (outcome.report !== null) {
      result.imported.push({ name: outcome.name, report: outcome.report });
    } else {
      result.refused.push({ name: outcome.name, reason: outcome.error ?? 'It could not be imported.' });
    }
  }
  return result;
}

/** One line for a message: "Imported 2 postmortems; 1 file was refused." */
export function headline(result: ImportResult): string {
  const imported = result.imported.length;
  const refused = result.refused.length;
  const made =
    imported === 0
      ? 'Nothing was imported'
      : `Imported ${imported} ${imported === 1 ? 'postmortem' : 'postmortems'}`;
  if (refused === 0) {
    return `${made}.`;
  }
  return `${made}; ${refused} ${refused === 1 ? 'file was' : 'files were'} refused.`;
}

type Call = <T>(command: string, args?: Record<string, unknown>) => Promise<T>;

/**
 * Imports the files at `paths`: those of a kind the importer reads go to the shell, each imported
 * or refused on its own; the others are refused here. The outcomes keep the order of `paths`.
 */
export async function importPaths(paths: readonly string[], call: Call = defaultCall): Promise<ImportResult> {
  const { importable, refused } = partitionPaths(paths);
  const outcomes = importable.length === 0 ? [] : await call<FileImport[]>('import_files', { request: { paths: importable } });
  const byPath = new Map<string, FileImport>();
  for (const outcome of [...outcomes, ...refused]) {
    byPath.set(outcome.path, outcome);
  }
  const ordered = paths.map((path) => byPath.get(path)).filter((o): o is FileImport => o !== undefined);
  return summarize(ordered);
}

/** The files the end-to-end tests name in place of the open dialog, when the app runs under them. */
export function automationImportPaths(call: Call = defaultCall): Promise<string[] | null> {
  return call<string[] | null>('automation_import_paths');
}
