import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createRng, type Rng } from '../../../electron/core/demo/random.ts';
import { runImport } from '../../../electron/core/imports/runImport.ts';
import { KontorError } from '../../../shared/errors.ts';
import { contentHash, csvText, encode, writeXlsx } from '../../support/importFixtures.ts';
import { openTestKontor, type TestKontor } from '../../support/testKontor.ts';

/*
 * 1,020 mutated spreadsheets (600 CSV, 420 XLSX), seeded so every run sees the same files: bytes
 * flipped, cut, repeated and inserted, cells emptied, swapped, made huge, negative, non-numeric,
 * in another script, dates and formulas. Each import must end in a result or a KontorError (never
 * another exception or a hang), a refused or failed import must leave the database exactly as it
 * was, a committed one must have written what it counted, and SQLite must find the file sound.
 */

const SEED = 20261123;
const CSV_FILES = 600;
const XLSX_FILES = 420;

const HEADER = ['SKU', 'Parent SKU', 'Title', 'titre_fr', 'Prix', 'EAN', 'Poids (kg)', 'Catégorie', 'Option1 Name', 'Option1 Value', 'Tags', 'Unit'];
const BASE: string[][] = [
  HEADER,
  ['FZ-RUG', '', 'Rug', 'Tapis', '120,00', '6111000450017', '12,5', 'Home > Rugs', 'Size', '', 'wool, handmade', 'pcs'],
  ['FZ-RUG-S', 'FZ-RUG', '', '', '99.90', '', '8', '', 'Size', 'S', '', ''],
  ['FZ-RUG-L', 'FZ-RUG', '', '', '149.90', '', '16', '', 'Size', 'L', '', ''],
  ['FZ-TEA', '', 'Tea glass', 'Verre à thé', '3,50', '', '0,2', 'Kitchen', '', '', 'glass', 'set'],
  ['FZ-OIL', '', 'Argan oil', 'Huile d’argan', '1.234,56', '', '1', 'Beauty', '', '', '', 'l'],
];
const JUNK = ['', ' ', '-5', 'abc', '1e9', '٣٫٥', '12,5,0', '"', '""', '\r\n', '=SUM(A1)', 'NaN', '9'.repeat(40), 'x'.repeat(600), 'zéro', 'ﷺ', '\u0000', 'FZ-RUG', 'fz-rug', 'id:12', '2024-01-01', 'kg', 'variable'];

function mutateRows(rng: Rng): string[][] {
  const rows = BASE.map((r) => [...r]);
  const edits = rng.int(1, 6);
  for (let e = 0; e < edits; e++) {
    const r = rng.int(0, rows.length - 1);
    const row = rows[r] as string[];
    switch (rng.int(0, 5)) {
      case 0:
        row[rng.int(0, row.length - 1)] = rng.pick(JUNK);
        break;
      case 1:
        rows.splice(rng.int(1, rows.length), 0, [...(rows[rng.int(1, rows.length - 1)] as string[])]);
        break;
      case 2:
        rows.splice(rng.int(1, rows.length - 1), 1);
        break;
      case 3:
        row.splice(rng.int(0, row.length - 1), 1);
        break;
      case 4:
        row.push(rng.pick(JUNK));
        break;
      default: {
        const c = rng.int(0, row.length - 1);
        const d = rng.int(0, row.length - 1);
        [row[c], row[d]] = [row[d] ?? '', row[c] ?? ''];
      }
    }
  }
  return rows;
}

function mutateBytes(rng: Rng, bytes: Buffer): Buffer {
  let out = Buffer.from(bytes);
  const edits = rng.int(1, 4);
  for (let e = 0; e < edits && out.length > 0; e++) {
    const at = rng.int(0, out.length - 1);
    switch (rng.int(0, 4)) {
      case 0:
        out[at] = rng.int(0, 255);
        break;
      case 1:
        out = out.subarray(0, at);
        break;
      case 2:
        out = Buffer.concat([out.subarray(0, at), out.subarray(Math.min(out.length, at + rng.int(1, 64)))]);
        break;
      case 3:
        out = Buffer.concat([out.subarray(0, at), Buffer.from(Array.from({ length: rng.int(1, 16) }, () => rng.int(0, 255))), out.subarray(at)]);
        break;
      default:
        out = Buffer.concat([out, out.subarray(at, Math.min(out.length, at + rng.int(1, 256)))]);
    }
  }
  return out;
}

let t: TestKontor;
beforeAll(async () => {
  t = await openTestKontor();
});
afterAll(async () => {
  await t.close();
});

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([promise, new Promise<T>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what} did not finish in ${ms} ms`)), ms)))]).finally(() => clearTimeout(timer));
}

describe('fuzz: mutated CSV and XLSX files', () => {
  test(`${CSV_FILES + XLSX_FILES} files: no crash, no partial write, integrity ok`, async () => {
    const rng = createRng(SEED);
    const sqlite = t.kontor.database.sqlite;
    const deps = { sqlite, db: t.kontor.database.db };
    const baseXlsx = await writeXlsx(t.dataDir, 'base.xlsx', { Products: BASE });
    const baseXlsxBytes = readFileSync(baseXlsx);
    const outcomes = { committed: 0, refused: 0, fileErrors: 0 };
    const encodings = ['utf-8', 'utf-8-bom', 'utf-16le', 'windows-1252'] as const;
    for (let i = 0; i < CSV_FILES + XLSX_FILES; i++) {
      const csv = i < CSV_FILES;
      const name = `fuzz-${i}.${csv ? 'csv' : 'xlsx'}`;
      const path = join(t.dataDir, name);
      if (csv) {
        const text = csvText(mutateRows(rng), rng.pick([',', ';', '\t']));
        const bytes = encode(text, rng.pick(encodings));
        writeFileSync(path, rng.int(0, 2) === 0 ? mutateBytes(rng, bytes) : bytes);
      } else if (rng.int(0, 1) === 0) {
        writeFileSync(path, mutateBytes(rng, baseXlsxBytes));
      } else {
        await writeXlsx(t.dataDir, name, { Products: mutateRows(rng).map((r) => r.map((v) => (/^-?\d+([.]\d+)?$/.test(v) && rng.int(0, 1) === 0 ? Number(v) : v))) });
      }
      const before = contentHash(sqlite);
      const productsBefore = sqlite.prepare('SELECT count(*) FROM product').pluck().get() as number;
      const mode = rng.int(0, 1) === 0 ? 'all' : 'skipInvalid';
      try {
        const result = await withTimeout(runImport(deps, { path, fileName: name, read: {}, mode, dryRun: false, reportDir: null }), 15_000, name);
        if (result.outcome === 'committed') {
          outcomes.committed++;
          const productsAfter = sqlite.prepare('SELECT count(*) FROM product').pluck().get() as number;
          expect(productsAfter, `${name}: products written`).toBe(productsBefore + result.counts.create);
        } else {
          outcomes.refused++;
          expect(contentHash(sqlite), `${name}: refused, so unchanged`).toBe(before);
        }
      } catch (error) {
        if (!(error instanceof KontorError)) throw new Error(`${name} crashed the import (${readFileSync(path).toString('utf8').slice(0, 3000).replace(/[^\x20-\x7e\n]/g, '?')}): ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`, { cause: error });
        outcomes.fileErrors++;
        expect(contentHash(sqlite), `${name}: failed, so unchanged`).toBe(before);
      }
      expect(sqlite.inTransaction, `${name}: no transaction left open`).toBe(false);
      if (i % 100 === 99) expect(sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
    }
    expect(sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(sqlite.pragma('foreign_key_check')).toEqual([]);
    // The mutations reach every outcome, or the fuzzing is not doing its job.
    expect(outcomes.committed).toBeGreaterThan(50);
    expect(outcomes.refused).toBeGreaterThan(50);
    expect(outcomes.fileErrors).toBeGreaterThan(50);
    console.log(`fuzz outcomes: ${JSON.stringify(outcomes)}`);
  }, 300_000);
});
