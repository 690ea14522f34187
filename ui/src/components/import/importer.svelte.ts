// The window's importer: the open dialog, files dropped on the window, and what became of them.

import { open } from '@tauri-apps/plugin-dialog';
import { app } from '../../lib/app.svelte';
import { toIpcError } from '../../lib/ipc';
import { toasts } from '../../lib/toasts.svelte';
import { automationImportPaths, headline, IMPORT_EXTENSIONS, importPaths, type ImportResult } from './importFiles';

export class Importer {
  working = $state(false);
  /** Files are being dragged over the window. */
  dragging = $state(false);
  /** The outcome to show, when it is more than one report opened at once. */
  result: ImportResult | null = $state(null);

  /** Imports the files; one report imported alone is opened, anything else is listed. */
  async run(paths: readonly string[]): Promise<void> {
    if (paths.length === 0 || this.working) {
      return;
    }
    this.working = true;
    try {
      const result = await importPaths(paths);
      await app.library.refresh();
      const only = result.imported[0];
      if (result.imported.length === 1 && result.refused.length === 0 && only !== undefined) {
        toasts.show(`Imported “${only.report.title}” from ${only.name}.`);
        await app.openReport(only.report.id);
      } else {
        this.result = result;
      }
    } catch (reason) {
      toasts.show(`Nothing was imported: ${toIpcError(reason).message}`, { tone: 'problem' });
    } finally {
      this.working = false;
    }
  }

  /** Asks for files in the open dialog (several may be picked), then imports them. */
  async pick(): Promise<void> {
    try {
      const picked =
        (await automationImportPaths()) ??
        (await open({
          title: 'Import postmortems',
          multiple: true,
          directory: false,
          filters: [{ name: 'Postmortems (Markdown or JSON)', extensions: [...IMPORT_EXTENSIONS] }],
        }));
      const paths = picked === null ? [] : Array.isArray(picked) ? picked : [picked];
      await this.run(paths);
    } catch (reason) {
      toasts.show(toIpcError(reason).message, { tone: 'problem' });
    }
  }

  /** A line for the result dialog's heading. */
  get headline(): string {
    return this.result === null ? '' : headline(this.result);
  }
}

export const importer = new Importer();
