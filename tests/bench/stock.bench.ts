import { join } from 'node:path';
import { rmSync } from 'node:fs';
import { openKontor } from '../../electron/core/kontor.ts';
import { DATASET_END, datasetStart } from '../../electron/core/demo/catalogDataset.ts';
import { foldLateMovements, makeDueCheckpoints } from '../../electron/core/stock/pastDate.ts';
import { cachedCatalogDataset, copyDataset } from './catalogDatasetCache.ts';
import { timeAlternating, type Benchmark, type Figure, bareWriter } from './harness.ts';

/*
 * On hand for every product and warehouse at a past date (`stock.onHandAt`) on 2,000,000 movements,
 * against the plain GROUP BY over the ledger on a bare connection to the same file. Works on a copy
 * of the cached dataset: the background job stores month-end checkpoints, and a backdated receipt
 * is recorded.
 */

const quiet = { info() {}, warn() {}, error: (m: string, ...d: unknown[]) => console.error(m, ...d) };
const RUNS = 5;
const PAGE = 1000;

interface OnHandPage {
  total: number;
  rows: { sku: string; warehouseCode: string; onHandMilli: number }[];
}

const BARE_PAGE = `
  SELECT p.sku, w.code, g.q, count(*) OVER () AS total
  FROM (SELECT product_id, warehouse_id, sum(quantity_milli) AS q FROM stock_movement WHERE occurred_at <= ? GROUP BY 1, 2 HAVING q <> 0) g
  JOIN product p ON p.id = g.product_id JOIN warehouse w ON w.id = g.warehouse_id
  ORDER BY p.sku, w.code LIMIT ?`;
const BARE_ALL = `
  SELECT g.product_id, w.code, g.q
  FROM (SELECT product_id, warehouse_id, sum(quantity_milli) AS q FROM stock_movement WHERE occurred_at <= ? GROUP BY 1, 2 HAVING q <> 0) g
  JOIN warehouse w ON w.id = g.warehouse_id`;

const stock: Benchmark = {
  title: 'Stock at a past date on 2,000,000 movements (stock.onHandAt)',
  async run(context) {
    const { cacheDir, log } = context;
    const work = copyDataset(await cachedCatalogDataset(context), join(cacheDir, 'stock-work'));
    const kontor = await openKontor({ dataDir: work, appVersion: 'bench', mode: 'cli', log: quiet });
    const bare = bareWriter(join(work, 'kontor.sqlite'));
    const figures: Figure[] = [];
    try {
      // stock.onHandAt keeps its last answer until anything is committed (paging through one date
      // computes it once). Every timed call but the pages of one export starts after a change, as
      // the first look at a date does: a row into a temporary table counts as one.
      kontor.database.sqlite.exec('CREATE TEMP TABLE bench_change (x INTEGER)');
      const change = kontor.database.sqlite.prepare('INSERT INTO temp.bench_change VALUES (1)');
      const call = async (input: unknown, fresh = true): Promise<OnHandPage> => {
        if (fresh) change.run();
        const result = await kontor.dispatcher.dispatch('stock.onHandAt', input);
        if (!result.ok) throw new Error(`stock.onHandAt failed: ${result.error.message}`);
        return result.value as OnHandPage;
      };
      const barePage = (at: string) => bare.prepare(BARE_PAGE).raw().all(at, PAGE) as [string, string, number, number][];
      const endMs = Date.parse(DATASET_END);
      const startMs = Date.parse(datasetStart());
      const dates = [
        { label: 'recent (10 days before the last movement)', at: new Date(endMs - 10 * 86_400_000).toISOString() },
        { label: 'middle (18 months in)', at: new Date(startMs + 548 * 86_400_000).toISOString() },
        { label: 'old (3 months in)', at: new Date(startMs + 92 * 86_400_000).toISOString() },
      ];

      // Before the background job has made the month-end checkpoints, a query reads the ledger (from
      // its start or back from today's levels, whichever is nearer): slower, just as right.
      bare.exec('DELETE FROM stock_checkpoint');
      {
        const core = await call({ at: dates[0]?.at, limit: PAGE });
        if (core.total !== (barePage(dates[0]?.at ?? '')[0]?.[3] ?? 0)) throw new Error('stock.onHandAt without checkpoints and the bare GROUP BY disagree');
        const [c, b] = await timeAlternating(() => call({ at: dates[1]?.at, limit: PAGE }), () => barePage(dates[1]?.at ?? ''), 2);
        const baseline = `bare GROUP BY, first page of ${PAGE}: ${dates[1]?.label}, no checkpoints yet`;
        figures.push({ name: baseline, samples: b });
        figures.push({ name: `stock.onHandAt before the checkpoints exist: ${dates[1]?.label}`, samples: c, baseline });
      }
      // The background job's work, timed here in-process: every month end, each in its own transaction.
      const steps: number[] = [];
      let last = performance.now();
      const jobStart = last;
      const made = makeDueCheckpoints(kontor.database.sqlite, {
        step: () => {
          const now = performance.now();
          steps.push(now - last);
          last = now;
        },
      });
      const checkpoints = bare.prepare('SELECT count(*) AS n, coalesce(sum(length(state)), 0) AS bytes FROM stock_checkpoint').get() as { n: number; bytes: number };
      log(
        `background job made ${made} month-end checkpoints (${(checkpoints.bytes / 2 ** 20).toFixed(1)} MiB) in ${((performance.now() - jobStart) / 1000).toFixed(1)} s; ` +
          `longest write transaction ${Math.max(...steps).toFixed(0)} ms (what a writer in another connection waits at most)`,
      );
      figures.push({ name: `stock.checkpoints job, one month end per transaction (${made} months; write lock held per step)`, samples: steps });

      for (const { label, at } of dates) {
        const core = await call({ at, limit: PAGE });
        const b = barePage(at);
        const same =
          core.total === (b[0]?.[3] ?? 0) &&
          JSON.stringify(core.rows.map((r) => [r.sku, r.warehouseCode, r.onHandMilli])) === JSON.stringify(b.map(([sku, code, q]) => [sku, code, q]));
        if (!same) throw new Error(`stock.onHandAt and the bare GROUP BY disagree at ${at} (totals ${core.total} / ${b[0]?.[3]})`);
        const [c, x] = await timeAlternating(() => call({ at, limit: PAGE }), () => barePage(at), RUNS);
        const baseline = `bare GROUP BY, first page of ${PAGE}: ${label}`;
        figures.push({ name: baseline, samples: x });
        figures.push({ name: `stock.onHandAt, all SKUs, first page of ${PAGE}: ${label} (${core.total.toLocaleString('en')} rows)`, samples: c, baseline, target: { percentile: 95, ms: 500 } });
      }

      // Every row, as an export would read them: pages of 100,000 (the most one call answers).
      const middle = dates[1]?.at ?? '';
      const all = async (): Promise<number> => {
        let rows = 0;
        for (let offset = 0; ; offset += 100_000) {
          const page = await call({ at: middle, offset, limit: 100_000 }, offset === 0);
          rows += page.rows.length;
          if (offset + 100_000 >= page.total) return rows;
        }
      };
      const expected = bare.prepare(BARE_ALL).raw().all(middle).length;
      const got = await all();
      if (got !== expected) throw new Error(`stock.onHandAt answered ${got} rows in all, the GROUP BY ${expected}`);
      const [c, x] = await timeAlternating(all, () => bare.prepare(BARE_ALL).raw().all(middle), 3);
      const baseline = `bare GROUP BY, every row: ${dates[1]?.label}`;
      figures.push({ name: baseline, samples: x });
      figures.push({ name: `stock.onHandAt, every row (${expected.toLocaleString('en')}, pages of 100,000): ${dates[1]?.label}`, samples: c, baseline, target: { percentile: 95, ms: 500 } });
      log(`${RUNS} runs per date, alternating; the bare query reads the ledger up to the date, the core a checkpoint and at most half a month of movements`);

      // A receipt dated 30 months back (allowed for a product without history): 34 checkpoints are
      // after it. It costs the writer one index entry; reads correct the checkpoints by it until the
      // background job folds it in.
      const fresh = await kontor.dispatcher.dispatch('products.create', { sku: 'BENCH-LATE', status: 'active', texts: { en: { title: 'Backdated' } } });
      if (!fresh.ok) throw new Error(fresh.error.message);
      const today = await kontor.dispatcher.dispatch('products.create', { sku: 'BENCH-TODAY', status: 'active', texts: { en: { title: 'Today' } } });
      if (!today.ok) throw new Error(today.error.message);
      const receive = async (sku: string, occurredAt: string): Promise<void> => {
        const r = await kontor.dispatcher.dispatch('stock.receive', { sku, warehouse: 'MAIN', quantity: '1', unitCost: '1.00', occurredAt });
        if (!r.ok) throw new Error(r.error.message);
      };
      const backAt = new Date(startMs + 60 * 86_400_000);
      const lateSamples: number[] = [];
      const todaySamples: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        const [l, n] = await timeAlternating(
          () => receive('BENCH-LATE', new Date(backAt.getTime() + i * 60_000).toISOString()),
          () => receive('BENCH-TODAY', new Date(endMs + i * 60_000).toISOString()),
          1,
        );
        lateSamples.push(...l);
        todaySamples.push(...n);
      }
      figures.push({ name: 'stock.receive dated after every checkpoint', samples: todaySamples });
      figures.push({ name: 'stock.receive dated 30 months back (before 34 checkpoints)', samples: lateSamples, baseline: 'stock.receive dated after every checkpoint' });
      const [cl, bl] = await timeAlternating(() => call({ at: middle, limit: PAGE }), () => barePage(middle), RUNS);
      const lateCheck = await call({ at: middle, limit: PAGE });
      if (lateCheck.total !== (barePage(middle)[0]?.[3] ?? 0)) throw new Error('stock.onHandAt with a late movement and the bare GROUP BY disagree');
      const lateBaseline = `bare GROUP BY, first page of ${PAGE}: ${dates[1]?.label}, after the backdated receipts`;
      figures.push({ name: lateBaseline, samples: bl });
      figures.push({ name: `stock.onHandAt, first page of ${PAGE}, checkpoints corrected by ${RUNS} late receipts: ${dates[1]?.label}`, samples: cl, baseline: lateBaseline, target: { percentile: 95, ms: 500 } });
      const foldStart = performance.now();
      const folded = foldLateMovements(kontor.database.sqlite);
      log(`background job folded ${RUNS} late receipts into ${folded} checkpoints in ${((performance.now() - foldStart) / 1000).toFixed(1)} s (the old trigger dropped them and the next query made them again: 4-12 s)`);
    } finally {
      bare.close();
      await kontor.close();
      rmSync(work, { recursive: true, force: true });
    }
    return figures;
  },
};

export default stock;
