import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

export const DATABASE_FILE = 'kontor.sqlite';

/**
 * Where Kontor keeps its data, first match wins: `--data-dir`, `KONTOR_DATA_DIR`, the directory
 * Electron gives (`userData`), then the same per-user directory Electron would use, so the CLI
 * and browser mode see the desktop app's data by default.
 */
export function resolveDataDir(options: {
  argv?: readonly string[];
  env?: Record<string, string | undefined>;
  electronUserData?: string;
  platform?: NodeJS.Platform;
  home?: string;
}): string {
  const fromFlag = dataDirFlag(options.argv ?? []);
  if (fromFlag) return resolve(fromFlag);
  const env = options.env ?? {};
  if (env.KONTOR_DATA_DIR) return resolve(env.KONTOR_DATA_DIR);
  if (options.electronUserData) return options.electronUserData;
  return defaultUserDataDir(options.platform ?? process.platform, env, options.home ?? homedir());
}

export function dataDirFlag(argv: readonly string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === '--data-dir') return argv[i + 1];
    if (arg.startsWith('--data-dir=')) return arg.slice('--data-dir='.length);
  }
  return undefined;
}

/** Electron's `userData` for an app named Kontor, per platform. */
export function defaultUserDataDir(platform: NodeJS.Platform, env: Record<string, string | undefined>, home: string): string {
  if (platform === 'win32') return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), 'Kontor');
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', 'Kontor');
  return join(env.XDG_CONFIG_HOME ?? join(home, '.config'), 'Kontor');
}

export function databasePathIn(dataDir: string): string {
  return join(dataDir, DATABASE_FILE);
}

export function backupDirIn(dataDir: string): string {
  return join(dataDir, 'backups');
}
