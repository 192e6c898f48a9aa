import { rename } from 'node:fs/promises';
import { join } from 'node:path';
import { exportCatalog } from '../../imports/catalogExport.ts';
import { outDirIn } from '../../imports/files.ts';
import type { JobImplementation } from '../jobKinds.ts';

/** The whole catalog in Kontor's import columns, written to a partial file and renamed when complete. */
export const catalogExportJob: JobImplementation<'catalog.export'> = {
  run: async (input, context) => {
    const file = `catalog-${new Date().toISOString().replace(/[:.]/g, '-')}.${input.format}`;
    const final = join(outDirIn(context.dataDir), file);
    const partial = `${final}.partial`;
    context.tempFile(partial);
    const summary = await exportCatalog(context.sqlite(), partial, input.format);
    context.signal.throwIfAborted();
    await rename(partial, final);
    return { file, ...summary };
  },
};
