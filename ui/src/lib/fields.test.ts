import { describe, expect, it } from 'vitest';
import { fieldDomId, fieldLabel, readText, writeText } from './fields';
import { blankReport } from './fixtures';

describe('fields by hint name', () => {
  it('reads and writes the texts of the report', () => {
    const report = blankReport();
    report.timeline.push({ id: 't1', at: '2026-11-20T09:00:00Z', description: 'Deploy', evidence: '', kind: 'trigger' });
    report.contributingFactors.push({ id: 'f1', description: 'One', category: 'process', whyItMadeSense: 'Two' });
    report.actionItems.push({
      id: 'a1',
      description: 'Add an alert',
      owner: '',
      due: null,
      priority: null,
      kind: 'detect',
      status: 'proposed',
      statusReason: '',
      tracking: '',
      doneWhen: '',
    });
    report.glossary.push({ id: 'g1', term: 'p95', definition: 'A percentile.' });

    const cases: [string, string][] = [
      ['summary', 'S'],
      ['customerImpact', 'I'],
      ['questions.bugOrClass', 'Q'],
      ['external.whatHappened', 'E'],
      ['timeline.t1.description', 'T'],
      ['contributingFactors.f1.whyItMadeSense', 'W'],
      ['actionItems.a1.description', 'A'],
      ['glossary.g1.definition', 'G'],
    ];
    for (const [field, value] of cases) {
      expect(writeText(report, field, value)).toBe(true);
      expect(readText(report, field)).toBe(value);
    }
    expect(report.timeline[0]?.description).toBe('T');
    expect(report.questions.bugOrClass).toBe('Q');
    expect(report.glossary[0]?.definition).toBe('G');
  });

  it('knows no field of a removed row or an unknown name', () => {
    const report = blankReport();
    for (const field of ['timeline.gone.description', 'questions.who', 'external', 'glossary.3.definition', 'glossary.g1.definition', 'timeZone', 'actionItems']) {
      expect(readText(report, field)).toBeNull();
      expect(writeText(report, field, 'x')).toBe(false);
    }
  });

  it('makes element ids from field names', () => {
    expect(fieldDomId('timeline.0193a0c4-5b7e.description')).toBe('field-timeline-0193a0c4-5b7e-description');
  });
});

describe('fieldLabel', () => {
  it('names fields and rows for people', () => {
    const report = blankReport();
    report.timeline.push(
      { id: 't1', at: '2026-11-20T09:00:00Z', description: '', evidence: '', kind: 'trigger' },
      { id: 't2', at: '2026-11-20T09:05:00Z', description: '', evidence: '', kind: 'note' },
    );
    report.contributingFactors.push({ id: 'f1', description: '', category: 'process', whyItMadeSense: '' });
    expect(fieldLabel(report, 'monitoring')).toBe('Monitoring');
    expect(fieldLabel(report, 'timeline')).toBe('Timeline');
    expect(fieldLabel(report, 'timeline.t2')).toBe('Timeline entry 2');
    expect(fieldLabel(report, 'timeline.t2.description')).toBe('Timeline entry 2');
    expect(fieldLabel(report, 'timeline.gone')).toBe('Timeline');
    expect(fieldLabel(report, 'contributingFactors.f1.whyItMadeSense')).toBe('Factor 1: why it made sense');
    expect(fieldLabel(report, 'external.whatHappened')).toBe('External message: what happened');
    report.glossary.push(
      { id: 'g1', term: '', definition: '' },
      { id: 'g2', term: ' p95 ', definition: '' },
    );
    expect(fieldLabel(report, 'glossary.g1.definition')).toBe('Glossary entry 1');
    expect(fieldLabel(report, 'glossary.g2.definition')).toBe('Glossary: p95');
    expect(fieldLabel(report, 'glossary.0.definition')).toBe('Glossary');
  });
});
