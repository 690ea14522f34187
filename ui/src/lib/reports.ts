// Typed calls to the report commands of `src-tauri/commands/reports.rs`.

import type { Postmortem } from './bindings/Postmortem';
import type { PostmortemSummary } from './bindings/PostmortemSummary';
import type { SearchHit } from './bindings/SearchHit';
import { call } from './ipc';

export function listReports(): Promise<PostmortemSummary[]> {
  return call<PostmortemSummary[]>('list_reports');
}

export function createReport(title: string): Promise<Postmortem> {
  return call<Postmortem>('create_report', { request: { title } });
}

export function getReport(id: string): Promise<Postmortem> {
  return call<Postmortem>('get_report', { request: { id } });
}

/** Saves an edited report; `report.revision` must be the revision it was loaded or last saved at. */
export function saveReport(report: Postmortem): Promise<Postmortem> {
  return call<Postmortem>('save_report', { request: { report } });
}

export function searchReports(query: string): Promise<SearchHit[]> {
  return call<SearchHit[]>('search_reports', { request: { query } });
}
