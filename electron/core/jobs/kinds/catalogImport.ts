import { runImport } from '../../imports/runImport.ts';
import { outDirIn, uploadPath } from '../../imports/files.ts';
import type { JobImplementation } from '../jobKinds.ts';

/** An import (or its dry run) in the job's worker, on the worker's own connection. */
export const catalogImportJob: JobImplementation<'catalog.import'> = {
  run: (input, context) =>
    runImport(
      { sqlite: context.sqlite(), db: context.kysely() },
      {
        path: uploadPath(context.dataDir, input.fileId),
        fileName: input.fileName,
        read: input.read,
        mapping: input.mapping,
        mode: input.mode,
        dryRun: input.dryRun,
        reportDir: outDirIn(context.dataDir),
        // An uploaded file's folder is unknown: absolute paths and URLs work, relative ones fail with that reason.
        media: { dataDir: context.dataDir, baseDir: null },
      },
      { signal: context.signal, progress: (done, total, message) => context.progress(done, total, message) },
    ),
};
