import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { checkProjections } from '../../../electron/core/stock/projections.ts';
import { countMovements } from '../../support/catalogRows.ts';
import { openStockKontor, type StockKontor } from './support.ts';

const writerScript = join(import.meta.dirname, 'fixtures', 'writer.ts');

let t: StockKontor | undefined;
afterEach(async () => {
  await t?.close();
});

interface Writer {
  child: ChildProcessWithoutNullStreams;
  output: string;
  errors: string;
  ready: Promise<void>;
  exited: Promise<number | null>;
}

function startWriter(databasePath: string, productId: number, count: number, cost: number): Writer {
  const child = spawn(process.execPath, [writerScript, databasePath, String(productId), String(count), String(cost)], { stdio: 'pipe' });
  const writer: Writer = { child, output: '', errors: '', ready: Promise.resolve(), exited: Promise.resolve(null) };
  writer.ready = new Promise((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      writer.output += chunk.toString();
      if (writer.output.includes('ready\n')) resolve();
    });
    child.on('exit', (code) => reject(new Error(`writer exited (${code}) before it was ready: ${writer.errors}`)));
  });
  child.stderr.on('data', (chunk: Buffer) => (writer.errors += chunk.toString()));
  writer.exited = new Promise((resolve) => child.on('exit', resolve));
  return writer;
}

it('two processes recording movements at once into one file lose none of them', async () => {
  t = await openStockKontor();
  const productId = t.product('RUG-CONCURRENT');
  const count = 1000;
  // The app (this process) keeps its connection open, as it would while the CLI writes.
  const writers = [startWriter(t.kontor.databasePath, productId, count, 500), startWriter(t.kontor.databasePath, productId, count, 700)];
  await Promise.all(writers.map((w) => w.ready));
  for (const w of writers) w.child.stdin.write('go\n');
  const codes = await Promise.all(writers.map((w) => w.exited));

  expect(writers.map((w) => w.errors)).toEqual(['', '']);
  expect(codes).toEqual([0, 0]);
  const perWriter = count + count / 10;
  expect(writers.map((w) => w.output.trim().split('\n').at(-1))).toEqual([`done ${perWriter}`, `done ${perWriter}`]);
  expect(countMovements(t.sqlite)).toBe(2 * perWriter);
  const level = await t.client.call('stock.levels', { warehouse: 'MAIN' });
  expect(level.rows[0]?.onHandMilli).toBe(2 * (count - count / 10) * 1000);
  expect(checkProjections(t.sqlite)).toEqual([]);
  // Both writers really interleaved: the receipts at each cost are not all in one block.
  const costs = t.sqlite.prepare("SELECT unit_cost_minor FROM stock_movement WHERE kind = 'receipt' ORDER BY id").pluck().all() as number[];
  const switches = costs.filter((c, i) => i > 0 && c !== costs[i - 1]).length;
  expect(switches).toBeGreaterThan(1);
}, 60_000);
