import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import type { Kysely } from 'kysely';
import { KontorError } from '../../../shared/errors.ts';
import type { ImportRun } from '../../../shared/imports/runs.ts';
import type { KontorSchema } from '../db/schema.ts';
import type { Handlers } from '../dispatcher.ts';
import { outDirIn, storeUpload, uploadPath } from './files.ts';
import { inspectFile } from './inspect.ts';
import { deleteTemplate, listTemplates, saveTemplate } from './templates.ts';
import { runImages, undoImportWithMedia } from './importImages.ts';

type ImportCallName =
  | 'imports.upload'
  | 'imports.inspect'
  | 'imports.templates.list'
  | 'imports.templates.save'
  | 'imports.templates.delete'
  | 'imports.runs.list'
  | 'imports.images'
  | 'imports.undo'
  | 'imports.file';

/** The import calls; the import and export themselves run as jobs (catalog.import, catalog.export). */
export function importHandlers(services: { db: Kysely<KontorSchema>; sqlite: Database; dataDir: string }): Pick<Handlers, ImportCallName> {
  const { db, sqlite, dataDir } = services;
  return {
    'imports.upload': ({ fileName, dataBase64 }) => storeUpload(dataDir, fileName, dataBase64),
    'imports.inspect': (input) =>
      inspectFile({ db, sqlite }, { path: uploadPath(dataDir, input.fileId), fileId: input.fileId, fileName: input.fileName, read: input.read, template: input.template }),
    'imports.templates.list': () => Promise.resolve(listTemplates(sqlite)),
    'imports.templates.save': ({ name, mapping }) => Promise.resolve(saveTemplate(sqlite, name, mapping)),
    'imports.templates.delete': ({ name }) => Promise.resolve(deleteTemplate(sqlite, name)),
    'imports.runs.list': ({ limit }) => Promise.resolve(listRuns(sqlite, limit)),
    'imports.images': ({ runId }) => {
      if (sqlite.prepare('SELECT 1 FROM import_run WHERE id = ?').get(runId) === undefined) {
        return Promise.reject(new KontorError('NOT_FOUND', `There is no import #${runId}.`, { id: runId, key: 'imports.undoErrors.notFound' }));
      }
      return Promise.resolve(runImages(sqlite, runId));
    },
    'imports.undo': ({ runId }) => undoImportWithMedia(sqlite, dataDir, runId),
    'imports.file': async ({ name }) => {
      let data: Buffer;
      try {
        data = await readFile(join(outDirIn(dataDir), name));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
        throw new KontorError('NOT_FOUND', `The file ${name} is no longer there.`, { name });
      }
      const mimeType = name.endsWith('.csv') ? 'text/csv' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
      return { fileName: name, mimeType, dataBase64: data.toString('base64') };
    },
  };
}

export function listRuns(sqlite: Database, limit: number): ImportRun[] {
  const rows = sqlite.prepare('SELECT * FROM import_run ORDER BY id DESC LIMIT ?').all(limit) as {
    id: number; file_name: string; format: 'xlsx' | 'csv'; mode: 'all' | 'skipInvalid'; created: number; updated: number; unchanged: number; skipped: number;
    report: string | null; created_at: string; undone_at: string | null;
  }[];
  const images = sqlite.prepare(
    "SELECT sum(status = 'fetched') AS attached, sum(status = 'pending') AS pending, sum(status = 'failed') AS failed FROM product_image_source WHERE import_run_id = ?",
  );
  return rows.map((r) => ({
    id: r.id,
    fileName: r.file_name,
    format: r.format,
    mode: r.mode,
    created: r.created,
    updated: r.updated,
    unchanged: r.unchanged,
    skipped: r.skipped,
    report: r.report,
    createdAt: r.created_at,
    undoneAt: r.undone_at,
    images: imageCounts(images.get(r.id) as { attached: number | null; pending: number | null; failed: number | null }),
  }));
}

function imageCounts(row: { attached: number | null; pending: number | null; failed: number | null }): { attached: number; pending: number; failed: number } {
  return { attached: row.attached ?? 0, pending: row.pending ?? 0, failed: row.failed ?? 0 };
}
