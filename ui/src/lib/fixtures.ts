// Reports and hints for the unit tests.

import type { Postmortem } from './bindings/Postmortem';
import type { StepHint } from './bindings/StepHint';

export function blankReport(): Postmortem {
  return {
    id: '0193a0c4-5b7e-7c3d-9f10-2b4c6d8e0f12',
    revision: 1,
    createdAt: '2026-11-20T09:00:00Z',
    updatedAt: '2026-11-20T09:00:00Z',
    title: 'Checkout latency',
    status: 'draft',
    severity: null,
    services: [],
    tags: [],
    timeZone: 'Europe/Berlin',
    incident: { started: null, detected: null, mitigated: null, resolved: null },
    impactScope: 'partial',
    participants: [],
    owner: null,
    review: { at: null, facilitator: null, devilsAdvocate: null },
    summary: '',
    customerImpact: '',
    timeline: [],
    monitoring: '',
    contributingFactors: [],
    singleFactorReason: '',
    questions: { isolatedOrTrend: '', bugOrClass: '', workNotDone: '', similarIncidents: '', growsWithScale: '' },
    wentWell: '',
    gotLucky: '',
    notes: '',
    actionItems: [],
    external: { summary: '', whatHappened: '', whatWeAreDoing: '' },
    glossary: [],
    reviewChecklist: [
      { question: 'Does the report give enough detail to follow what happened?', checked: false, note: '' },
    ],
    dismissals: [],
  };
}

/** A hint on `matched` inside `text` (its first occurrence). */
export function hintOn(
  text: string,
  matched: string,
  overrides: Partial<StepHint> = {},
): StepHint {
  const start = text.indexOf(matched);
  return {
    step: 'analysis',
    rule: 'root-cause',
    category: 'root-cause',
    severity: 'warning',
    field: 'monitoring',
    start,
    end: start + matched.length,
    startUtf16: start,
    endUtf16: start + matched.length,
    matched,
    context: text,
    message: `“${matched}” suggests a single cause.`,
    explanation: 'Incidents come from several conditions.',
    suggestion: 'contributing factor',
    suggestionKind: 'rewrite',
    dismissed: null,
    ...overrides,
  };
}
