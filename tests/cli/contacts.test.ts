import { spawnSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { makeTempDir, openTestKontor } from '../support/testKontor.ts';

const root = join(import.meta.dirname, '..', '..');
const entry = join(root, 'electron', 'cli', 'kontor.ts');
const fixtures = join(root, 'tests', 'fixtures', 'contacts');
let dataDir: string;

function kontor(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const { KONTOR_DATA_DIR: _ignored, ...env } = process.env;
  const run = spawnSync(process.execPath, [entry, ...args, '--data-dir', dataDir], { cwd: root, encoding: 'utf8', env, timeout: 60_000 });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

beforeAll(async () => {
  dataDir = makeTempDir('kontor-cli-contacts-');
  const t = await openTestKontor(dataDir);
  await t.kontor.close();
}, 30_000);
afterAll(() => {
  rmSync(dataDir, { recursive: true, force: true });
});

describe('kontor contacts', () => {
  test('import refuses a file with bad rows, naming row and column, and writes nothing', () => {
    const run = kontor('contacts', 'import', join(fixtures, 'bad-contacts.csv'));
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain('Row 3, Email');
    expect(JSON.parse(kontor('contacts', 'list', '--json').stdout)).toEqual({ rows: [], total: 0 });
  }, 60_000);

  test('import, list with an Arabic search, and export to a workbook', () => {
    const imported = kontor('contacts', 'import', join(fixtures, 'google-contacts.csv'));
    expect(imported.code).toBe(0);
    expect(imported.stdout).toContain('5 contacts created (2 organisations, 3 people)');
    const found = kontor('contacts', 'list', '--search', 'اطلس');
    expect(found.stdout).toContain('تعاونية الأطلس للزرابي');
    expect(found.stdout).toContain('1 of 1 contacts.');
    const file = join(dataDir, 'out.xlsx');
    const exported = kontor('contacts', 'export', file);
    expect(exported.stdout).toContain('5 contacts written');
    expect(existsSync(file)).toBe(true);
  }, 90_000);
});
