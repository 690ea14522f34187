import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Autosave, AUTOSAVE_DELAY_MS, AUTOSAVE_MAX_WAIT_MS, type SaveStatus } from './autosave';
import type { IpcError } from './ipc';

interface Doc {
  revision: number;
  text: string;
}

/** A stand-in for `save_report`: each call waits until the test settles it. */
class FakeStore {
  revision = 1;
  calls: Doc[] = [];
  #pending: { resolve: () => void; reject: (error: IpcError) => void }[] = [];

  save = (document: Doc): Promise<Doc> => {
    this.calls.push(document);
    return new Promise<Doc>((resolve, reject) => {
      this.#pending.push({
        resolve: () => {
          this.revision += 1;
          resolve({ ...document, revision: this.revision });
        },
        reject,
      });
    });
  };

  get inFlight(): number {
    return this.#pending.length;
  }

  async succeed(): Promise<void> {
    this.#pending.shift()?.resolve();
    await settle();
  }

  async fail(error: IpcError): Promise<void> {
    this.#pending.shift()?.reject(error);
    await settle();
  }
}

/** Lets resolved promises run their continuations. */
async function settle(): Promise<void> {
  for (let turn = 0; turn < 5; turn += 1) {
    await Promise.resolve();
  }
}

function setup(store: FakeStore) {
  const statuses: SaveStatus['state'][] = [];
  const saved: Doc[] = [];
  const autosave = new Autosave<Doc>({
    stored: { revision: store.revision, text: '' },
    save: store.save,
    onStatus: (status) => statuses.push(status.state),
    onSaved: (document) => saved.push(document),
  });
  return { autosave, statuses, saved };
}

describe('Autosave', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('saves steady typing at least every half second, without waiting for a pause', async () => {
    const store = new FakeStore();
    const { autosave } = setup(store);
    let text = '';
    const startedAt: number[] = [];
    for (let keystroke = 0; keystroke < 20; keystroke += 1) {
      text += 'x';
      autosave.edit({ revision: 1, text });
      const before = store.calls.length;
      vi.advanceTimersByTime(100);
      if (store.calls.length > before) {
        startedAt.push(keystroke * 100 + 100);
        await store.succeed();
      }
    }
    expect(AUTOSAVE_MAX_WAIT_MS).toBeLessThan(500);
    expect(startedAt.length).toBeGreaterThanOrEqual(4);
    expect(startedAt[0]).toBeLessThanOrEqual(500);
    for (let index = 1; index < startedAt.length; index += 1) {
      expect((startedAt[index] ?? 0) - (startedAt[index - 1] ?? 0)).toBeLessThanOrEqual(500);
    }
    await autosave.flush();
    expect(store.calls[store.calls.length - 1]?.text).toBe(text);
  });

  it('saves what was typed during a slow save as soon as it ends, if it waited long enough', async () => {
    const store = new FakeStore();
    const { autosave, statuses } = setup(store);
    autosave.edit({ revision: 1, text: 'a' });
    vi.advanceTimersByTime(AUTOSAVE_DELAY_MS);
    expect(store.inFlight).toBe(1);
    // Typing goes on while the first save is slow.
    for (let keystroke = 0; keystroke < 6; keystroke += 1) {
      autosave.edit({ revision: 1, text: `a${'b'.repeat(keystroke + 1)}` });
      vi.advanceTimersByTime(100);
    }
    expect(store.inFlight).toBe(1);
    await store.succeed();
    expect(store.calls).toHaveLength(2);
    expect(store.calls[1]?.text).toBe('abbbbbb');
    await store.succeed();
    expect(statuses[statuses.length - 1]).toBe('saved');
  });

  it('saves once, within half a second of the last keystroke', async () => {
    const store = new FakeStore();
    const { autosave, statuses } = setup(store);

    autosave.edit({ revision: 1, text: 'D' });
    vi.advanceTimersByTime(200);
    autosave.edit({ revision: 1, text: 'Da' });
    vi.advanceTimersByTime(200);
    autosave.edit({ revision: 1, text: 'Dat' });
    expect(store.calls).toHaveLength(0);
    expect(autosave.status.state).toBe('pending');

    vi.advanceTimersByTime(AUTOSAVE_DELAY_MS);
    expect(AUTOSAVE_DELAY_MS).toBeLessThan(500);
    expect(store.calls).toEqual([{ revision: 1, text: 'Dat' }]);
    expect(autosave.status.state).toBe('saving');

    await store.succeed();
    expect(autosave.status.state).toBe('saved');
    expect(autosave.stored).toEqual({ revision: 2, text: 'Dat' });
    expect(statuses).toEqual(['pending', 'pending', 'pending', 'saving', 'saved']);
  });

  it('never runs two saves at once, and bases each on the revision the last one returned', async () => {
    const store = new FakeStore();
    const { autosave, saved } = setup(store);

    autosave.edit({ revision: 1, text: 'a' });
    vi.advanceTimersByTime(AUTOSAVE_DELAY_MS);
    expect(store.inFlight).toBe(1);

    // Typing goes on while the first save is still running.
    autosave.edit({ revision: 1, text: 'ab' });
    vi.advanceTimersByTime(AUTOSAVE_DELAY_MS);
    autosave.edit({ revision: 1, text: 'abc' });
    vi.advanceTimersByTime(AUTOSAVE_DELAY_MS);
    expect(store.inFlight).toBe(1);
    expect(autosave.status.state).toBe('saving');

    await store.succeed();
    // The newest text goes next, at the revision the first save returned.
    expect(store.calls).toEqual([
      { revision: 1, text: 'a' },
      { revision: 2, text: 'abc' },
    ]);
    expect(store.inFlight).toBe(1);

    await store.succeed();
    expect(autosave.status.state).toBe('saved');
    expect(saved.map((document) => document.revision)).toEqual([2, 3]);
    expect(autosave.hasUnsavedChanges).toBe(false);
  });

  it('waits for the pause in typing after a save that ended mid-sentence', async () => {
    const store = new FakeStore();
    const { autosave } = setup(store);

    autosave.edit({ revision: 1, text: 'a' });
    vi.advanceTimersByTime(AUTOSAVE_DELAY_MS);
    autosave.edit({ revision: 1, text: 'ab' });
    await store.succeed();
    expect(autosave.status.state).toBe('pending');
    expect(store.calls).toHaveLength(1);

    vi.advanceTimersByTime(AUTOSAVE_DELAY_MS);
    expect(store.calls).toHaveLength(2);
    expect(store.calls[1]).toEqual({ revision: 2, text: 'ab' });
  });

  it('stops on a conflict, overwrites nothing, and keeps the text', async () => {
    const store = new FakeStore();
    const { autosave } = setup(store);

    autosave.edit({ revision: 1, text: 'mine' });
    vi.advanceTimersByTime(AUTOSAVE_DELAY_MS);
    await store.fail({ code: 'conflict', message: 'changed elsewhere' });

    expect(autosave.status).toEqual({
      state: 'conflict',
      error: { code: 'conflict', message: 'changed elsewhere' },
    });
    expect(autosave.hasUnsavedChanges).toBe(true);

    autosave.edit({ revision: 1, text: 'mine, more' });
    vi.advanceTimersByTime(10 * AUTOSAVE_DELAY_MS);
    await autosave.flush();
    expect(store.calls).toHaveLength(1);
    expect(autosave.status.state).toBe('conflict');
  });

  it('keeps failed text and saves it with the next edit', async () => {
    const store = new FakeStore();
    const { autosave } = setup(store);

    autosave.edit({ revision: 1, text: 'first' });
    vi.advanceTimersByTime(AUTOSAVE_DELAY_MS);
    await store.fail({ code: 'internal', message: 'disk full' });
    expect(autosave.status).toEqual({
      state: 'failed',
      error: { code: 'internal', message: 'disk full' },
    });

    autosave.edit({ revision: 1, text: 'first, again' });
    vi.advanceTimersByTime(AUTOSAVE_DELAY_MS);
    expect(store.calls[1]).toEqual({ revision: 1, text: 'first, again' });
    await store.succeed();
    expect(autosave.status.state).toBe('saved');
  });

  it('retries a failed save on request', async () => {
    const store = new FakeStore();
    const { autosave } = setup(store);

    autosave.edit({ revision: 1, text: 'keep me' });
    vi.advanceTimersByTime(AUTOSAVE_DELAY_MS);
    await store.fail({ code: 'internal', message: 'busy' });

    const retried = autosave.retry();
    expect(store.calls[1]).toEqual({ revision: 1, text: 'keep me' });
    await store.succeed();
    expect((await retried).state).toBe('saved');
  });

  it('maps a rejection that is not an IpcError to an internal failure', async () => {
    const autosave = new Autosave<Doc>({
      stored: { revision: 1, text: '' },
      save: () => Promise.reject(new Error('the bridge is gone')),
    });
    autosave.edit({ revision: 1, text: 'x' });
    const status = await autosave.flush();
    expect(status).toEqual({
      state: 'failed',
      error: { code: 'internal', message: 'the bridge is gone' },
    });
  });

  it('flush saves at once without waiting for the pause', async () => {
    const store = new FakeStore();
    const { autosave } = setup(store);

    autosave.edit({ revision: 1, text: 'closing soon' });
    const flushed = autosave.flush();
    expect(store.calls).toHaveLength(1);
    await store.succeed();
    expect((await flushed).state).toBe('saved');

    // The cancelled timer does not save a second time.
    vi.advanceTimersByTime(10 * AUTOSAVE_DELAY_MS);
    expect(store.calls).toHaveLength(1);
  });

  it('flush also waits for edits made while it waits', async () => {
    const store = new FakeStore();
    const { autosave } = setup(store);

    autosave.edit({ revision: 1, text: 'one' });
    const flushed = autosave.flush();
    autosave.edit({ revision: 1, text: 'one two' });
    await store.succeed();
    expect(store.calls).toHaveLength(2);
    await store.succeed();
    expect((await flushed).state).toBe('saved');
    expect(autosave.stored).toEqual({ revision: 3, text: 'one two' });
  });

  it('does nothing after dispose', () => {
    const store = new FakeStore();
    const { autosave } = setup(store);

    autosave.edit({ revision: 1, text: 'typed' });
    autosave.dispose();
    autosave.edit({ revision: 1, text: 'typed more' });
    vi.advanceTimersByTime(10 * AUTOSAVE_DELAY_MS);
    expect(store.calls).toHaveLength(0);
  });
});
