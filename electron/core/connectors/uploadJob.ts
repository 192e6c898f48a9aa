import type { JobImplementation } from '../jobs/jobKinds.ts';
import { runUpload } from './engine/runUpload.ts';
import { keyFileSecretBox, type SecretBox } from './secretBox.ts';

/**
 * The `marketplace.upload` job kind: runs one upload job in a worker thread. The desktop app opens
 * the credentials on the main side (the OS keychain is not reachable from a worker) and hands
 * them over in memory; elsewhere the worker opens them with the data directory's key file.
 */
export const marketplaceUploadJob: JobImplementation<'marketplace.upload'> = {
  run: (input, context) =>
    runUpload({
      sqlite: context.sqlite(),
      box: context.secrets === undefined ? keyFileSecretBox(context.dataDir) : handedOverBox(context.secrets),
      uploadId: input.uploadId,
      dataDir: context.dataDir,
      signal: context.signal,
      progress: (done, total, message) => context.progress(done, total, message),
      ...(context.tuning.uploadBackoffBaseMs === undefined ? {} : { backoffBaseMs: context.tuning.uploadBackoffBaseMs }),
    }),
};

/** Answers the credentials the main side already opened, whatever the stored blob. */
function handedOverBox(secrets: unknown): SecretBox {
  return {
    scheme: 0,
    description: 'credentials handed over by the main process',
    seal: () => {
      throw new Error('A worker never seals credentials.');
    },
    open: () => JSON.stringify(secrets),
  };
}
