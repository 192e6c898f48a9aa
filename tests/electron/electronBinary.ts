import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export const NO_BINARY =
  'No Electron binary on this machine (installed with ELECTRON_SKIP_BINARY_DOWNLOAD=1); this test runs where one exists.';

/**
 * The Electron executable Playwright would start, or undefined. This repeats what the electron
 * package's index.js does, instead of calling require('electron'): when the binary is missing,
 * electron 45's index.js starts downloading it, which must not happen here.
 */
export function electronExecutable(): string | undefined {
  const electronDir = dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  const pathFile = join(electronDir, 'path.txt');
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : '';
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  const candidate = override ? join(override, relative || 'electron') : relative ? join(electronDir, 'dist', relative) : undefined;
  return candidate && existsSync(candidate) ? candidate : undefined;
}
