import { spawnSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Sqlite from 'better-sqlite3';
import { afterEach, describe, expect, test } from 'vitest';
import { DEMO_COMPANY } from '../../electron/core/demo/demoCompany.ts';
import { dumpTables } from '../support/tableDump.ts';
import { makeTempDir, openTestKontor } from '../support/testKontor.ts';

const root = join(import.meta.dirname, '..', '..');
const entry = join(root, 'electron', 'cli', 'kontor.ts');
const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function kontor(args: string[]) {
  const { KONTOR_DATA_DIR: _ignored, ...env } = process.env;
  const run = spawnSync(process.execPath, [entry, ...args], { cwd: root, encoding: 'utf8', env, timeout: 30_000, input: '' });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe('kontor restore', () => {
  test('restores a backup after its checks, keeps the replaced data, and refuses foreign files and missing confirmation', async () => {
    const dataDir = makeTempDir('kontor-cli-');
    dirs.push(dataDir);
    const t = await openTestKontor(dataDir);
    await t.client.call('company.save', DEMO_COMPANY);
    const backup = await t.kontor.backups.backupNow('manual');
    const atBackup = dumpTables(t.kontor.database.sqlite, ['job']);
    await t.client.call('app.setPreferences', { theme: 'dark' });
    await t.kontor.close();

    const foreign = join(dataDir, 'foreign.sqlite');
    const db = new Sqlite(foreign);
    db.exec('CREATE TABLE x (a)');
    db.close();
    const refused = kontor(['restore', foreign, '--yes', '--data-dir', dataDir]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('is not a Kontor database');

    // Without a terminal, the confirmation must be given as --yes.
    const unconfirmed = kontor(['restore', backup.path, '--data-dir', dataDir]);
    expect(unconfirmed.code).not.toBe(0);
    expect(unconfirmed.stderr).toContain('--yes');

    const run = kontor(['restore', backup.path, '--yes', '--json', '--data-dir', dataDir]);
    expect(run.stderr).toContain('integrity check passed');
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout) as { previousCopy: string };
    const live = new Sqlite(join(dataDir, 'kontor.sqlite'), { readonly: true });
    try {
      expect(dumpTables(live, ['job'])).toEqual(atBackup);
    } finally {
      live.close();
    }
    const aside = new Sqlite(result.previousCopy, { readonly: true });
    try {
      expect(aside.prepare("SELECT value FROM settings WHERE key = 'ui.preferences'").pluck().get()).toContain('dark');
    } finally {
      aside.close();
    }
    writeFileSync(join(dataDir, 'empty.sqlite'), '');
    expect(kontor(['restore', join(dataDir, 'empty.sqlite'), '--yes', '--data-dir', dataDir]).code).toBe(1);
  }, 60_000);

  test('refuses while Kontor runs on the data directory', async () => {
    const dataDir = makeTempDir('kontor-cli-');
    dirs.push(dataDir);
    const t = await openTestKontor(dataDir);
    const backup = await t.kontor.backups.backupNow('manual');
    try {
      const run = kontor(['restore', backup.path, '--yes', '--data-dir', dataDir]);
      expect(run.code).toBe(1);
      expect(run.stderr).toContain('Kontor is running');
    } finally {
      await t.kontor.close();
    }
  }, 60_000);
});

describe('kontor audit verify', () => {
  test('exit 0 on an intact trail; exit 1 naming the first broken link after a record is edited', async () => {
    const dataDir = makeTempDir('kontor-cli-');
    dirs.push(dataDir);
    const t = await openTestKontor(dataDir);
    await t.client.call('company.save', DEMO_COMPANY);
    await t.kontor.close();
    const ok = kontor(['audit', 'verify', '--json', '--data-dir', dataDir]);
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ ok: true, firstBrokenLink: null });

    const raw = new Sqlite(join(dataDir, 'kontor.sqlite'));
    raw.exec('DROP TRIGGER audit_log_no_update');
    raw.prepare("UPDATE audit_log SET after_json = replace(after_json, 'Atlas', 'Atlant') WHERE seq = (SELECT min(seq) FROM audit_log WHERE table_name = 'company')").run();
    const seq = raw.prepare("SELECT min(seq) FROM audit_log WHERE table_name = 'company'").pluck().get() as number;
    raw.close();
    const broken = kontor(['audit', 'verify', '--data-dir', dataDir]);
    expect(broken.code).toBe(1);
    expect(broken.stdout).toContain(`First broken link: record ${seq}: Record ${seq} was changed after it was written.`);
  }, 60_000);
});
