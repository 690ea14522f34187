// Hints as the editor shows them: the spans to underline in a text, one-click rewrites, and
// dismissals. Spans are in UTF-16 code units, which is how JavaScript strings count.

import type { HintDismissal } from './bindings/HintDismissal';
import type { HintSeverity } from './bindings/HintSeverity';
import type { StepHint } from './bindings/StepHint';

export interface Segment {
  text: string;
  /** The strongest hint over this stretch of text, or null for plain text. */
  severity: HintSeverity | null;
}

const RANK: Record<HintSeverity, number> = { suggestion: 1, warning: 2, error: 3 };

/** Whether a hint still points at its words in `text` (the text may have changed since). */
export function pointsInto(text: string, hint: StepHint): boolean {
  return (
    hint.endUtf16 > hint.startUtf16 &&
    hint.endUtf16 <= text.length &&
    text.slice(hint.startUtf16, hint.endUtf16) === hint.matched
  );
}

/** The hints to underline in `text`: not dismissed, and still on their words. */
export function underlined(text: string, hints: readonly StepHint[]): StepHint[] {
  return hints.filter((hint) => hint.dismissed === null && pointsInto(text, hint));
}

/** `text` cut where underlines start and end; overlapping hints show the strongest. */
export function segments(text: string, hints: readonly StepHint[]): Segment[] {
  const shown = underlined(text, hints);
  if (shown.length === 0) {
    return text === '' ? [] : [{ text, severity: null }];
  }
  const cuts = new Set<number>([0, text.length]);
  for (const hint of shown) {
    cuts.add(hint.startUtf16);
    cuts.add(hint.endUtf16);
  }
  const points = [...cuts].sort((a, b) => a - b);
  const parts: Segment[] = [];
  for (let index = 0; index + 1 < points.length; index += 1) {
    const start = points[index] ?? 0;
    const end = points[index + 1] ?? start;
    let severity: HintSeverity | null = null;
    for (const hint of shown) {
      if (hint.startUtf16 <= start && end <= hint.endUtf16 && (severity === null || RANK[hint.severity] > RANK[severity])) {
        severity = hint.severity;
      }
    }
    const last = parts[parts.length - 1];
    if (last !== undefined && last.severity === severity) {
      last.text += text.slice(start, end);
    } else {
      parts.push({ text: text.slice(start, end), severity });
    }
  }
  return parts;
}

/**
 * Whether the hint's suggestion replaces its words in one click (its rule says `rewrite`) rather
 * than advises. A hint on no words (a whole-report check) has nothing to replace.
 */
export function isRewrite(hint: StepHint): boolean {
  return hint.suggestion !== null && hint.suggestionKind === 'rewrite' && hint.endUtf16 > hint.startUtf16;
}

/** `text` with the hint's words replaced by its rewrite, or null if it advises or the words moved. */
export function applySuggestion(text: string, hint: StepHint): string | null {
  if (hint.suggestion === null || !isRewrite(hint) || !pointsInto(text, hint)) {
    return null;
  }
  return text.slice(0, hint.startUtf16) + hint.suggestion + text.slice(hint.endUtf16);
}

/** The dismissal of a hint: the same rule, field and sentence stay dismissed. */
export function dismissalOf(hint: StepHint, reason: string): HintDismissal {
  return { rule: hint.rule, field: hint.field, matchedText: hint.context, reason: reason.trim() };
}

/** Whether a stored dismissal is the one for this hint. */
export function dismisses(dismissal: HintDismissal, hint: StepHint): boolean {
  return dismissal.rule === hint.rule && dismissal.field === hint.field && dismissal.matchedText === hint.context;
}

/** A key for a hint that stays the same while its sentence does. */
export function hintKey(hint: StepHint): string {
  return `${hint.rule}\u0000${hint.field}\u0000${hint.context}\u0000${hint.startUtf16}`;
}

/** Hints by field. */
export function byField(hints: readonly StepHint[]): Map<string, StepHint[]> {
  const map = new Map<string, StepHint[]>();
  for (const hint of hints) {
    const list = map.get(hint.field);
    if (list === undefined) {
      map.set(hint.field, [hint]);
    } else {
      list.push(hint);
    }
  }
  return map;
}

/** Open (not dismissed) hints, strongest first, in text order within a level. */
export function openHints(hints: readonly StepHint[]): StepHint[] {
  return hints
    .filter((hint) => hint.dismissed === null)
    .map((hint, index) => ({ hint, index }))
    .sort((a, b) => RANK[b.hint.severity] - RANK[a.hint.severity] || a.index - b.index)
    .map(({ hint }) => hint);
}

export const SEVERITY_LABELS: Record<HintSeverity, string> = {
  suggestion: 'Suggestion',
  warning: 'Warning',
  error: 'Must fix',
};
