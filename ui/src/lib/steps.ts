// The steps of the walkthrough (DESIGN.md §3): what each is for, the questions it asks, a short
// example, and how complete a report's step is.

import type { Postmortem } from './bindings/Postmortem';
import type { Step } from './bindings/Step';

export interface StepGuide {
  id: Step;
  title: string;
  /** Why the step matters, in a sentence or two. */
  purpose: string;
  /** Questions that help write it. */
  prompts: string[];
  /** A short example of a good answer. */
  example: string;
  /** A step a report can do without. */
  optional: boolean;
}

export const STEPS: readonly StepGuide[] = [
  {
    id: 'basics',
    title: 'Basics',
    purpose:
      'Name the incident, say how serious it was and when it happened, and record who took part. One person owns the postmortem: they chase what is missing and see it through, while everyone involved writes it together.',
    prompts: [
      'Which services were affected, and did customers lose the service entirely or only part of it?',
      'When did it start, when was it noticed, when was it under control, and when was it over?',
      'Who responded, and in which role?',
      'Who owns this postmortem, and what made them the natural choice?',
    ],
    example:
      'Checkout latency after a cache setting change · SEV2 · partial degradation · started 14:02 CET. Owner: the incident commander, who led the response.',
    optional: false,
  },
  {
    id: 'summary',
    title: 'Summary',
    purpose:
      'A few sentences a busy reader can take in at once: what happened, who noticed it and for how long, and how it ended.',
    prompts: ['What did customers or colleagues experience?', 'How long did it last?', 'What brought it to an end?'],
    example:
      'For 68 minutes, about a third of checkout requests took longer than five seconds. A cache setting reached every region at once; rolling it back restored normal latency.',
    optional: false,
  },
  {
    id: 'impact',
    title: 'Impact',
    purpose:
      'Describe the effect on customers and on the business in facts and numbers. Call it an outage only when the service was fully unavailable.',
    prompts: [
      'Who was affected, and how many?',
      'What could they not do, and for how long?',
      'Was anything lost (orders, data, money), or only delayed?',
    ],
    example: '31% of checkouts took longer than 5 s; 4% timed out and were retried by customers. No orders were lost.',
    optional: false,
  },
  {
    id: 'timeline',
    title: 'Timeline',
    purpose:
      'Record what happened, in order, with times. Begin before the incident started, with the change or the load that led up to it, and work forward, so the story follows what people knew at each moment rather than what everyone knows now.',
    prompts: [
      'What changed shortly before things went wrong?',
      'When, and how, was the problem first noticed?',
      'What did responders try, and what did they see?',
      'Where is the evidence: a graph, a log line, a chat message?',
    ],
    example:
      '13:40 Trigger: cache eviction setting merged. 14:02 Note: the setting reaches all regions. 14:11 Detection: the latency alert pages the on-call engineer.',
    optional: false,
  },
  {
    id: 'analysis',
    title: 'Analysis',
    purpose:
      'Start with the monitoring: where did the graphs leave their usual baseline (spikes, drops, flat lines) as the incident began and just before? Then list the conditions that together made it possible. There is rarely one cause. For each factor, ask why the decision or the design looked reasonable at the time.',
    prompts: [
      'What did the dashboards show, and when?',
      'Which conditions had to line up for this to happen?',
      'Why did the system allow it, and why did that design seem the best option back then?',
      'What would a careful, well-meaning person have seen at that moment?',
    ],
    example:
      'Factor (process): the change applied to every region at once. Why it made sense: cache settings had never needed a staged rollout before.',
    optional: false,
  },
  {
    id: 'questions',
    title: 'Helpful questions',
    purpose: 'Step back from this one incident and look for patterns across the system and its history.',
    prompts: [
      'Look through past reports: has the same kind of thing happened before?',
      'Think about growth: more traffic, more regions, more teams.',
    ],
    example: 'Isolated or a trend? The second configuration incident this quarter, so most likely a trend.',
    optional: false,
  },
  {
    id: 'wentWell',
    title: 'What went well',
    purpose:
      'Incidents are also moments when a lot worked. Naming it keeps the picture balanced and shows which habits to keep. Note where luck helped too: luck is not a plan.',
    prompts: ['Which alert, runbook, tool or decision helped?', 'What made the response faster?', 'Where were we lucky?'],
    example: 'The rollback took four minutes. Lucky: it happened outside the evening sales peak.',
    optional: false,
  },
  {
    id: 'actionItems',
    title: 'Action items',
    purpose:
      'Each item starts with a verb, is narrow enough to have a clear scope, and says how everyone will know it is done. Keep ideas (proposed) apart from work the team has taken on (committed, with an owner and a due date); when the team decides against an item, note why.',
    prompts: ['What exactly will change, and where?', 'Who owns it, and by when?', 'How will everyone know it is finished?'],
    example:
      'Stage config rollouts one region at a time · Platform team · due 15 Dec · prevent · done when the deploy tool refuses an all-region push.',
    optional: false,
  },
  {
    id: 'external',
    title: 'External message',
    purpose:
      'A shorter, cleaned-up version of the story for customers. It should build trust: enough about what happened and what you are doing about it, and no internal names, hosts, addresses or ticket numbers.',
    prompts: [
      'Summary: two or three sentences on how long it lasted and what customers noticed.',
      'What happened: the contributing factors, the impact and the mitigation, in plain words.',
      'What we are doing about it: the action items, summarised.',
    ],
    example:
      'On 20 November, checkout was slow for about an hour. A configuration change made a cache much less effective. We are changing how configuration reaches our regions.',
    optional: false,
  },
  {
    id: 'glossary',
    title: 'Glossary',
    purpose: 'Explain the terms a newcomer would trip over, so anyone in the company can follow the report.',
    prompts: ['Which abbreviations, tools or internal names does the report use?'],
    example: 'p95: the time within which 95% of requests complete.',
    optional: true,
  },
  {
    id: 'review',
    title: 'Review',
    purpose:
      'Prepare the review meeting and check the report before calling it ready. The facilitator keeps the meeting on track without taking part in the discussion; the devil’s advocate argues for other explanations on purpose, so the group does not settle on the first story that fits.',
    prompts: [
      'When is the meeting, and who facilitates it?',
      'Who will argue the other side?',
      'Go through each review question and note what you checked.',
    ],
    example: 'Monday 15:00 · facilitator: the engineering manager · devil’s advocate: a responder from another team.',
    optional: false,
  },
];

export function stepGuide(step: Step): StepGuide {
  return STEPS.find((guide) => guide.id === step) ?? (STEPS[0] as StepGuide);
}

export function stepIndex(step: Step): number {
  return STEPS.findIndex((guide) => guide.id === step);
}

/** The step after (1) or before (-1) `step`, or null at either end. */
export function neighbourStep(step: Step, direction: 1 | -1): Step | null {
  return STEPS[stepIndex(step) + direction]?.id ?? null;
}

export type Completeness = 'empty' | 'partial' | 'complete';

function filled(text: string): boolean {
  return text.trim() !== '';
}

/** How many of the parts are done, as a completeness. */
function share(done: boolean[]): Completeness {
  const count = done.filter(Boolean).length;
  if (count === 0) {
    return 'empty';
  }
  return count === done.length ? 'complete' : 'partial';
}

/** How complete a step of the report is, from what is written in it. */
export function completeness(report: Postmortem, step: Step): Completeness {
  switch (step) {
    case 'basics':
      return share([
        report.severity !== null,
        report.services.length > 0,
        report.incident.started !== null,
        report.participants.length > 0,
        report.owner !== null,
      ]);
    case 'summary':
      return filled(report.summary) ? 'complete' : 'empty';
    case 'impact':
      return filled(report.customerImpact) ? 'complete' : 'empty';
    case 'timeline':
      return report.timeline.length === 0 ? 'empty' : report.timeline.length === 1 ? 'partial' : 'complete';
    case 'analysis': {
      const factors = report.contributingFactors.length;
      const found = share([
        filled(report.monitoring),
        factors > 1 || (factors === 1 && filled(report.singleFactorReason)),
      ]);
      return found === 'empty' && factors > 0 ? 'partial' : found;
    }
    case 'questions':
      return share(Object.values(report.questions).map(filled));
    case 'wentWell':
      return filled(report.wentWell) ? 'complete' : filled(report.gotLucky) ? 'partial' : 'empty';
    case 'actionItems':
      if (report.actionItems.length === 0) {
        return 'empty';
      }
      return report.actionItems.every(
        (item) => item.status !== 'committed' || (filled(item.owner) && item.due !== null),
      )
        ? 'complete'
        : 'partial';
    case 'external':
      return share([
        filled(report.external.summary),
        filled(report.external.whatHappened),
        filled(report.external.whatWeAreDoing),
      ]);
    case 'glossary':
      return report.glossary.some((entry) => filled(entry.term)) ? 'complete' : 'empty';
    case 'review':
      return share([
        report.review.at !== null,
        report.review.facilitator !== null,
        report.review.devilsAdvocate !== null,
        ...report.reviewChecklist.map((item) => item.checked),
      ]);
  }
}

export const COMPLETENESS_LABELS: Record<Completeness, string> = {
  empty: 'not started',
  partial: 'in progress',
  complete: 'complete',
};
