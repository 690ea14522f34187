// The one door to the Rust side. No other file imports `invoke`: every command goes through
// `call`, and every failure comes out of it as an `IpcError` with a code the UI can branch on.

import { invoke } from '@tauri-apps/api/core';
import type { ErrorCode } from './bindings/ErrorCode';
import type { IpcError } from './bindings/IpcError';

export type { ErrorCode, IpcError };

/** Arguments of a command: one object, keyed by the Rust parameter names. */
export type CommandArgs = Record<string, unknown>;

/** The shape of Tauri's `invoke`, so tests can pass a stand-in. */
export type Invoker = (command: string, args?: CommandArgs) => Promise<unknown>;

// Typed against the generated `ErrorCode`, so a code added in Rust fails the type check here until
// it is listed.
const KNOWN_CODES: Record<ErrorCode, true> = {
  not_found: true,
  invalid: true,
  conflict: true,
  database: true,
  internal: true,
};

function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.hasOwn(KNOWN_CODES, value);
}

/** Whether a value has the shape the Rust side sends for a failed command. */
export function isIpcError(value: unknown): value is IpcError {
  if (typeof value !== 'object' || value === null) {
    return false;
  }
  const record = value as Record<string, unknown>;
  return isErrorCode(record['code']) && typeof record['message'] === 'string';
}

/**
 * Any rejection as an `IpcError`. Our commands reject with `{ code, message }`; Tauri itself
 * rejects with a plain string (an unknown command, arguments that do not fit, a missing
 * permission), and a JavaScript failure is an `Error`: both become `internal`.
 */
export function toIpcError(reason: unknown): IpcError {
  if (isIpcError(reason)) {
    return { code: reason.code, message: reason.message };
  }
  if (reason instanceof Error) {
    return { code: 'internal', message: reason.message || reason.name };
  }
  if (typeof reason === 'string' && reason.trim() !== '') {
    return { code: 'internal', message: reason };
  }
  return { code: 'internal', message: 'Something went wrong, and no reason was given.' };
}

/** A failed command, thrown by `call`. It is an `IpcError` and also a real `Error` with a stack. */
export class CommandError extends Error implements IpcError {
  readonly code: ErrorCode;
  readonly command: string;

  constructor(command: string, error: IpcError) {
    super(error.message);
    this.name = 'CommandError';
    this.code = error.code;
    this.command = command;
  }
}

/** Builds a `call` over any invoker; the app uses Tauri's, the tests a stand-in. */
export function createCall(invoker: Invoker) {
  return async function call<T>(command: string, args?: CommandArgs): Promise<T> {
    try {
      // The Rust side is the source of the type: each command's result is a generated binding.
      return (await invoker(command, args)) as T;
    } catch (reason) {
      throw new CommandError(command, toIpcError(reason));
    }
  };
}

/** Runs a Tauri command. Rejects with a `CommandError` (an `IpcError`). */
export const call = createCall((command, args) => invoke(command, args));
