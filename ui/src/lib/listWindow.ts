// Which rows of a long list to build: the ones in view and a margin around them. The others are
// stood in for by two spacers as tall as the rows they replace, so that the page keeps its height
// and a step with a long timeline shows and lays out as fast as a short one.

export interface ListWindow {
  /** The first and last row to build (inclusive); last < first when there is none. */
  first: number;
  last: number;
  /** Heights of the spacers before the first and after the last row. */
  before: number;
  after: number;
}

/**
 * The rows to build when the part of the list from `top` to `bottom` (pixels from the list's top)
 * is in view, with `margin` pixels more on each side. `heights` are the rows' heights (measured, or
 * an estimate). `keep` is a row that must be built whatever the view (the one with the focus).
 */
export function listWindow(
  heights: readonly number[],
  top: number,
  bottom: number,
  margin: number,
  keep: number | null = null,
): ListWindow {
  const count = heights.length;
  if (count === 0) {
    return { first: 0, last: -1, before: 0, after: 0 };
  }
  const from = top - margin;
  const to = bottom + margin;
  let first = -1;
  let last = -1;
  let offset = 0;
  for (let index = 0; index < count; index += 1) {
    const height = heights[index] ?? 0;
    const end = offset + height;
    if (first === -1 && end > from) {
      first = index;
    }
    if (offset < to) {
      last = index;
    }
    offset = end;
  }
  if (first === -1) {
    // The view is below the list: build its last row, so there is something to scroll back to.
    first = count - 1;
    last = count - 1;
  }
  last = Math.max(last, first);
  if (keep !== null && keep >= 0 && keep < count) {
    first = Math.min(first, keep);
    last = Math.max(last, keep);
  }
  let before = 0;
  for (let index = 0; index < first; index += 1) {
    before += heights[index] ?? 0;
  }
  let after = 0;
  for (let index = last + 1; index < count; index += 1) {
    after += heights[index] ?? 0;
  }
  return { first, last, before, after };
}

/** Where row `index` starts, in pixels from the list's top. */
export function rowOffset(heights: readonly number[], index: number): number {
  let offset = 0;
  for (let row = 0; row < index && row < heights.length; row += 1) {
    offset += heights[row] ?? 0;
  }
  return offset;
}
