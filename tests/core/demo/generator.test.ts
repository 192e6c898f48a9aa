import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { rmSync, statSync } from 'node:fs';
import Sqlite from 'better-sqlite3';
import { afterEach, describe, expect, test } from 'vitest';
import { JobViewSchema } from '../../../shared/contract/jobs.ts';
import { DEMO_STEPS, fillDatabaseToSize, generateDemo } from '../../../electron/core/demo/generator.ts';
import { demoCompanyProfile } from '../../../electron/core/demo/demoCompany.ts';
import { createRng } from '../../../electron/core/demo/random.ts';
import { toJobView } from '../../../electron/core/jobs/jobStore.ts';
import { makeTempDir, openTestKontor, type TestKontor } from '../../support/testKontor.ts';

const dirs: string[] = [];
let t: TestKontor | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function tempDatabase(): string {
  const dir = makeTempDir('kontor-demo-');
  dirs.push(dir);
  return join(dir, 'kontor.sqlite');
}

function jobRowsDigest(path: string): { count: number; digest: string } {
  const db = new Sqlite(path, { readonly: true });
  try {
    const hash = createHash('sha256');
    let count = 0;
    for (const row of db.prepare('SELECT * FROM job ORDER BY id').raw().iterate()) {
      hash.update(JSON.stringify(row));
      count++;
    }
    return { count, digest: hash.digest('hex') };
  } finally {
    db.close();
  }
}

describe('random', () => {
  test('the same seed gives the same sequence, another seed another one', () => {
    const draw = (seed: number) => {
      const rng = createRng(seed);
      return Array.from({ length: 20 }, () => rng.next());
    };
    expect(draw(1)).toEqual(draw(1));
    expect(draw(1)).not.toEqual(draw(2));
    for (const x of draw(3)) expect(x >= 0 && x < 1).toBe(true);
  });

  test('forks are independent of draws made elsewhere', () => {
    const a = createRng(9);
    const b = createRng(9);
    b.next();
    b.next();
    expect(a.fork('products').next()).toBe(b.fork('products').next());
    expect(a.fork('products').next()).not.toBe(a.fork('contacts').next());
  });

  test('int, pick and weighted stay in range', () => {
    const rng = createRng(5);
    for (let i = 0; i < 1000; i++) {
      const n = rng.int(3, 7);
      expect(n >= 3 && n <= 7 && Number.isInteger(n)).toBe(true);
      expect(['a', 'b']).toContain(rng.pick(['a', 'b']));
      expect(rng.weighted([['x', 1], ['y', 0]] as const)).toBe('x');
    }
  });
});

describe('generateDemo', () => {
  test('writes the demo company and reports each step', async () => {
    t = await openTestKontor();
    const progress: [number, number, string][] = [];
    const summary = await generateDemo(t.kontor.database, { onProgress: (...p) => progress.push(p) });
    expect(summary).toEqual({ legalName: 'Atlas Tapis & Céramique SARL', created: { company: 1, categories: 4, products: 6, warehouses: 2, movements: 13, reorderRules: 4 } });
    expect(progress.at(-1)).toEqual([DEMO_STEPS.length, DEMO_STEPS.length, 'Demo data ready']);
    expect(progress[0]).toEqual([0, DEMO_STEPS.length, 'Creating the company profile']);
    const { updatedAt: _u, hasLogo: _l, ...stored } = (await t.client.call('company.get', {}))!;
    expect(stored).toEqual(demoCompanyProfile());
  });

  test('refuses to overwrite a company profile', async () => {
    t = await openTestKontor();
    await generateDemo(t.kontor.database);
    await expect(generateDemo(t.kontor.database)).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringMatching(/^A company profile already exists/) as unknown,
    });
  });

  test('an aborted signal writes nothing', async () => {
    t = await openTestKontor();
    const controller = new AbortController();
    controller.abort(new Error('stop'));
    await expect(generateDemo(t.kontor.database, { signal: controller.signal })).rejects.toThrow('stop');
    expect(await t.client.call('company.get', {})).toBeNull();
  });
});

describe('fillDatabaseToSize', () => {
  const MiB = 1024 * 1024;

  test('the same seed gives the same job history; another seed a different one', async () => {
    const [a, b, c] = [tempDatabase(), tempDatabase(), tempDatabase()];
    await fillDatabaseToSize(a, 2 * MiB, 11);
    await fillDatabaseToSize(b, 2 * MiB, 11);
    await fillDatabaseToSize(c, 2 * MiB, 12);
    const digestA = jobRowsDigest(a);
    expect(digestA.count).toBeGreaterThan(1000);
    expect(jobRowsDigest(b)).toEqual(digestA);
    expect(jobRowsDigest(c).digest).not.toBe(digestA.digest);
  });

  test('reaches the size without overshooting by much, with valid, finished, time-ordered jobs', async () => {
    const path = tempDatabase();
    const result = await fillDatabaseToSize(path, 4 * MiB, 1);
    expect(result.bytes).toBeGreaterThanOrEqual(4 * MiB);
    expect(result.bytes).toBeLessThan(4.5 * MiB);
    expect(statSync(path).size).toBe(result.bytes);

    const db = new Sqlite(path, { readonly: true });
    try {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      const rows = db.prepare('SELECT * FROM job ORDER BY id').all() as Parameters<typeof toJobView>[0][];
      expect(rows).toHaveLength(result.rows);
      const kinds = new Set<string>();
      let previous = '';
      for (const row of rows) {
        const view = JobViewSchema.parse(toJobView(row));
        expect(['succeeded', 'failed', 'cancelled', 'interrupted']).toContain(view.status);
        expect(view.createdAt >= previous).toBe(true);
        expect(view.finishedAt! >= view.startedAt!).toBe(true);
        if (view.status === 'succeeded') expect(view.result).not.toBeNull();
        if (view.status === 'failed') expect(view.error).not.toBeNull();
        previous = view.createdAt;
        kinds.add(view.kind);
      }
      expect([...kinds].sort()).toEqual(['database.backup', 'demo.generate', 'invoices.export', 'marketplace.upload', 'products.import']);
    } finally {
      db.close();
    }
  });

  test('the filled database opens in Kontor and lists its newest jobs', async () => {
    const path = tempDatabase();
    await fillDatabaseToSize(path, 1 * MiB, 2);
    t = await openTestKontor(join(path, '..'));
    const jobs = await t.client.call('jobs.list', { limit: 50 });
    expect(jobs).toHaveLength(50);
    expect(jobs[0]!.createdAt >= jobs[49]!.createdAt).toBe(true);
    expect(jobs.every((j) => j.status !== 'interrupted' || j.message !== null)).toBe(true);
  });
});
