import { describe, expect, it } from 'vitest';
import type { FileImport } from '../../lib/bindings/FileImport';
import type { PostmortemSummary } from '../../lib/bindings/PostmortemSummary';
import { fileName, headline, importPaths, partitionPaths, summarize } from './importFiles';

function summary(title: string): PostmortemSummary {
  return {
    id: `id-${title}`,
    title,
    status: 'draft',
    severity: null,
    started: null,
    timeZone: 'UTC',
    owner: null,
    services: [],
    tags: [],
    updatedAt: '2026-11-27T09:00:00Z',
    revision: 1,
  };
}

describe('import of files', () => {
  it('names files by their last path segment on any platform', () => {
    expect(fileName('/home/ana/pm/outage.md')).toBe('outage.md');
    expect(fileName('C:\\Users\\ana\\outage.md')).toBe('outage.md');
  });

  it('sends only Markdown and JSON files, and refuses the others with a reason', () => {
    const { importable, refused } = partitionPaths(['/a/one.md', '/a/photo.PNG', '/a/two.Markdown', '/a/data.json', '/a/noext']);
    expect(importable).toEqual(['/a/one.md', '/a/two.Markdown', '/a/data.json']);
    expect(refused.map((r) => r.name)).toEqual(['photo.PNG', 'noext']);
    expect(refused[0]?.error).toContain('Only Markdown');
  });

  it('keeps the order of the paths and reports every outcome', async () => {
    const calls: unknown[] = [];
    const fake = async <T>(command: string, args?: Record<string, unknown>): Promise<T> => {
      calls.push([command, args]);
      const outcomes: FileImport[] = [
        { path: '/a/one.md', name: 'one.md', report: summary('Disk full'), error: null },
        { path: '/a/bad.md', name: 'bad.md', report: null, error: 'bad.md is empty' },
      ];
      return outcomes as T;
    };
    const result = await importPaths(['/a/photo.png', '/a/one.md', '/a/bad.md'], fake);
    expect(calls).toEqual([['import_files', { request: { paths: ['/a/one.md', '/a/bad.md'] } }]]);
    expect(result.imported.map((i) => i.report.title)).toEqual(['Disk full']);
    expect(result.refused.map((r) => r.name)).toEqual(['photo.png', 'bad.md']);
    expect(headline(result)).toBe('Imported 1 postmortem; 2 files were refused.');
  });

  it('does not call the shell when nothing can be imported', async () => {
    const fake = async <T>(): Promise<T> => {
      throw new Error('not called');
    };
    const result = await importPaths(['/a/photo.png'], fake);
    expect(headline(result)).toBe('Nothing was imported; 1 file was refused.');
  });

  it('summarizes outcomes', () => {
    const result = summarize([
      { path: '/x/a.md', name: 'a.md', report: summary('A'), error: null },
      { path: '/x/b.md', name: 'b.md', report: summary('B'), error: null },
    ]);
    expect(headline(result)).toBe('Imported 2 postmortems.');
  });
});
