// Texts too long to edit in a text field. A pasted log or document of megabytes would keep the
// window busy for a minute while the webview lays it out (about six seconds per megabyte in a
// plain textarea); such a text is kept, saved, checked and exported whole, but shown only by its
// beginning, with a way to clear it.

/** Above this many characters (UTF-16 code units) a field shows the text instead of editing it. */
export const LARGE_TEXT_LIMIT = 200_000;

/** How much of a large text is shown. */
export const LARGE_TEXT_PREVIEW = 2_000;

export function isLargeText(text: string): boolean {
  return text.length > LARGE_TEXT_LIMIT;
}

/** `text` with `pasted` put in place of the selection from `start` to `end`. */
export function pasteInto(text: string, start: number, end: number, pasted: string): string {
  const from = Math.max(0, Math.min(start, end, text.length));
  const to = Math.min(Math.max(start, end), text.length);
  return text.slice(0, from) + pasted + text.slice(to);
}

/** A text's size as people read it, e.g. “10.0 MB”. */
export function textSize(text: string): string {
  const bytes = new TextEncoder().encode(text).length;
  if (bytes < 1024 * 1024) {
    return `${Math.round(bytes / 1024).toString()} KB`;
  }
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}
