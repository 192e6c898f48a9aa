/**
 * Makes job-history rows for `fillDatabaseToSize` on a second core while the main thread inserts:
 * making a row costs about half as much as inserting it. Posts one packed batch per request.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { createJobHistory, packJobHistory, type JobHistoryRow } from './jobHistory.ts';
import { createRng } from './random.ts';

export interface JobHistoryWorkerData {
  seed: number;
  expectedRows: number;
  batchRows: number;
}

if (!parentPort) throw new Error('jobHistoryWorker.ts runs only as a worker thread.');
const port = parentPort;
const { seed, expectedRows, batchRows } = workerData as JobHistoryWorkerData;
const history = createJobHistory(createRng(seed).fork('job history'), { expectedRows });

port.on('message', () => {
  const rows: JobHistoryRow[] = [];
  for (let i = 0; i < batchRows; i++) rows.push(history.next());
  const batch = packJobHistory(rows);
  // The typed arrays are made here with plain ArrayBuffers, so they can be handed over without a copy.
  const buffers = [batch.offsets.buffer, batch.nulls.buffer, batch.numbers.buffer] as ArrayBuffer[];
  port.postMessage({ batch }, buffers);
});
