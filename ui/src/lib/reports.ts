// Typed calls to the commands of `src-tauri/commands/` (reports, hints, export).

import type { Audience } from './bindings/Audience';
import type { ExportFormat } from './bindings/ExportFormat';
import type { LibraryFacets } from './bindings/LibraryFacets';
import type { LibraryPage } from './bindings/LibraryPage';
import type { LibraryQuery } from './bindings/LibraryQuery';
import type { Postmortem } from './bindings/Postmortem';
import type { ReportCheck } from './bindings/ReportCheck';
import type { ReportScore } from './bindings/ReportScore';
import type { WalkthroughReference } from './bindings/WalkthroughReference';
import { call } from './ipc';
import { SAVE, timed } from './timing';

/** One page of the library, in its order or best match first for a search, with the filters. */
export function libraryPage(query: LibraryQuery): Promise<LibraryPage> {
  return call<LibraryPage>('library_page', { request: { query } });
}

/** The services and tags the library names, for the filters. */
export function libraryFacets(): Promise<LibraryFacets> {
  return call<LibraryFacets>('library_facets');
}

export function createReport(title: string): Promise<Postmortem> {
  return call<Postmortem>('create_report', { request: { title } });
}

export function getReport(id: string): Promise<Postmortem> {
  return call<Postmortem>('get_report', { request: { id } });
}

/** Saves an edited report; `report.revision` must be the revision it was loaded or last saved at. */
export function saveReport(report: Postmortem): Promise<Postmortem> {
  return timed(SAVE, () => call<Postmortem>('save_report', { request: { report } }));
}

export function duplicateReport(id: string): Promise<Postmortem> {
  return call<Postmortem>('duplicate_report', { request: { id } });
}

export function deleteReport(id: string): Promise<void> {
  return call<void>('delete_report', { request: { id } });
}

/** Puts a deleted report back as it was (the undo of a delete). */
export function restoreReport(report: Postmortem): Promise<Postmortem> {
  return call<Postmortem>('restore_report', { request: { report } });
}

/** Hints, readiness and export blockers of the report as it reads now, saved or not. */
export function checkReport(report: Postmortem): Promise<ReportCheck> {
  return call<ReportCheck>('check_report', { request: { report } });
}

/** The readiness scores of the reports `ids` (the rows the library shows). */
export function listReadiness(ids: string[]): Promise<ReportScore[]> {
  return call<ReportScore[]>('list_readiness', { request: { ids } });
}

export function getWalkthroughReference(): Promise<WalkthroughReference> {
  return call<WalkthroughReference>('get_walkthrough_reference');
}

export function previewExternalMessage(report: Postmortem): Promise<string> {
  return call<string>('preview_external_message', { request: { report } });
}

export function listExportFormats(): Promise<ExportFormat[]> {
  return call<ExportFormat[]>('list_export_formats');
}

/** Writes the stored report to `path`; resolves with the path written. */
export function exportReport(id: string, audience: Audience, format: ExportFormat, path: string): Promise<string> {
  return call<string>('export_report', { request: { id, audience, format, path } });
}

/** The export target the end-to-end tests set, when the app runs under WebDriver; else null. */
export function automationExportPath(): Promise<string | null> {
  return call<string | null>('automation_export_path');
}
