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
const LEVELS: readonly (HintSeverity | null)[] = [null, 'suggestion', 'warning', 'error'];

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

/**
 * At most this many hints are underlined in one field, the first ones in the text. A pasted
 * megabyte of notes can hold tens of thousands of hints; drawing every one of them would keep the
 * window busy for seconds after each check, and nobody reads that many at once.
 */
export const UNDERLINE_LIMIT = 500;

/**
 * `text` cut where underlines start and end; overlapping hints show the strongest. Only the first
 * `limit` hints (in text order) are underlined. One pass over the sorted starts and ends, so a
 * field with many hints costs no more than sorting them.
 */
export function segments(text: string, hints: readonly StepHint[], limit = UNDERLINE_LIMIT): Segment[] {
  const shown = underlined(text, hints)
    .sort((a, b) => a.startUtf16 - b.startUtf16)
    .slice(0, limit);
  if (shown.length === 0) {
    return text === '' ? [] : [{ text, severity: null }];
  }
  // Each hint opens its level at its start and closes it at its end.
  const events: { at: number; rank: number; change: 1 | -1 }[] = [];
  for (const hint of shown) {
    const rank = RANK[hint.severity];
    events.push({ at: hint.startUtf16, rank, change: 1 }, { at: hint.endUtf16, rank, change: -1 });
  }
  events.sort((a, b) => a.at - b.at);
  const open = [0, 0, 0, 0];
  const parts: Segment[] = [];
  let position = 0;
  const emit = (end: number): void => {
    if (end <= position) {
      return;
    }
    const strongest = open[3] ? 3 : open[2] ? 2 : open[1] ? 1 : 0;
    const severity = strongest === 0 ? null : (LEVELS[strongest] ?? null);
    const piece = text.slice(position, end);
    const last = parts[parts.length - 1];
    if (last !== undefined && last.severity === severity) {
      last.text += piece;
    } else {
      parts.push({ text: piece, severity });
    }
    position = end;
  };
  for (let index = 0; index < events.length; ) {
    const at = events[index]?.at ?? text.length;
    emit(at);
    for (let event = events[index]; event !== undefined && event.at === at; event = events[index]) {
      open[event.rank] = (open[event.rank] ?? 0) + event.change;
      index += 1;
    }
  }
  emit(text.length);
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
