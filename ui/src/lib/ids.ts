// Ids for rows made in the editor (timeline entries, factors, action items, participants): UUIDv7,
// like the ids the core makes, so they sort by the time they were made.

export type RandomFill = (bytes: Uint8Array<ArrayBuffer>) => Uint8Array<ArrayBuffer>;

const cryptoFill: RandomFill = (bytes) => crypto.getRandomValues(bytes);

/** A new UUIDv7 string whose time part is `nowMs` (milliseconds since 1970). */
export function uuidv7(nowMs: number = Date.now(), fill: RandomFill = cryptoFill): string {
  const bytes = fill(new Uint8Array(16));
  let time = Math.max(0, Math.floor(nowMs));
  // The first 48 bits are the time in milliseconds, big-endian.
  for (let index = 5; index >= 0; index -= 1) {
    bytes[index] = time % 256;
    time = Math.floor(time / 256);
  }
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x70; // version 7
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80; // the RFC 9562 variant
  const hex = Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
