/**
 * Runs in a fresh process per sample so "cold" includes loading the code, as it does when the app
 * starts. Prints the milliseconds from process start to the first page of data on stdout.
 *   node tests/bench/coldStartProbe.ts core <dataDir>
 *   node tests/bench/coldStartProbe.ts bare <dataDir>
 */
import { performance } from 'node:perf_hooks';

const [mode, dataDir] = process.argv.slice(2);
if (!dataDir || (mode !== 'core' && mode !== 'bare')) {
  console.error('usage: coldStartProbe.ts core|bare <dataDir>');
  process.exit(2);
}

let rows: number;
if (mode === 'core') {
  const { openKontor } = await import('../../electron/core/kontor.ts');
  const quiet = { info() {}, warn() {}, error: (m: string, ...d: unknown[]) => console.error(m, ...d) };
  const kontor = await openKontor({ dataDir, appVersion: 'bench', mode: 'cli', log: quiet });
  const page = await kontor.dispatcher.dispatch('jobs.list', { limit: 50 });
  if (!page.ok) throw new Error(page.error.message);
  rows = (page.value as unknown[]).length;
  const ms = performance.now();
  await kontor.close();
  console.log(JSON.stringify({ ms, rows }));
} else {
  const { default: Sqlite } = await import('better-sqlite3');
  const db = new Sqlite(`${dataDir}/kontor.sqlite`);
  rows = db.prepare('SELECT * FROM job ORDER BY created_at DESC, id DESC LIMIT 50').all().length;
  const ms = performance.now();
  db.close();
  console.log(JSON.stringify({ ms, rows }));
}
