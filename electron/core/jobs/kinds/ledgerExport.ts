import { runExport } from '../../ledger/exports/runExport.ts';
import { invoiceSourceFor } from '../../ledger/reports/invoiceSourceFor.ts';
import type { JobImplementation } from '../jobKinds.ts';

/** An export of the ledger off the main thread: progress, cancel, and no half-written file. */
export const ledgerExportJob: JobImplementation<'ledger.export'> = {
  run: (input, context) =>
    runExport(context.sqlite(), input, {
      dataDir: context.dataDir,
      invoices: invoiceSourceFor(context.sqlite()),
      signal: context.signal,
      onProgress: (done, total, message) => context.progress(done, total, message ?? null),
      onTempFile: (path) => context.tempFile(path),
    }),
};
