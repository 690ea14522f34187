// Short messages at the bottom of the window, some with an action (Undo), that go away by
// themselves.

export interface Toast {
  id: number;
  message: string;
  tone: 'info' | 'problem';
  action: { label: string; run: () => void } | null;
}

const TOAST_MS = 10_000;

export class Toasts {
  items: Toast[] = $state([]);
  #next = 1;

  show(message: string, options: { tone?: Toast['tone']; action?: Toast['action']; ms?: number } = {}): number {
    const id = this.#next;
    this.#next += 1;
    this.items.push({ id, message, tone: options.tone ?? 'info', action: options.action ?? null });
    setTimeout(() => this.close(id), options.ms ?? TOAST_MS);
    return id;
  }

  close(id: number): void {
    const index = this.items.findIndex((toast) => toast.id === id);
    if (index >= 0) {
      this.items.splice(index, 1);
    }
  }
}

export const toasts = new Toasts();
