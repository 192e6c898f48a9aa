import { rmSync } from 'node:fs';
import { runUpload } from '../../electron/core/connectors/engine/runUpload.ts';
import { keyFileSecretBox } from '../../electron/core/connectors/secretBox.ts';
import { openKontor } from '../../electron/core/kontor.ts';
import { shopifyAccount, uploadAll, wooAccount } from '../core/connectors/harness.ts';
import { seedCatalog } from '../core/connectors/support.ts';
import { startShopifyEmulator } from '../emulators/shopify/server.ts';
import { startWooEmulator } from '../emulators/woocommerce/server.ts';
import { makeTempDir } from '../support/tempDir.ts';
import type { Benchmark, Figure } from './harness.ts';

/*
 * Listings uploaded to each emulator under its documented limits, against the least time those
 * limits allow for the same work (the baseline, computed, not measured: no client can beat it):
 * - Shopify: bucket 1,000 points restoring 100/s, 10 points per productSet; starting from a full
 *   bucket, N listings need at least (10·N − 1,000) / 100 seconds.
 * - WooCommerce: batches of at most 100 products, one variations batch per variable product, on
 *   a host with 4 PHP workers taking 100 ms per request plus 20 ms per item; the least time is the
 *   total server work divided by the workers.
 * Efficiency = minimum / elapsed (target ≥ 0.85). The full run (10,000 listings each, about 17
 * minutes for Shopify alone) is KONTOR_BENCH_UPLOAD_LISTINGS=10000 npm run bench upload; by
 * default a scaled-down run of 600 (Shopify) and 2,000 (WooCommerce) listings.
 * KONTOR_BENCH_SHOPIFY_LISTINGS sets (or with 0 skips) the Shopify part alone. The WooCommerce line
 * also says how long the emulated workers sat idle (time the client lost) and how late their
 * timers ran (time the loaded machine lost), so a low figure can be told apart from a slow box.
 */

const quiet = { info() {}, warn() {}, error: (m: string, ...d: unknown[]) => console.error(m, ...d) };
const full = Number(process.env.KONTOR_BENCH_UPLOAD_LISTINGS ?? 0);
const SHOPIFY_LISTINGS = Number(process.env.KONTOR_BENCH_SHOPIFY_LISTINGS ?? (full || 600));
const WOO_LISTINGS = full || 2000;
/** Every 4th listing has three variants (sizes S, M, L). */
const VARIANTS_EVERY = 4;

const WOO = { workers: 4, requestMs: 100, itemMs: 20 };

async function withKontor<T>(work: (kontor: Awaited<ReturnType<typeof openKontor>>, dataDir: string) => Promise<T>): Promise<T> {
  const dataDir = makeTempDir('kontor-bench-upload-');
  const kontor = await openKontor({ dataDir, appVersion: 'bench', mode: 'cli', log: quiet });
  try {
    return await work(kontor, dataDir);
  } finally {
    await kontor.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const upload: Benchmark = {
  title: `Bulk listing upload: ${SHOPIFY_LISTINGS.toLocaleString('en')} listings to Shopify, ${WOO_LISTINGS.toLocaleString('en')} to WooCommerce, against the least time their limits allow`,
  async run({ log }) {
    const figures: Figure[] = [];

    // KONTOR_BENCH_SHOPIFY_LISTINGS=0 skips Shopify (its run is bound by the bucket: 100 s per 1,000 listings).
    if (SHOPIFY_LISTINGS > 0) await withKontor(async (kontor, dataDir) => {
      const sqlite = kontor.database.sqlite;
      const box = keyFileSecretBox(dataDir);
      const emulator = await startShopifyEmulator({ bucketSize: 1000, restoreRate: 100 });
      try {
        seedCatalog(sqlite, SHOPIFY_LISTINGS, { variantsEvery: VARIANTS_EVERY });
        const uploadId = uploadAll(sqlite, shopifyAccount(sqlite, box, emulator));
        const started = performance.now();
        const summary = await runUpload({ sqlite, box, uploadId, signal: new AbortController().signal });
        const elapsed = performance.now() - started;
        const minimum = ((10 * SHOPIFY_LISTINGS - 1000) / 100) * 1000;
        if (summary.succeeded !== SHOPIFY_LISTINGS) throw new Error(`Shopify: ${summary.succeeded} of ${SHOPIFY_LISTINGS} listings succeeded`);
        log(
          `Shopify: ${SHOPIFY_LISTINGS} listings in ${(elapsed / 1000).toFixed(1)} s, minimum ${(minimum / 1000).toFixed(1)} s, efficiency ${(minimum / elapsed).toFixed(3)}; ` +
            `${summary.requests} requests, ${emulator.counters.throttled} throttled, ${summary.pacerWaits} pacer waits`,
        );
        figures.push({ name: 'Shopify: least time the cost bucket allows', samples: [minimum] });
        figures.push({ name: `Shopify: upload ${SHOPIFY_LISTINGS} listings`, samples: [elapsed], baseline: 'Shopify: least time the cost bucket allows' });
      } finally {
        await emulator.close();
      }
    });

    await withKontor(async (kontor, dataDir) => {
      const sqlite = kontor.database.sqlite;
      const box = keyFileSecretBox(dataDir);
      const emulator = await startWooEmulator(WOO);
      try {
        seedCatalog(sqlite, WOO_LISTINGS, { variantsEvery: VARIANTS_EVERY });
        const uploadId = uploadAll(sqlite, wooAccount(sqlite, box, emulator));
        const started = performance.now();
        const summary = await runUpload({ sqlite, box, uploadId, signal: new AbortController().signal });
        const elapsed = performance.now() - started;
        const variable = Math.ceil(WOO_LISTINGS / VARIANTS_EVERY);
        const work = Math.ceil(WOO_LISTINGS / 100) * WOO.requestMs + WOO_LISTINGS * WOO.itemMs + variable * (WOO.requestMs + 3 * WOO.itemMs);
        const minimum = work / WOO.workers;
        if (summary.succeeded !== WOO_LISTINGS) throw new Error(`WooCommerce: ${summary.succeeded} of ${WOO_LISTINGS} listings succeeded`);
        log(
          `WooCommerce: ${WOO_LISTINGS} listings in ${(elapsed / 1000).toFixed(1)} s, minimum ${(minimum / 1000).toFixed(1)} s, efficiency ${(minimum / elapsed).toFixed(3)}; ` +
            `${summary.requests} requests, ${emulator.counters.batches} batches, at most ${emulator.counters.maxConcurrent} served at once; ` +
            `workers idle ${(emulator.usage().idleWorkerMs / WOO.workers / 1000).toFixed(1)} s each, timers took ${(emulator.usage().servedMs / WOO.workers / 1000).toFixed(1)} s each for ${(emulator.busyMs() / 1000).toFixed(1)} s of work`,
        );
        figures.push({ name: 'WooCommerce: least time 4 PHP workers allow', samples: [minimum] });
        figures.push({ name: `WooCommerce: upload ${WOO_LISTINGS} listings`, samples: [elapsed], baseline: 'WooCommerce: least time 4 PHP workers allow' });
      } finally {
        await emulator.close();
      }
    });
    return figures;
  },
};

export default upload;
