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

/**
 * Runs `onSecondStart` when Debrief is started again on the same library: the new start hands
 * over to this window (which the shell brings to the front) and exits. Returns a function that
 * stops listening. Outside Tauri it does nothing.
 */
export async function whenStartedAgain(onSecondStart: () => void): Promise<() => void> {
  if (!('__TAURI_INTERNALS__' in window)) {
    return () => {};
  }
  const { listen } = await import('@tauri-apps/api/event');
  return listen('debrief://second-start', () => onSecondStart());
}

/**
 * Runs `onDamaged` with the message when the check of the library's file, which runs in the
 * background after the start, finds it damaged: the shell has closed the file unchanged and
 * refuses every write to it. Returns a function that stops listening. Outside Tauri it does
 * nothing.
 */
export async function whenLibraryDamaged(onDamaged: (message: string) => void): Promise<() => void> {
  if (!('__TAURI_INTERNALS__' in window)) {
    return () => {};
  }
  const { listen } = await import('@tauri-apps/api/event');
  return listen<string>('debrief://library-damaged', (event) => onDamaged(event.payload));
}

/** Closes the window, which ends the app. Outside Tauri it does nothing. */
export async function quit(): Promise<void> {
  if (!('__TAURI_INTERNALS__' in window)) {
    return;
  }
  await getCurrentWindow().destroy();
}
