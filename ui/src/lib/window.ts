// The window's life: saving what is left before it closes.

import { getCurrentWindow } from '@tauri-apps/api/window';

/**
 * Runs `beforeClose` (and waits for it) when the person closes the window, then closes it. Returns
 * a function that stops listening. Outside Tauri (a plain browser) it does nothing.
 */
export async function whenClosing(beforeClose: () => Promise<unknown>): Promise<() => void> {
  if (!('__TAURI_INTERNALS__' in window)) {
    return () => {};
  }
  return getCurrentWindow().onCloseRequested(async () => {
    await beforeClose();
  });
}
