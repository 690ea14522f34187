import { describe, expect, it } from 'vitest';
import { blankReport, hintOn } from './fixtures';
import {
  applySuggestion,
  byField,
  dismissalOf,
  dismisses,
  isRewrite,
  openHints,
  segments,
  UNDERLINE_LIMIT,
  underlined,
} from './hints';

const TEXT = 'the root cause was human error';

describe('underlines', () => {
  it('cuts the text at the hints, strongest level over overlaps', () => {
    const rootCause = hintOn(TEXT, 'root cause');
    const humanError = hintOn(TEXT, 'human error', { rule: 'human-error', severity: 'suggestion' });
    expect(segments(TEXT, [rootCause, humanError])).toEqual([
      { text: 'the ', severity: null },
      { text: 'root cause', severity: 'warning' },
      { text: ' was ', severity: null },
      { text: 'human error', severity: 'suggestion' },
    ]);
    const wide = hintOn(TEXT, 'the root cause was', { severity: 'suggestion' });
    const strong = hintOn(TEXT, 'cause', { severity: 'error' });
    expect(segments(TEXT, [wide, strong])).toEqual([
      { text: 'the root ', severity: 'suggestion' },
      { text: 'cause', severity: 'error' },
      { text: ' was', severity: 'suggestion' },
      { text: ' human error', severity: null },
    ]);
  });

  it('leaves out dismissed hints and hints whose words have moved', () => {
    const hint = hintOn(TEXT, 'root cause');
    expect(underlined(TEXT, [{ ...hint, dismissed: 'quoted' }])).toEqual([]);
    const edited = 'so the root cause was human error';
    expect(underlined(edited, [hint])).toEqual([]);
    expect(segments(edited, [hint])).toEqual([{ text: edited, severity: null }]);
    expect(segments('', [hint])).toEqual([]);
  });

  it('underlines only the first hints of a field with very many, in text order', () => {
    const sentence = 'It was human error again. ';
    const count = UNDERLINE_LIMIT * 40;
    const text = sentence.repeat(count);
    const one = hintOn(sentence, 'human error', { rule: 'human-error' });
    const hints = Array.from({ length: count }, (_, index) => ({
      ...one,
      startUtf16: one.startUtf16 + index * sentence.length,
      endUtf16: one.endUtf16 + index * sentence.length,
    })).reverse();
    const parts = segments(text, hints);
    const marked = parts.filter((part) => part.severity !== null);
    expect(marked).toHaveLength(UNDERLINE_LIMIT);
    expect(marked.every((part) => part.text === 'human error')).toBe(true);
    expect(parts.map((part) => part.text).join('')).toBe(text);
    expect(parts[0]).toEqual({ text: 'It was ', severity: null });
    expect(segments(text, hints, 2).filter((part) => part.severity !== null)).toHaveLength(2);
  });

  it('counts in UTF-16 like JavaScript strings', () => {
    const text = '🔥 the root cause';
    const hint = hintOn(text, 'root cause');
    expect(hint.startUtf16).toBe(7);
    expect(segments(text, [hint])[1]).toEqual({ text: 'root cause', severity: 'warning' });
  });
});

describe('suggestions', () => {
  it('replaces the words of a rewrite', () => {
    const hint = hintOn(TEXT, 'root cause');
    expect(applySuggestion(TEXT, hint)).toBe('the contributing factor was human error');
    expect(applySuggestion('changed ' + TEXT, hint)).toBeNull();
    expect(applySuggestion(TEXT, { ...hint, suggestion: null })).toBeNull();
  });

  it('tells rewrites from advice by the kind the rule gives', () => {
    expect(isRewrite(hintOn(TEXT, 'root cause'))).toBe(true);
    const advice = hintOn(TEXT, 'human error', {
      rule: 'human-error',
      suggestion: 'describe the action and what in the system allowed it to cause harm',
      suggestionKind: 'advice',
    });
    expect(isRewrite(advice)).toBe(false);
    expect(isRewrite(hintOn(TEXT, 'root cause', { suggestion: null, suggestionKind: null }))).toBe(false);
    // A rewrite on no words (a whole-report hint) has nothing to replace.
    expect(isRewrite(hintOn(TEXT, 'root cause', { startUtf16: 0, endUtf16: 0 }))).toBe(false);
  });
});

describe('dismissals', () => {
  it('remember the rule, the field and the sentence', () => {
    const hint = hintOn(TEXT, 'root cause');
    const dismissal = dismissalOf(hint, '  Quoting the vendor  ');
    expect(dismissal).toEqual({ rule: 'root-cause', field: 'monitoring', matchedText: TEXT, reason: 'Quoting the vendor' });
    expect(dismisses(dismissal, hint)).toBe(true);
    expect(dismisses(dismissal, { ...hint, field: 'summary' })).toBe(false);
    const report = blankReport();
    report.dismissals.push(dismissal);
    expect(report.dismissals).toHaveLength(1);
  });
});

describe('lists', () => {
  it('groups by field and orders open hints strongest first', () => {
    const a = hintOn(TEXT, 'root cause', { severity: 'suggestion' });
    const b = hintOn(TEXT, 'human error', { severity: 'error', field: 'summary' });
    const c = hintOn(TEXT, 'was', { dismissed: 'fine' });
    expect(byField([a, b, c]).get('monitoring')).toEqual([a, c]);
    expect(openHints([a, b, c])).toEqual([b, a]);
  });
});
