import { describe, expect, it } from 'vitest';
import { blankReport } from './fixtures';
import { completeness, neighbourStep, STEPS, stepGuide } from './steps';

describe('steps', () => {
  it('follow the order of the design, each with its guidance', () => {
    expect(STEPS.map((step) => step.id)).toEqual([
      'basics',
      'summary',
      'impact',
      'timeline',
      'analysis',
      'questions',
      'wentWell',
      'actionItems',
      'external',
      'glossary',
      'review',
    ]);
    for (const step of STEPS) {
      expect(step.purpose.length).toBeGreaterThan(40);
      expect(step.prompts.length).toBeGreaterThan(0);
      expect(step.example).not.toBe('');
    }
    expect(stepGuide('glossary').optional).toBe(true);
  });

  it('lead on to the next and back to the previous', () => {
    expect(neighbourStep('basics', 1)).toBe('summary');
    expect(neighbourStep('basics', -1)).toBeNull();
    expect(neighbourStep('review', 1)).toBeNull();
    expect(neighbourStep('review', -1)).toBe('glossary');
  });
});

describe('completeness', () => {
  it('is empty for a blank report, except what a new report has', () => {
    const report = blankReport();
    for (const step of STEPS) {
      expect(completeness(report, step.id)).toBe('empty');
    }
  });

  it('grows as the step is filled', () => {
    const report = blankReport();
    report.summary = 'Checkout was slow.';
    expect(completeness(report, 'summary')).toBe('complete');

    report.timeline.push({ id: 'a', at: '2026-11-20T09:00:00Z', description: '', evidence: '', kind: 'trigger' });
    expect(completeness(report, 'timeline')).toBe('partial');
    report.timeline.push({ id: 'b', at: '2026-11-20T09:10:00Z', description: '', evidence: '', kind: 'detection' });
    expect(completeness(report, 'timeline')).toBe('complete');

    report.contributingFactors.push({ id: 'f', description: 'x', category: 'process', whyItMadeSense: '' });
    expect(completeness(report, 'analysis')).toBe('partial');
    report.singleFactorReason = 'Only one condition was needed.';
    report.monitoring = 'Latency rose at 14:02.';
    expect(completeness(report, 'analysis')).toBe('complete');

    report.questions.bugOrClass = 'A class we had not foreseen.';
    expect(completeness(report, 'questions')).toBe('partial');
  });

  it('wants an owner and a date on every committed action item', () => {
    const report = blankReport();
    report.actionItems.push({
      id: 'a',
      description: 'Add an alert',
      owner: '',
      due: null,
      priority: null,
      kind: 'detect',
      status: 'committed',
      statusReason: '',
      tracking: '',
      doneWhen: '',
    });
    expect(completeness(report, 'actionItems')).toBe('partial');
    const item = report.actionItems[0];
    if (item === undefined) {
      throw new Error('the item is there');
    }
    item.owner = 'Platform team';
    item.due = '2026-12-15';
    expect(completeness(report, 'actionItems')).toBe('complete');
  });
});
