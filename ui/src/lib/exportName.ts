// The file name the save dialog proposes for an export.

import type { Audience } from './bindings/Audience';
import type { ExportFormat } from './bindings/ExportFormat';

const EXTENSIONS: Record<ExportFormat, string> = { markdown: 'md', pdf: 'pdf' };

/** `checkout-latency-after-a-cache-change-external.md`: the title in plain letters, the audience. */
export function exportFileName(title: string, audience: Audience, format: ExportFormat): string {
  const slug = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  return `${slug === '' ? 'postmortem' : slug}-${audience}.${EXTENSIONS[format]}`;
}

export function extensionOf(format: ExportFormat): string {
  return EXTENSIONS[format];
}
