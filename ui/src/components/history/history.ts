// Looking back over the library: typed calls to `src-tauri/commands/history.rs` (related
// incidents, the action-item tracker, trends), and the small pieces of logic the views share:
// the tracker's filter, its counts, and the scales and words of the charts.

import type { ActionFilter } from '../../lib/bindings/ActionFilter';
import type { ActionItemList } from '../../lib/bindings/ActionItemList';
import type { ActionKind } from '../../lib/bindings/ActionKind';
import type { ActionStatus } from '../../lib/bindings/ActionStatus';
import type { ActionStatusChange } from '../../lib/bindings/ActionStatusChange';
import type { MonthCount } from '../../lib/bindings/MonthCount';
import type { Postmortem } from '../../lib/bindings/Postmortem';
import type { RelatedIncident } from '../../lib/bindings/RelatedIncident';
import type { TrackedActionItem } from '../../lib/bindings/TrackedActionItem';
import type { Trends } from '../../lib/bindings/Trends';
import type { TrendsQuery } from '../../lib/bindings/TrendsQuery';
import { call } from '../../lib/ipc';

export type { ActionItemList, RelatedIncident, TrackedActionItem, Trends };

/** How many items the tracker asks for at once. */
export const ACTION_LIMIT = 200;

export function listRelatedIncidents(reportId: string, limit = 5): Promise<RelatedIncident[]> {
  return call<RelatedIncident[]>('list_related_incidents', { request: { reportId, limit } });
}

export function listActionItems(filter: ActionFilter): Promise<ActionItemList> {
  return call<ActionItemList>('list_action_items', { request: { filter } });
}

export function setActionStatus(change: ActionStatusChange): Promise<Postmortem> {
  return call<Postmortem>('set_action_status', { request: { change } });
}

/** The trends of the incidents that started in the period (UTC days, both ends included). */
export function getTrends(query: TrendsQuery = { from: null, to: null }): Promise<Trends> {
  return call<Trends>('get_trends', { request: { query } });
}

/** The tracker's filter as the form holds it: an empty string is "any". */
export interface ActionFilterState {
  owner: string;
  status: ActionStatus | '';
  kind: ActionKind | '';
  overdueOnly: boolean;
}

export function emptyActionFilter(): ActionFilterState {
  return { owner: '', status: '', kind: '', overdueOnly: false };
}

/** The form's filter as the command takes it. */
export function toActionFilter(state: ActionFilterState, limit: number = ACTION_LIMIT): ActionFilter {
  const owner = state.owner.trim();
  return {
    owner: owner === '' ? null : owner,
    status: state.status === '' ? null : state.status,
    kind: state.kind === '' ? null : state.kind,
    overdueOnly: state.overdueOnly,
    limit,
  };
}

export function isFilteringActions(state: ActionFilterState): boolean {
  return state.owner.trim() !== '' || state.status !== '' || state.kind !== '' || state.overdueOnly;
}

const numbers = new Intl.NumberFormat('en-GB');

function plural(count: number, one: string, many: string): string {
  return `${numbers.format(count)} ${count === 1 ? one : many}`;
}

/** "Showing 200 of 1,234 action items", or "3 action items" when the list holds them all. */
export function showingLabel(shown: number, total: number): string {
  if (shown >= total) {
    return plural(total, 'action item', 'action items');
  }
  return `Showing ${numbers.format(shown)} of ${plural(total, 'action item', 'action items')}`;
}

/** "Overdue by 1 day", "Overdue by 12 days", or "" for an item that is not overdue. */
export function overdueLabel(daysOverdue: number | null): string {
  if (daysOverdue === null || daysOverdue <= 0) {
    return '';
  }
  return `Overdue by ${plural(daysOverdue, 'day', 'days')}`;
}

/** What the tracker says when nothing is listed. */
export function emptyActionsText(state: ActionFilterState): string {
  return isFilteringActions(state)
    ? 'No action item matches these filters.'
    : 'No action items yet. They are written in each postmortem, on the action items step.';
}

/** Reasons offered when an item will not be done; any other text is accepted too. */
export const WONT_DO_REASONS: readonly string[] = [
  'The risk is accepted',
  'Another action item covers it',
  'The system it concerns is retired',
  'It costs more than the harm it prevents',
];

/** A duration in seconds as people read it: "45 s", "12 min", "3 h 20 min", "2 d 4 h". */
export function durationLabel(seconds: number | null): string {
  if (seconds === null || !Number.isFinite(seconds) || seconds < 0) {
    return 'Not known';
  }
  if (seconds < 60) {
    return `${Math.round(seconds)} s`;
  }
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) {
    return `${minutes} min`;
  }
  const hours = Math.floor(minutes / 60);
  if (hours < 24) {
    const rest = minutes % 60;
    return rest === 0 ? `${hours} h` : `${hours} h ${rest} min`;
  }
  const days = Math.floor(hours / 24);
  const restHours = hours % 24;
  return restHours === 0 ? `${days} d` : `${days} d ${restHours} h`;
}

/** A month `YYYY-MM` as "Mar 2026"; anything else as it is. */
export function monthLabel(month: string): string {
  const match = /^(\d{4})-(\d{2})$/.exec(month);
  if (match === null) {
    return month;
  }
  const names = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const name = names[Number(match[2]) - 1];
  return name === undefined ? month : `${name} ${match[1]}`;
}

/**
 * The top of a count axis: the smallest "nice" number (1, 2, 5 times a power of ten) at or above
 * the largest value, never below 1, so bars never overflow and an empty chart still has a scale.
 */
export function niceMax(max: number): number {
  if (!Number.isFinite(max) || max <= 1) {
    return 1;
  }
  const power = 10 ** Math.floor(Math.log10(max));
  for (const step of [1, 2, 5, 10]) {
    if (step * power >= max) {
      return step * power;
    }
  }
  return 10 * power;
}

/** Whole-number ticks from 0 to `top` (a `niceMax`), at most `count + 1` of them. */
export function ticks(top: number, count = 4): number[] {
  if (top <= 0) {
    return [0];
  }
  const step = Math.max(1, Math.ceil(top / count));
  const values: number[] = [];
  for (let value = 0; value <= top; value += step) {
    values.push(value);
  }
  if (values[values.length - 1] !== top) {
    values.push(top);
  }
  return values;
}

/** A value's length on a scale from 0 to `top` drawn over `length` units. */
export function scale(value: number, top: number, length: number): number {
  if (top <= 0 || value <= 0) {
    return 0;
  }
  return (Math.min(value, top) / top) * length;
}

export const SEVERITY_KEYS = ['sev1', 'sev2', 'sev3', 'sev4', 'sev5', 'unrated'] as const;
export type SeverityKey = (typeof SEVERITY_KEYS)[number];

export const SEVERITY_KEY_LABELS: Record<SeverityKey, string> = {
  sev1: 'SEV1',
  sev2: 'SEV2',
  sev3: 'SEV3',
  sev4: 'SEV4',
  sev5: 'SEV5',
  unrated: 'No severity',
};

export interface Segment {
  key: SeverityKey;
  count: number;
  /** Distance from the baseline to the segment's bottom, in chart units. */
  start: number;
  length: number;
}

/** One month's bar: its severities stacked from the worst at the bottom, empty ones left out. */
export function stackMonth(month: MonthCount, top: number, height: number): Segment[] {
  const segments: Segment[] = [];
  let start = 0;
  for (const key of SEVERITY_KEYS) {
    const count = month[key];
    if (count <= 0) {
      continue;
    }
    const length = scale(count, top, height);
    segments.push({ key, count, start, length });
    start += length;
  }
  return segments;
}

/** Which month labels fit under the bars: every one, or every n-th so that at most `max` show. */
export function labelEvery(months: number, max = 12): number {
  if (months <= max) {
    return 1;
  }
  return Math.ceil(months / max);
}

/** A share as a whole percentage, "0%" of nothing. */
export function percent(part: number, whole: number): string {
  if (whole <= 0) {
    return '0%';
  }
  return `${Math.round((part / whole) * 100)}%`;
}

/** The status an item goes back to when it is opened again: committed if it has an owner and a date. */
export function reopenStatus(item: { owner: string; due: string | null }): ActionStatus {
  return item.owner.trim() !== '' && item.due !== null ? 'committed' : 'proposed';
}

/** What the tracker says after a status change failed, by the error's code. */
export function statusChangeProblem(code: string, message: string): string {
  switch (code) {
    case 'conflict':
      return 'That postmortem was changed since this list was loaded, so nothing was saved. The list has been refreshed: try again.';
    case 'not_found':
      return 'That action item or its postmortem no longer exists. The list has been refreshed.';
    default:
      return message;
  }
}

/** The monthly chart in one sentence, for its text description. */
export function monthsSummary(months: MonthCount[]): string {
  const first = months[0];
  const last = months[months.length - 1];
  if (first === undefined || last === undefined) {
    return 'No incidents in this range.';
  }
  let busiest = first;
  let total = 0;
  for (const month of months) {
    total += month.total;
    if (month.total > busiest.total) {
      busiest = month;
    }
  }
  const incidents = `${numbers.format(total)} ${total === 1 ? 'incident' : 'incidents'}`;
  const range = first === last ? `in ${monthLabel(first.month)}` : `from ${monthLabel(first.month)} to ${monthLabel(last.month)}`;
  return `${incidents} ${range}; the most in ${monthLabel(busiest.month)}, with ${numbers.format(busiest.total)}.`;
}
