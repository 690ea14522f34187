// Names for people of the closed word sets of the model. Each table is typed against the generated
// union, so a word added in Rust fails the type check here until it has a label.

import type { ActionKind } from './bindings/ActionKind';
import type { ActionStatus } from './bindings/ActionStatus';
import type { Audience } from './bindings/Audience';
import type { ExportFormat } from './bindings/ExportFormat';
import type { FactorCategory } from './bindings/FactorCategory';
import type { ImpactScope } from './bindings/ImpactScope';
import type { OwnerCriterion } from './bindings/OwnerCriterion';
import type { Priority } from './bindings/Priority';
import type { Role } from './bindings/Role';
import type { Severity } from './bindings/Severity';
import type { TimelineKind } from './bindings/TimelineKind';

export const SEVERITY_LABELS: Record<Severity, string> = {
  sev1: 'SEV1 (worst)',
  sev2: 'SEV2',
  sev3: 'SEV3',
  sev4: 'SEV4',
  sev5: 'SEV5 (least)',
};

export const IMPACT_LABELS: Record<ImpactScope, string> = {
  none: 'No customer impact',
  partial: 'Partial degradation',
  full: 'Full outage',
};

export const ROLE_LABELS: Record<Role, string> = {
  incident_commander: 'Incident commander',
  ic_shadow: 'Incident commander shadow',
  scribe: 'Scribe',
  deputy: 'Deputy',
  liaison: 'Liaison',
  service_owner: 'Service owner',
  product_manager: 'Product manager',
  engineering_manager: 'Engineering manager',
  responder: 'Responder',
  other: 'Other',
};

export const OWNER_CRITERION_LABELS: Record<OwnerCriterion, string> = {
  led_response: 'Led the response',
  stabilised_service: 'Stabilised the service',
  primary_on_call: 'Primary on-call of the most affected service',
  declared_incident: 'Declared the incident',
  other: 'Other reason',
};

export const TIMELINE_KIND_LABELS: Record<TimelineKind, string> = {
  trigger: 'Trigger',
  detection: 'Detection',
  escalation: 'Escalation',
  mitigation: 'Mitigation',
  resolution: 'Resolution',
  note: 'Note',
};

export const FACTOR_CATEGORY_LABELS: Record<FactorCategory, string> = {
  technical: 'Technical',
  process: 'Process',
  communication: 'Communication',
  tooling: 'Tooling',
  external: 'External',
  organisational: 'Organisational',
  other: 'Other',
};

export const PRIORITY_LABELS: Record<Priority, string> = { p1: 'P1', p2: 'P2', p3: 'P3' };

export const ACTION_KIND_LABELS: Record<ActionKind, string> = {
  mitigate: 'Mitigate',
  prevent: 'Prevent',
  detect: 'Detect',
  process: 'Process',
};

export const ACTION_STATUS_LABELS: Record<ActionStatus, string> = {
  proposed: 'Proposed',
  committed: 'Committed',
  done: 'Done',
  wont_do: 'Won’t do',
};

export const AUDIENCE_LABELS: Record<Audience, string> = {
  internal: 'Internal report (everything, for the team)',
  external: 'External message (for customers)',
};

export const FORMAT_LABELS: Record<ExportFormat, string> = { markdown: 'Markdown', pdf: 'PDF' };

/** The keys of a label table, in its order, typed. */
export function options<K extends string>(labels: Record<K, string>): K[] {
  return Object.keys(labels) as K[];
}
