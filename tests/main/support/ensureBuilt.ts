/**
 * Builds the app once (`electron-vite build`, a few seconds) when out/ is missing or older than the
 * sources. Test files that read out/ call it from beforeAll; a lock directory keeps two test files
 * running in parallel from building into the same folder at once.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

export const ROOT = join(import.meta.dirname, '../../..');
export const OUT = join(ROOT, 'out');
export const BUILT = {
  preload: join(OUT, 'preload/index.cjs'),
  main: join(OUT, 'main/index.js'),
  jobWorker: join(OUT, 'main/jobWorker.js'),
  rendererHtml: join(OUT, 'renderer/index.html'),
} as const;

const SOURCES = ['electron', 'shared', 'renderer', 'electron.vite.config.ts', 'package.json'];
// Inside out/ (ignored by git): Vite empties out/main, out/preload and out/renderer, never out/ itself.
const LOCK = join(OUT, '.build.lock');
const BUILD_TIMEOUT_MS = 170_000;

export function filesUnder(path: string): string[] {
  if (!existsSync(path)) return [];
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name));
}

function isStale(): boolean {
  const outputs = Object.values(BUILT);
  if (!outputs.every((file) => existsSync(file))) return true;
  const oldestOutput = Math.min(...outputs.map((file) => statSync(file).mtimeMs));
  const newestSource = Math.max(...SOURCES.flatMap((s) => filesUnder(join(ROOT, s))).map((file) => statSync(file).mtimeMs));
  return newestSource > oldestOutput;
}

function build(): void {
  const cli = join(createRequire(import.meta.url).resolve('electron-vite/package.json'), '../bin/electron-vite.js');
  const result = spawnSync(process.execPath, [cli, 'build'], {
    cwd: ROOT,
    encoding: 'utf8',
    // Only the bundler runs: no Electron binary is needed, and none may be downloaded.
    env: { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '1' },
    timeout: BUILD_TIMEOUT_MS,
  });
  if (result.status !== 0) {
    throw new Error(`electron-vite build failed (exit ${result.status}, ${result.signal ?? 'no signal'}):\n${result.stdout}\n${result.stderr}`);
  }
}

/** mkdir is atomic: whoever creates the lock builds; the others wait, then find out/ fresh. */
async function withBuildLock(work: () => void): Promise<void> {
  const deadline = Date.now() + BUILD_TIMEOUT_MS + 10_000;
  mkdirSync(OUT, { recursive: true });
  for (;;) {
    try {
      mkdirSync(LOCK);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      // A lock older than any build could take was left by a killed run.
      if (Date.now() - statSync(LOCK).mtimeMs > BUILD_TIMEOUT_MS + 10_000) rmSync(LOCK, { recursive: true, force: true });
      if (Date.now() > deadline) throw new Error(`${LOCK} is held by another build for too long`, { cause: error });
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
  try {
    work();
  } finally {
    rmSync(LOCK, { recursive: true, force: true });
  }
}

export async function ensureBuilt(): Promise<void> {
  if (!isStale()) return;
  await withBuildLock(() => {
    if (isStale()) build();
  });
}
