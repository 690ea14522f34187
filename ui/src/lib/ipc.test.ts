import { describe, expect, it } from 'vitest';
import { CommandError, createCall, isIpcError, toIpcError } from './ipc';

describe('toIpcError', () => {
  it('keeps an error sent by a command', () => {
    expect(toIpcError({ code: 'conflict', message: 'changed elsewhere', extra: 1 })).toEqual({
      code: 'conflict',
      message: 'changed elsewhere',
    });
  });

  it('turns a Tauri string rejection into an internal error', () => {
    expect(toIpcError('command get_report not found')).toEqual({
      code: 'internal',
      message: 'command get_report not found',
    });
  });

  it('turns a JavaScript error into an internal error', () => {
    expect(toIpcError(new TypeError('window.__TAURI_INTERNALS__ is undefined'))).toEqual({
      code: 'internal',
      message: 'window.__TAURI_INTERNALS__ is undefined',
    });
  });

  it('never loses the failure, whatever was thrown', () => {
    for (const reason of [undefined, null, 42, '', { code: 'teapot', message: 'no' }]) {
      const error = toIpcError(reason);
      expect(error.code).toBe('internal');
      expect(error.message.length).toBeGreaterThan(0);
    }
  });
});

describe('isIpcError', () => {
  it('accepts only known codes with a message', () => {
    expect(isIpcError({ code: 'not_found', message: 'gone' })).toBe(true);
    expect(isIpcError({ code: 'not_found' })).toBe(false);
    expect(isIpcError({ code: 'unknown', message: 'x' })).toBe(false);
    expect(isIpcError({ code: 'toString', message: 'x' })).toBe(false);
    expect(isIpcError('conflict')).toBe(false);
  });
});

describe('call', () => {
  it('passes the command and arguments through and returns the result', async () => {
    const seen: unknown[] = [];
    const call = createCall((command, args) => {
      seen.push([command, args]);
      return Promise.resolve({ id: '1' });
    });
    await expect(call<{ id: string }>('get_report', { request: { id: '1' } })).resolves.toEqual({
      id: '1',
    });
    expect(seen).toEqual([['get_report', { request: { id: '1' } }]]);
  });

  it('rejects with a CommandError that carries the code', async () => {
    const call = createCall(() => Promise.reject({ code: 'not_found', message: 'no such report' }));
    const failure: unknown = await call('get_report').catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(CommandError);
    expect(failure).toMatchObject({
      code: 'not_found',
      message: 'no such report',
      command: 'get_report',
    });
    expect(isIpcError(failure)).toBe(true);
  });

  it('maps a thrown string to internal', async () => {
    const call = createCall(() => Promise.reject('invalid args `request` for command `save_report`'));
    await expect(call('save_report')).rejects.toMatchObject({ code: 'internal' });
  });
});
