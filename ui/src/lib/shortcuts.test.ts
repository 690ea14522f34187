import { describe, expect, it } from 'vitest';
import { actionFor, keyLabel, SHORTCUTS, type KeyPress } from './shortcuts';

function press(key: string, modifiers: Partial<KeyPress> = {}): KeyPress {
  return { key, ctrlKey: false, metaKey: false, altKey: false, shiftKey: false, ...modifiers };
}

describe('shortcuts', () => {
  it('map key presses to actions', () => {
    expect(actionFor(press('n', { ctrlKey: true }))).toBe('new');
    expect(actionFor(press('N', { ctrlKey: true }))).toBe('new');
    expect(actionFor(press('f', { ctrlKey: true }))).toBe('search');
    expect(actionFor(press('e', { ctrlKey: true }))).toBe('export');
    expect(actionFor(press('ArrowRight', { altKey: true }))).toBe('nextStep');
    expect(actionFor(press('ArrowLeft', { altKey: true }))).toBe('previousStep');
    expect(actionFor(press('PageDown', { ctrlKey: true }))).toBe('nextStep');
    expect(actionFor(press('D', { ctrlKey: true, shiftKey: true }))).toBe('toggleMode');
    expect(actionFor(press('F1'))).toBe('help');
    expect(actionFor(press('/', { ctrlKey: true }))).toBe('help');
  });

  it('leave plain typing and other combinations alone', () => {
    expect(actionFor(press('n'))).toBeNull();
    expect(actionFor(press('e', { altKey: true }))).toBeNull();
    expect(actionFor(press('ArrowRight'))).toBeNull();
    expect(actionFor(press('c', { ctrlKey: true }))).toBeNull();
    expect(actionFor(press('n', { ctrlKey: true, altKey: true }))).toBeNull();
  });

  it('use ⌘ on a Mac', () => {
    expect(actionFor(press('n', { metaKey: true }), true)).toBe('new');
    expect(actionFor(press('n', { ctrlKey: true }), true)).toBeNull();
    expect(keyLabel('Mod+N', true)).toBe('⌘+N');
    expect(keyLabel('Mod+N')).toBe('Ctrl+N');
  });

  it('list every action in the help', () => {
    const actions = new Set(SHORTCUTS.map((shortcut) => shortcut.action));
    expect(actions.size).toBe(SHORTCUTS.length);
  });
});
