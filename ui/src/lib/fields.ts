// The text fields of a report by the names the hints use (`summary`, `questions.bugOrClass`,
// `timeline.<id>.description`, `glossary.<id>.definition`, …): read one, or write it in place.

import type { ExternalMessage } from './bindings/ExternalMessage';
import type { HelpfulQuestions } from './bindings/HelpfulQuestions';
import type { Postmortem } from './bindings/Postmortem';

type TopText =
  | 'title'
  | 'summary'
  | 'customerImpact'
  | 'monitoring'
  | 'singleFactorReason'
  | 'wentWell'
  | 'gotLucky'
  | 'notes';

const TOP_TEXT: readonly TopText[] = [
  'title',
  'summary',
  'customerImpact',
  'monitoring',
  'singleFactorReason',
  'wentWell',
  'gotLucky',
  'notes',
];
const QUESTION_KEYS: readonly (keyof HelpfulQuestions)[] = [
  'isolatedOrTrend',
  'bugOrClass',
  'workNotDone',
  'similarIncidents',
  'growsWithScale',
];
const EXTERNAL_PARTS: readonly (keyof ExternalMessage)[] = ['summary', 'whatHappened', 'whatWeAreDoing'];

function isOneOf<T extends string>(list: readonly T[], value: string | undefined): value is T {
  return value !== undefined && (list as readonly string[]).includes(value);
}

/** Where a field lives: an object and the key of its text. */
interface Slot {
  get(): string;
  set(value: string): void;
}

function slotOf(report: Postmortem, field: string): Slot | null {
  const [head, key, leaf] = field.split('.');
  if (key === undefined) {
    if (isOneOf(TOP_TEXT, head)) {
      return { get: () => report[head], set: (value) => (report[head] = value) };
    }
    return null;
  }
  if (head === 'questions' && isOneOf(QUESTION_KEYS, key) && leaf === undefined) {
    return { get: () => report.questions[key], set: (value) => (report.questions[key] = value) };
  }
  if (head === 'external' && isOneOf(EXTERNAL_PARTS, key) && leaf === undefined) {
    return { get: () => report.external[key], set: (value) => (report.external[key] = value) };
  }
  if (head === 'timeline' && leaf === 'description') {
    const entry = report.timeline.find((row) => row.id === key);
    return entry === undefined ? null : { get: () => entry.description, set: (value) => (entry.description = value) };
  }
  if (head === 'contributingFactors' && (leaf === 'description' || leaf === 'whyItMadeSense')) {
    const factor = report.contributingFactors.find((row) => row.id === key);
    return factor === undefined ? null : { get: () => factor[leaf], set: (value) => (factor[leaf] = value) };
  }
  if (head === 'actionItems' && leaf === 'description') {
    const item = report.actionItems.find((row) => row.id === key);
    return item === undefined ? null : { get: () => item.description, set: (value) => (item.description = value) };
  }
  if (head === 'glossary' && leaf === 'definition') {
    const entry = report.glossary.find((row) => row.id === key);
    return entry === undefined ? null : { get: () => entry.definition, set: (value) => (entry.definition = value) };
  }
  return null;
}

/** The text of a field, or null when the report has no such field (a row was removed). */
export function readText(report: Postmortem, field: string): string | null {
  return slotOf(report, field)?.get() ?? null;
}

/** Writes the text of a field in place; false when the report has no such field. */
export function writeText(report: Postmortem, field: string, value: string): boolean {
  const slot = slotOf(report, field);
  if (slot === null) {
    return false;
  }
  slot.set(value);
  return true;
}

/** A name for an element id, from a field name: letters, digits and dashes only. */
export function fieldDomId(field: string): string {
  return `field-${field.replace(/[^A-Za-z0-9-]/g, '-')}`;
}

/** Where a field is, in words, for the hints panel and the readiness list. */
export function fieldLabel(report: Postmortem, field: string): string {
  const [head, key, leaf] = field.split('.');
  const position = <T extends { id: string }>(rows: T[]) => rows.findIndex((row) => row.id === key) + 1;
  switch (head) {
    case 'title':
      return 'Title';
    case 'severity':
      return 'Severity';
    case 'services':
      return 'Affected services';
    case 'incident':
      return 'Incident times';
    case 'participants':
      return 'Participants';
    case 'owner':
      return 'Owner';
    case 'summary':
      return 'Summary';
    case 'customerImpact':
      return 'Customer impact';
    case 'timeline': {
      const index = key === undefined ? 0 : position(report.timeline);
      return index > 0 ? `Timeline entry ${index}` : 'Timeline';
    }
    case 'monitoring':
      return 'Monitoring';
    case 'singleFactorReason':
      return 'Why one factor is enough';
    case 'contributingFactors': {
      const index = key === undefined ? 0 : position(report.contributingFactors);
      if (index === 0) {
        return 'Contributing factors';
      }
      return leaf === 'whyItMadeSense' ? `Factor ${index}: why it made sense` : `Contributing factor ${index}`;
    }
    case 'questions':
      return 'Helpful questions';
    case 'wentWell':
      return 'What went well';
    case 'gotLucky':
      return 'Where we got lucky';
    case 'notes':
      return 'Notes';
    case 'actionItems': {
      const index = key === undefined ? 0 : position(report.actionItems);
      return index > 0 ? `Action item ${index}` : 'Action items';
    }
    case 'external':
      return key === 'summary'
        ? 'External message: summary'
        : key === 'whatHappened'
          ? 'External message: what happened'
          : key === 'whatWeAreDoing'
            ? 'External message: what we are doing'
            : 'External message';
    case 'glossary': {
      const index = report.glossary.findIndex((entry) => entry.id === key);
      const entry = report.glossary[index];
      if (entry === undefined) {
        return 'Glossary';
      }
      return entry.term.trim() === '' ? `Glossary entry ${index + 1}` : `Glossary: ${entry.term.trim()}`;
    }
    case 'review':
      return 'Review meeting';
    case 'reviewChecklist':
      return 'Review checklist';
    default:
      return field;
  }
}
