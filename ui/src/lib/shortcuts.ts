// Keyboard shortcuts: one table, read by the key handler and shown in the help overlay.

export type ShortcutAction = 'new' | 'search' | 'export' | 'nextStep' | 'previousStep' | 'toggleMode' | 'help';

export interface KeyPress {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  shiftKey: boolean;
}

export interface Shortcut {
  action: ShortcutAction;
  /** How it is written in the help, with `Mod` for Ctrl (⌘ on a Mac). */
  keys: string[];
  description: string;
}

export const SHORTCUTS: readonly Shortcut[] = [
  { action: 'new', keys: ['Mod+N'], description: 'Start a new postmortem' },
  { action: 'search', keys: ['Mod+F', 'Mod+K'], description: 'Search the library' },
  { action: 'export', keys: ['Mod+E'], description: 'Export the open postmortem' },
  { action: 'nextStep', keys: ['Alt+→', 'Mod+PageDown'], description: 'Next step' },
  { action: 'previousStep', keys: ['Alt+←', 'Mod+PageUp'], description: 'Previous step' },
  { action: 'toggleMode', keys: ['Mod+Shift+D'], description: 'Switch between walkthrough and document' },
  { action: 'help', keys: ['F1', 'Mod+/'], description: 'Show these shortcuts' },
];

/** The action of a key press, or null. `mac` makes ⌘ the modifier instead of Ctrl. */
export function actionFor(press: KeyPress, mac = false): ShortcutAction | null {
  const mod = mac ? press.metaKey && !press.ctrlKey : press.ctrlKey && !press.metaKey;
  const key = press.key.length === 1 ? press.key.toLowerCase() : press.key;
  if (key === 'F1' && !mod && !press.altKey) {
    return 'help';
  }
  if (press.altKey && !mod && !press.shiftKey) {
    if (key === 'ArrowRight') {
      return 'nextStep';
    }
    if (key === 'ArrowLeft') {
      return 'previousStep';
    }
    return null;
  }
  if (!mod || press.altKey) {
    return null;
  }
  if (press.shiftKey) {
    return key === 'd' ? 'toggleMode' : key === '?' ? 'help' : null;
  }
  switch (key) {
    case 'n':
      return 'new';
    case 'f':
    case 'k':
      return 'search';
    case 'e':
      return 'export';
    case 'PageDown':
      return 'nextStep';
    case 'PageUp':
      return 'previousStep';
    case '/':
      return 'help';
    default:
      return null;
  }
}

/** A key combination as this computer writes it. */
export function keyLabel(keys: string, mac = false): string {
  return keys.replace('Mod', mac ? '⌘' : 'Ctrl');
}
