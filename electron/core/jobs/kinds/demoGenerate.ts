import { generateDemo } from '../../demo/generator.ts';
import type { JobImplementation } from '../jobKinds.ts';

export const demoGenerateJob: JobImplementation<'demo.generate'> = {
  run: (_input, context) =>
    generateDemo({ db: context.kysely(), sqlite: context.sqlite() }, {
      signal: context.signal,
      onProgress: (done, total, message) => context.progress(done, total, message),
    }),
};
