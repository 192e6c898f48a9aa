import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Sqlite from 'better-sqlite3';
import { afterEach, describe, expect, test } from 'vitest';
import { LATEST_SCHEMA_VERSION } from '../../electron/core/db/migrations/index.ts';
import { openDatabase } from '../../electron/core/db/openDatabase.ts';
import { memoryLogger } from '../../electron/core/logger.ts';
import { DEMO_COMPANY } from '../../electron/core/demo/demoCompany.ts';
import { makeTempDir, openTestKontor } from '../support/testKontor.ts';

const root = join(import.meta.dirname, '..', '..');
const entry = join(root, 'electron', 'cli', 'kontor.ts');
const version = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version;

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});
function tempDir(): string {
  const dir = makeTempDir('kontor-cli-');
  dirs.push(dir);
  return dir;
}

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function kontor(args: string[], env: Record<string, string> = {}, script = entry): Run {
  const { KONTOR_DATA_DIR: _ignored, ...parentEnv } = process.env;
  const run = spawnSync(process.execPath, [script, ...args], {
    cwd: root,
    encoding: 'utf8',
    env: { ...parentEnv, ...env },
    timeout: 30_000,
  });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

const sha256 = (path: string): string => createHash('sha256').update(readFileSync(path)).digest('hex');

async function databaseWithCompany(dataDir: string): Promise<void> {
  const t = await openTestKontor(dataDir);
  await t.client.call('company.save', DEMO_COMPANY);
  await t.kontor.close();
}

describe('kontor CLI', () => {
  test('--help lists the commands; --version prints the package version', () => {
    const help = kontor(['--help']);
    expect(help.code).toBe(0);
    for (const command of ['info', 'migrate', 'backup <file>']) expect(help.stdout).toContain(`  ${command} `);
    expect(help.stdout).toContain('--data-dir <dir>');
    expect(kontor(['backup', '--help']).stdout).toContain('Usage: kontor backup <file> [--force]');
    const shown = kontor(['--version']);
    expect(shown).toEqual({ code: 0, stdout: `kontor ${version}\n`, stderr: '' });
  });

  test('info on a fresh data directory reports no database and creates nothing', () => {
    const dataDir = tempDir();
    const text = kontor(['info', '--data-dir', dataDir]);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain(dataDir);
    expect(text.stdout).toContain('(not created yet)');
    const json = kontor(['info', '--json', '--data-dir', dataDir]);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toMatchObject({
      appVersion: version,
      dataDir,
      databasePath: join(dataDir, 'kontor.sqlite'),
      databaseExists: false,
      schemaVersion: 0,
      latestSchemaVersion: LATEST_SCHEMA_VERSION,
      rowCounts: {},
    });
    expect(readdirSync(dataDir)).toEqual([]);
  });

  test('KONTOR_DATA_DIR is honoured, and --data-dir wins over it', () => {
    const fromEnv = tempDir();
    const fromFlag = tempDir();
    expect(JSON.parse(kontor(['info', '--json'], { KONTOR_DATA_DIR: fromEnv }).stdout)).toMatchObject({ dataDir: fromEnv });
    expect(JSON.parse(kontor(['info', '--json', `--data-dir=${fromFlag}`], { KONTOR_DATA_DIR: fromEnv }).stdout)).toMatchObject({
      dataDir: fromFlag,
    });
  });

  test('migrate creates a database, then says it is already up to date', () => {
    const dataDir = tempDir();
    const created = kontor(['migrate', '--data-dir', dataDir]);
    expect(created).toMatchObject({ code: 0, stderr: '' });
    expect(created.stdout).toBe(`Created a new database at schema version ${LATEST_SCHEMA_VERSION}: ${join(dataDir, 'kontor.sqlite')}\n`);
    const again = kontor(['migrate', '--data-dir', dataDir]);
    expect(again).toEqual({ code: 0, stdout: `The database is already at schema version ${LATEST_SCHEMA_VERSION}; nothing to do.\n`, stderr: '' });

    const info = JSON.parse(kontor(['info', '--json', '--data-dir', dataDir]).stdout) as { schemaVersion: number; rowCounts: Record<string, number> };
    expect(info.schemaVersion).toBe(LATEST_SCHEMA_VERSION);
    expect(info.rowCounts).toMatchObject({ job: 0, company: 0, schema_migrations: LATEST_SCHEMA_VERSION });
  });

  test('migrate from an older version says from → to and where the copy went', async () => {
    const dataDir = tempDir();
    const old = await openDatabase({
      path: join(dataDir, 'kontor.sqlite'),
      appVersion: 'old',
      backupDir: join(dataDir, 'backups'),
      log: memoryLogger(),
      targetVersion: 1,
    });
    old.close();

    const info = kontor(['info', '--data-dir', dataDir]);
    expect(info.stdout).toContain(`1, needs migrating to ${LATEST_SCHEMA_VERSION}: run "kontor migrate"`);
    const run = kontor(['migrate', '--json', '--data-dir', dataDir]);
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout) as { fromVersion: number; toVersion: number; backupPath: string };
    expect(result).toMatchObject({ fromVersion: 1, toVersion: LATEST_SCHEMA_VERSION });
    expect(result.backupPath.startsWith(join(dataDir, 'backups'))).toBe(true);
    const copy = new Sqlite(result.backupPath, { readonly: true });
    expect(copy.pragma('user_version', { simple: true })).toBe(1);
    copy.close();
  });

  test('backup writes a copy that opens with the same data, and refuses to overwrite without --force', async () => {
    const dataDir = tempDir();
    await databaseWithCompany(dataDir);
    const target = join(tempDir(), 'copy.sqlite');

    const run = kontor(['backup', target, '--data-dir', dataDir]);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    const copy = new Sqlite(target, { readonly: true });
    try {
      expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(copy.prepare('SELECT legal_name FROM company').pluck().get()).toBe('Atlas Tapis & Céramique SARL');
      expect(copy.prepare('SELECT count(*) FROM company_bank_account').pluck().get()).toBe(2);
    } finally {
      copy.close();
    }
    const bytes = readFileSync(target).length;
    expect(run.stdout).toContain(`${bytes} bytes`);
    expect(existsSync(`${target}.partial`)).toBe(false);

    const before = sha256(target);
    const refused = kontor(['backup', target, '--data-dir', dataDir]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toBe(`kontor: ${target} already exists; choose another file or add --force to replace it.\n`);
    expect(sha256(target)).toBe(before);
    expect(kontor(['backup', target, '--force', '--data-dir', dataDir]).code).toBe(0);

    const json = JSON.parse(kontor(['backup', join(dirs[1]!, 'second.sqlite'), '--json', '--data-dir', dataDir]).stdout) as { bytes: number };
    expect(json.bytes).toBe(bytes);
  });

  test('backup with no database, or into a missing folder, fails with exit 1 and one line', () => {
    const dataDir = tempDir();
    const none = kontor(['backup', join(dataDir, 'x.sqlite'), '--data-dir', dataDir]);
    expect(none.code).toBe(1);
    expect(none.stderr).toMatch(/^kontor: There is no Kontor database at .*kontor\.sqlite yet; run "kontor migrate" to create one\.\n$/);
    kontor(['migrate', '--data-dir', dataDir]);
    const missing = kontor(['backup', join(dataDir, 'nope', 'x.sqlite'), '--data-dir', dataDir]);
    expect(missing.code).toBe(1);
    expect(missing.stderr.trim().split('\n')).toHaveLength(1);
    expect(missing.stderr).toContain('does not exist');
  });

  test('usage errors exit with 2 and one line on stderr', () => {
    for (const args of [['frobnicate'], [], ['info', '--frob'], ['backup'], ['info', 'extra'], ['info', '--force'], ['info', '--data-dir']]) {
      const run = kontor(args);
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.stdout).toBe('');
      expect(run.stderr.trim().split('\n'), args.join(' ')).toHaveLength(1);
      expect(run.stderr).toMatch(/^kontor: .*\(see "kontor .*--help"\)\n$/);
    }
    expect(kontor(['frobnicate']).stderr).toBe('kontor: there is no command "frobnicate" (see "kontor --help")\n');
  });

  test('a database from a newer Kontor: exit 1 with the message, file unchanged', async () => {
    const dataDir = tempDir();
    await databaseWithCompany(dataDir);
    const path = join(dataDir, 'kontor.sqlite');
    const db = new Sqlite(path);
    db.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 1}`);
    db.close();
    const before = sha256(path);

    for (const args of [['info'], ['migrate'], ['backup', join(dataDir, 'copy.sqlite')]]) {
      const run = kontor([...args, '--data-dir', dataDir]);
      expect(run.code, args[0]).toBe(1);
      expect(run.stdout).toBe('');
      expect(run.stderr).toBe(
        `kontor: This database was written by a newer Kontor (schema version ${LATEST_SCHEMA_VERSION + 1}; this Kontor knows up to ${LATEST_SCHEMA_VERSION}). Update Kontor to open it. The file was not changed.\n`,
      );
      expect(sha256(path)).toBe(before);
    }
    expect(existsSync(join(dataDir, 'copy.sqlite'))).toBe(false);
  });

  test('a file that is not a Kontor database is refused and left alone', () => {
    const dataDir = tempDir();
    const path = join(dataDir, 'kontor.sqlite');
    writeFileSync(path, 'this is a spreadsheet, honestly');
    const run = kontor(['migrate', '--data-dir', dataDir]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('is not a Kontor database');
    expect(readFileSync(path, 'utf8')).toBe('this is a spreadsheet, honestly');
  });

  test('bin/kontor.js runs the same CLI', () => {
    expect(kontor(['--version'], {}, join(root, 'bin', 'kontor.js'))).toEqual({ code: 0, stdout: `kontor ${version}\n`, stderr: '' });
  });
});
