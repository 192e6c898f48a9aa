/**
 * The packaging configuration, checked without packaging: there is no Electron binary here and
 * electron-builder cannot download one, so `npm run package` is not run in tests. What can be
 * checked is checked: electron-builder's own loader and schema validator accept the file, and the
 * settings the updater and the installers depend on are there.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config.js';
import { DebugLogger } from 'builder-util';
import { describe, expect, test } from 'vitest';

const root = join(import.meta.dirname, '..', '..');

async function config() {
  return getConfig(root, join(root, 'electron-builder.yml'), null);
}

describe('packaging (electron-builder.yml)', () => {
  test('electron-builder loads the file and its schema validator accepts it', async () => {
    const loaded = await config();
    await expect(validateConfiguration(loaded, new DebugLogger(false))).resolves.toBeUndefined();
    // …and the validator is not a rubber stamp.
    await expect(validateConfiguration({ ...loaded, win: { ...loaded.win, notAnOption: true } as never }, new DebugLogger(false))).rejects.toThrow(/configuration\.win/);
  });

  test('Windows NSIS with publisherName (so update signatures are checked), macOS dmg + zip, Linux AppImage + deb', async () => {
    const c = await config();
    const targets = (t: unknown): string[] => (Array.isArray(t) ? t : [t]).map((x) => (typeof x === 'string' ? x : (x as { target: string }).target));
    expect(targets(c.win?.target)).toEqual(['nsis']);
    expect(c.win?.signtoolOptions?.publisherName).toEqual(['Kontor SARL']);
    expect(c.win?.verifyUpdateCodeSignature).toBe(true);
    expect(c.nsis?.deleteAppDataOnUninstall).toBe(false);
    expect(targets(c.mac?.target)).toEqual(['dmg', 'zip']);
    expect(targets(c.linux?.target)).toEqual(['AppImage', 'deb']);
  });

  test('updates: a generic self-hosted server first, GitHub releases second, files for both channels', async () => {
    const c = await config();
    const publish = c.publish as { provider: string; url?: string; owner?: string; repo?: string }[];
    expect(publish.map((p) => p.provider)).toEqual(['generic', 'github']);
    expect(publish[0]?.url).toMatch(/^https:\/\//);
    expect(publish[1]).toMatchObject({ owner: expect.any(String) as unknown, repo: expect.any(String) as unknown });
    expect(c.generateUpdatesFilesForAllChannels).toBe(true);
  });

  test('native modules are unpacked from the asar and not rebuilt; only the build output is packed', async () => {
    const c = await config();
    expect(c.asarUnpack).toEqual(expect.arrayContaining(['**/*.node', 'node_modules/better-sqlite3/**']));
    expect(c.npmRebuild).toBe(false);
    const files = (c.files as ({ filter: string[] } | string)[]).flatMap((f) => (typeof f === 'string' ? [f] : f.filter));
    expect(files).toEqual(['out/**', 'package.json', '!**/*.map']);
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { main: string; scripts: Record<string, string>; dependencies: Record<string, string> };
    expect(pkg.main.startsWith('out/')).toBe(true);
    expect(pkg.scripts.package).toBe('electron-vite build && electron-builder --publish never');
    // The updater ships with the app; electron-builder only builds it.
    expect(pkg.dependencies['electron-updater']).toBeDefined();
  });
});
