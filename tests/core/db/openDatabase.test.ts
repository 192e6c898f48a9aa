import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Sqlite from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { KONTOR_APPLICATION_ID, openDatabase } from '../../../electron/core/db/openDatabase.ts';
import { LATEST_SCHEMA_VERSION } from '../../../electron/core/db/migrations/index.ts';
import { memoryLogger } from '../../../electron/core/logger.ts';
import { KontorError } from '../../../shared/errors.ts';
import { makeTempDir } from '../../support/tempDir.ts';

const dirs: string[] = [];
function tempDir(): string {
  const dir = makeTempDir('kontor-db-');
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function options(dir: string, extra: { targetVersion?: number; migrate?: boolean } = {}) {
  return { path: join(dir, 'kontor.sqlite'), appVersion: '1.2.3', backupDir: join(dir, 'backups'), log: memoryLogger(), ...extra };
}

function sha256(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

async function refusal(promise: Promise<unknown>): Promise<KontorError> {
  const error = await promise.then(
    () => {
      throw new Error('expected the database to be refused');
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(KontorError);
  return error as KontorError;
}

describe('openDatabase', () => {
  it('creates a new database at the latest version with WAL, foreign keys and a busy timeout', async () => {
    const dir = tempDir();
    const opened = await openDatabase(options(dir));
    try {
      expect(opened.schemaVersion).toBe(LATEST_SCHEMA_VERSION);
      expect(opened.backupPath).toBeNull();
      expect(opened.sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(opened.sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
      expect(opened.sqlite.pragma('busy_timeout', { simple: true })).toBe(5000);
      expect(opened.sqlite.pragma('application_id', { simple: true })).toBe(KONTOR_APPLICATION_ID);
      const applied = opened.sqlite.prepare('SELECT version, app_version FROM schema_migrations ORDER BY version').all();
      expect(applied).toEqual(
        Array.from({ length: LATEST_SCHEMA_VERSION }, (_, i) => ({ version: i + 1, app_version: '1.2.3' })),
      );
    } finally {
      opened.close();
    }
    // Nothing to migrate on the second open, so no copy is taken.
    const again = await openDatabase(options(dir));
    expect(again.backupPath).toBeNull();
    again.close();
    expect(existsSync(join(dir, 'backups'))).toBe(false);
  });

  it('migrates an older database, keeps its data and copies the file first', async () => {
    const dir = tempDir();
    const old = await openDatabase(options(dir, { targetVersion: 1 }));
    expect(old.schemaVersion).toBe(1);
    old.sqlite
      .prepare(
        `INSERT INTO company (id, legal_name, country, base_currency, fiscal_year_start_month, fiscal_year_start_day,
                              default_language, updated_at)
         VALUES (1, 'Atlas Tapis SARL', 'MA', 'MAD', 1, 1, 'fr', '2026-01-01T00:00:00.000Z')`,
      )
      .run();
    old.sqlite.prepare(`INSERT INTO company_tax_id (position, scheme, value) VALUES (0, 'MA_ICE', '001525727000089')`).run();
    old.close();

    const migrated = await openDatabase(options(dir));
    try {
      expect(migrated.schemaVersion).toBe(LATEST_SCHEMA_VERSION);
      expect(migrated.sqlite.prepare('SELECT legal_name FROM company').pluck().get()).toBe('Atlas Tapis SARL');
      expect(migrated.sqlite.prepare('SELECT value FROM company_tax_id').pluck().get()).toBe('001525727000089');
      // The copy is a consistent database at the old version with the old data.
      expect(migrated.backupPath).not.toBeNull();
      const copy = new Sqlite(migrated.backupPath as string, { readonly: true });
      expect(copy.pragma('user_version', { simple: true })).toBe(1);
      expect(copy.prepare('SELECT legal_name FROM company').pluck().get()).toBe('Atlas Tapis SARL');
      copy.close();
    } finally {
      migrated.close();
    }
  });

  it('runs all pending migrations in one transaction: a failing step leaves the file at its old version', async () => {
    const dir = tempDir();
    const old = await openDatabase(options(dir, { targetVersion: 1 }));
    // A table the next migration wants to create makes it fail half-way.
    old.sqlite.exec('CREATE TABLE company_logo (x INTEGER)');
    old.close();

    await expect(openDatabase(options(dir))).rejects.toThrow(/company_logo/);
    const check = new Sqlite(join(dir, 'kontor.sqlite'), { readonly: true });
    expect(check.pragma('user_version', { simple: true })).toBe(1);
    expect(check.prepare("SELECT count(*) FROM sqlite_schema WHERE name = 'job'").pluck().get()).toBe(0);
    check.close();
  });

  it('refuses a database written by a newer Kontor and does not modify it', async () => {
    const dir = tempDir();
    const opened = await openDatabase(options(dir));
    opened.sqlite.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 5}`);
    opened.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    opened.sqlite.pragma('journal_mode = DELETE');
    opened.close();
    const path = join(dir, 'kontor.sqlite');
    const before = sha256(path);
    const filesBefore = readdirSync(dir).sort();

    const error = await refusal(openDatabase(options(dir)));
    expect(error.code).toBe('DATABASE_TOO_NEW');
    expect(error.message).toMatch(/newer Kontor.*schema version \d+.*not changed/s);
    expect(sha256(path)).toBe(before);
    expect(readdirSync(dir).sort()).toEqual(filesBefore);
  });

  it('refuses a SQLite file that is not Kontor’s, and a file that is not SQLite at all, unchanged', async () => {
    const dir = tempDir();
    const path = join(dir, 'kontor.sqlite');
    const foreign = new Sqlite(path);
    foreign.exec('CREATE TABLE notes (body TEXT)');
    foreign.close();
    const before = sha256(path);
    expect((await refusal(openDatabase(options(dir)))).code).toBe('NOT_A_KONTOR_DATABASE');
    expect(sha256(path)).toBe(before);

    writeFileSync(path, 'this is a spreadsheet, not a database '.repeat(200));
    const text = sha256(path);
    const error = await refusal(openDatabase(options(dir)));
    expect(error.code).toBe('NOT_A_KONTOR_DATABASE');
    expect(error.message).toContain(path);
    expect(sha256(path)).toBe(text);
  });

  it('with migrate: false, refuses to open an older database instead of migrating it', async () => {
    const dir = tempDir();
    (await openDatabase(options(dir, { targetVersion: 1 }))).close();
    expect((await refusal(openDatabase(options(dir, { migrate: false })))).message).toMatch(/kontor migrate/);
  });
});
