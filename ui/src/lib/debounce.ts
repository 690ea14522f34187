// Runs a function once input has paused, with timers passed in for tests.

import { globalTimers, type Timers } from './autosave';

export interface Debounced<A extends unknown[]> {
  (...args: A): void;
  cancel(): void;
}

export function debounce<A extends unknown[], Handle = ReturnType<typeof setTimeout>>(
  run: (...args: A) => void,
  delayMs: number,
  timers: Timers<Handle> = globalTimers as unknown as Timers<Handle>,
): Debounced<A> {
  let pending: { handle: Handle } | null = null;
  const cancel = () => {
    if (pending !== null) {
      timers.clearTimeout(pending.handle);
      pending = null;
    }
  };
  const debounced = (...args: A) => {
    cancel();
    pending = {
      handle: timers.setTimeout(() => {
        pending = null;
        run(...args);
      }, delayMs),
    };
  };
  debounced.cancel = cancel;
  return debounced;
}
