// Small choices remembered between runs, in the webview's local storage.

export type EditorMode = 'walkthrough' | 'document';

const MODE_KEY = 'debrief.editorMode';

export function loadMode(storage: Pick<Storage, 'getItem'> | null = globalStorage()): EditorMode {
  const stored = storage?.getItem(MODE_KEY);
  return stored === 'document' ? 'document' : 'walkthrough';
}

export function saveMode(mode: EditorMode, storage: Pick<Storage, 'setItem'> | null = globalStorage()): void {
  try {
    storage?.setItem(MODE_KEY, mode);
  } catch {
    // A full or disabled storage only loses the preference.
  }
}

function globalStorage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}
