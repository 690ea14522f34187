// Entries in the page's performance timeline (the standard User Timing API) that the benchmark of
// the real app reads over WebDriver: when the library was first painted, and how long each save
// took from the request leaving the page to the store acknowledging its commit. See
// docs/PERFORMANCE.md ("The app").

/** The mark set once the library list has been painted after start. */
export const LIBRARY_SHOWN = 'debrief:library-shown';
/** The measure recorded for every save of a report. */
export const SAVE = 'debrief:save';

/** Measures kept per name before the oldest are cleared, so a long session stays small. */
const KEPT_MEASURES = 1000;
const counts = new Map<string, number>();

/**
 * Runs `work` once what the page shows now has been painted: the second animation frame runs only
 * after the frame holding the current DOM has been drawn. At once where there are no frames.
 */
export function afterPaint(work: () => void): void {
  if (typeof requestAnimationFrame !== 'function') {
    work();
    return;
  }
  requestAnimationFrame(() => requestAnimationFrame(work));
}

/** Sets the mark `name` once what the page shows now has been painted. */
export function markAfterPaint(name: string): void {
  afterPaint(() => performance.mark(name));
}

/** Runs `work` and records how long it took, whether it succeeded or failed, as a measure `name`. */
export async function timed<T>(name: string, work: () => Promise<T>): Promise<T> {
  const start = performance.now();
  try {
    return await work();
  } finally {
    const count = (counts.get(name) ?? 0) + 1;
    if (count > KEPT_MEASURES) {
      performance.clearMeasures(name);
      counts.set(name, 1);
    } else {
      counts.set(name, count);
    }
    performance.measure(name, { start, end: performance.now() });
  }
}
