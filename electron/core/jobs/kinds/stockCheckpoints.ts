import { foldLateMovements, makeDueCheckpoints } from '../../stock/pastDate.ts';
import type { JobImplementation } from '../jobKinds.ts';

/**
 * Keeps the past-date checkpoints (stock/pastDate.ts) up to date off the main thread: makes the
 * month ends that are due, then folds in the movements recorded with an earlier date. Each month
 * is its own short transaction, so cancelling keeps what was made, and every step is right.
 */
export const stockCheckpointsJob: JobImplementation<'stock.checkpoints'> = {
  run: (_input, context) => {
    const sqlite = context.sqlite();
    const made = makeDueCheckpoints(sqlite, {
      step: (done, total) => {
        context.signal.throwIfAborted();
        context.progress(done, total + 1, null);
      },
    });
    context.signal.throwIfAborted();
    const folded = foldLateMovements(sqlite, {
      step: () => context.signal.throwIfAborted(),
    });
    context.progress(1, 1, null);
    return Promise.resolve({ made, folded });
  },
};
