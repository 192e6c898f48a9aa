import { fetchDueImages } from '../../imports/importImages.ts';
import type { JobImplementation } from '../jobKinds.ts';

/** The image URLs imports recorded, fetched in the job's worker; each attached in its own short transaction. */
export const catalogFetchImagesJob: JobImplementation<'catalog.fetchImages'> = {
  run: (_input, context) =>
    fetchDueImages(
      { sqlite: context.sqlite(), dataDir: context.dataDir },
      { signal: context.signal, progress: (done, total, message) => context.progress(done, total, message) },
    ),
};
