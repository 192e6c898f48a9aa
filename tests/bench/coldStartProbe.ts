/**
 * Runs in a fresh process per sample, so nothing of the database is cached in the process.
 * Prints JSON on stdout: `loadMs` (process start until the code is loaded) and `openMs` (open the
 * 1 GB file, run the checks and the first page query).
 *   node tests/bench/coldStartProbe.ts core <dataDir>
 *   node tests/bench/coldStartProbe.ts bare <dataDir>
 */
import { performance } from 'node:perf_hooks';

const [mode, dataDir] = process.argv.slice(2);
if (!dataDir || (mode !== 'core' && mode !== 'bare')) {
  console.error('usage: coldStartProbe.ts core|bare <dataDir>');
  process.exit(2);
}

const quiet = { info() {}, warn() {}, error: (m: string, ...d: unknown[]) => console.error(m, ...d) };

if (mode === 'core') {
  const { openKontor } = await import('../../electron/core/kontor.ts');
  const loadMs = performance.now();
  const kontor = await openKontor({ dataDir, appVersion: 'bench', mode: 'cli', log: quiet });
  const page = await kontor.dispatcher.dispatch('jobs.list', { limit: 50 });
  if (!page.ok) throw new Error(page.error.message);
  const openMs = performance.now() - loadMs;
  await kontor.close();
  console.log(JSON.stringify({ loadMs, openMs, rows: (page.value as unknown[]).length }));
} else {
  const { default: Sqlite } = await import('better-sqlite3');
  const loadMs = performance.now();
  const db = new Sqlite(`${dataDir}/kontor.sqlite`);
  const rows = db.prepare('SELECT * FROM job ORDER BY created_at DESC, id DESC LIMIT 50').all().length;
  const openMs = performance.now() - loadMs;
  db.close();
  console.log(JSON.stringify({ loadMs, openMs, rows }));
}
