/**
 * Proves the layering rule (eslint/layering.ts) fires where it should and stays quiet where it should not.
 *
 * The snippets are linted under virtual paths that do not exist, so they are linted with exactly the
 * `layering` array from eslint/layering.ts plus the TypeScript parser, without type information (the
 * project service would refuse files that are in no tsconfig). A separate test checks that the real
 * eslint.config.ts applies that same rule, with the right layer, to each folder.
 */
import path from 'node:path';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';
import { layering, ROOT } from '../../eslint/layering.ts';

const RULE = 'kontor/layering';

const eslint = new ESLint({
  cwd: ROOT,
  overrideConfigFile: true,
  overrideConfig: [{ files: ['**/*.{ts,tsx}'], languageOptions: { parser: tseslint.parser } }, ...layering],
});

/** Lints `code` as if it were `file` (relative to the repo root); returns the layering messages. */
async function lint(file: string, code: string): Promise<string[]> {
  const results = await eslint.lintText(code, { filePath: path.join(ROOT, file) });
  expect(results).toHaveLength(1);
  const messages = results[0]?.messages ?? [];
  // No parse errors, no "file ignored" warnings: every message must come from a rule.
  expect(messages.filter((m) => m.ruleId === null)).toEqual([]);
  expect(messages.every((m) => m.ruleId === RULE && m.severity === 2)).toBe(true);
  return messages.map((m) => m.message);
}

describe('layering rule: what the brief requires', () => {
  it('forbids electron in electron/core, saying why', async () => {
    const messages = await lint('electron/core/x.ts', "import { app } from 'electron';\nexport const a = app;\n");
    expect(messages).toHaveLength(1);
    expect(messages[0]).toContain('the core runs under plain Node');
    expect(messages[0]).toContain('only electron/main and electron/preload may import electron');
  });

  it('forbids node:fs in shared/', async () => {
    const messages = await lint('shared/x.ts', "import fs from 'node:fs';\nexport const f = fs;\n");
    expect(messages).toHaveLength(1);
    expect(messages[0]).toContain('runs in the browser');
  });

  it('forbids a bare Node built-in (path) in renderer/', async () => {
    const messages = await lint('renderer/src/x.tsx', "import path from 'path';\nexport const p = path;\n");
    expect(messages).toHaveLength(1);
    expect(messages[0]).toContain('Node built-in');
  });

  it('forbids the renderer reaching into electron/ by a relative path', async () => {
    const messages = await lint('renderer/src/x.tsx', "import '../../electron/core/db.ts';\n");
    expect(messages).toHaveLength(1);
    expect(messages[0]).toContain('only through the contract in shared/');
  });

  it('allows node:fs in electron/core', async () => {
    expect(await lint('electron/core/x.ts', "import fs from 'node:fs';\nexport const f = fs;\n")).toEqual([]);
  });

  it('allows electron in electron/main', async () => {
    expect(await lint('electron/main/x.ts', "import { app } from 'electron';\nexport const a = app;\n")).toEqual([]);
  });
});

describe('layering rule: the rest of the table', () => {
  const forbidden: [file: string, code: string][] = [
    // electron in the plain-Node layers, in every syntactic form
    ['electron/cli/x.ts', "import { app } from 'electron';"],
    ['electron/web/x.ts', "import { app } from 'electron';"],
    ['electron/core/x.ts', "import type { App } from 'electron';\nexport type A = App;"],
    ['electron/core/x.ts', "import { ipcMain } from 'electron/main';"],
    ['electron/core/x.ts', "export { app } from 'electron';"],
    ['electron/core/x.ts', "export * from 'electron';"],
    ['electron/core/x.ts', "export const e = await import('electron');"],
    ['electron/core/x.ts', "export const e: unknown = require('electron');"],
    ['electron/core/x.ts', "import e = require('electron');\nexport const x = e;"],
    ['electron/core/deep/er/x.ts', "export type A = import('electron').App;"],
    // browser layers
    ['shared/x.ts', "import { app } from 'electron';"],
    ['renderer/src/x.tsx', "import { ipcRenderer } from 'electron';"],
    ['shared/x.ts', "import { readFile } from 'fs/promises';"],
    ['shared/x.ts', "import { test } from 'node:test';"],
    ['renderer/src/x.tsx', "import { Buffer } from 'node:buffer';"],
    ['renderer/src/deep/er/x.tsx', "import type { Db } from '../../../../electron/core/db/schema.ts';"],
    ['renderer/src/x.tsx', "export const m = await import('../../electron/core/kontor.ts');"],
    ['shared/contract/x.ts', "import '../../electron/core/kontor.ts';"],
    ['shared/x.ts', "import '../renderer/src/App.tsx';"],
    // the sandboxed preload
    ['electron/preload/x.ts', "import fs from 'node:fs';"],
    ['electron/preload/x.ts', "import path from 'path';"],
    ['electron/preload/x.ts', "import { z } from 'zod';"],
    ['electron/preload/x.ts', "import '../core/kontor.ts';"],
    ['electron/preload/x.ts', "import '../../renderer/src/App.tsx';"],
  ];

  it.each(forbidden)('%s: %s → error', async (file, code) => {
    expect(await lint(file, code)).toHaveLength(1);
  });

  const allowed: [file: string, code: string][] = [
    ['electron/main/x.ts', "import fs from 'node:fs';\nimport '../core/kontor.ts';"],
    ['electron/core/x.ts', "import Database from 'better-sqlite3';\nimport '../../shared/contract/index.ts';"],
    ['electron/cli/x.ts', "import { parseArgs } from 'node:util';\nimport '../core/kontor.ts';"],
    ['electron/web/x.ts', "import http from 'node:http';\nimport '../core/kontor.ts';"],
    ['shared/x.ts', "import { z } from 'zod';\nimport './errors.ts';"],
    ['renderer/src/x.tsx', "import { useState } from 'react';\nimport '../../shared/contract/index.ts';"],
    // a renderer folder that merely happens to be called electron is not electron/
    ['renderer/src/x.tsx', "import './electron/badge.tsx';"],
    // an npm package whose name starts like a built-in is not a built-in
    ['renderer/src/x.tsx', "import { useEventListener } from 'events-hooks';"],
    ['electron/preload/x.ts', "import { contextBridge, ipcRenderer } from 'electron';"],
    ['electron/preload/x.ts', "import { ipcRenderer } from 'electron/renderer';"],
    ['electron/preload/x.ts', "import type { Api } from '../../shared/contract/index.ts';\nimport './bridge.ts';"],
    // tests and scripts are not layered
    ['tests/x.test.ts', "import { app } from 'electron';\nimport '../renderer/src/App.tsx';"],
    ['scripts/x.ts', "import { app } from 'electron';"],
  ];

  it.each(allowed)('%s: %s → no error', async (file, code) => {
    expect(await lint(file, code)).toEqual([]);
  });
});

describe('eslint.config.ts', () => {
  it('applies the layering rule to each folder with the right layer', async () => {
    const real = new ESLint({ cwd: ROOT });
    const layerOf = async (file: string): Promise<unknown> => {
      const config = (await real.calculateConfigForFile(path.join(ROOT, file))) as {
        rules?: Record<string, unknown>;
      };
      return config.rules?.[RULE];
    };
    expect(await layerOf('electron/core/db/x.ts')).toEqual([2, 'core']);
    expect(await layerOf('electron/cli/x.ts')).toEqual([2, 'cli']);
    expect(await layerOf('electron/web/x.ts')).toEqual([2, 'web']);
    expect(await layerOf('electron/preload/x.ts')).toEqual([2, 'preload']);
    expect(await layerOf('shared/contract/x.ts')).toEqual([2, 'shared']);
    expect(await layerOf('renderer/src/x.tsx')).toEqual([2, 'renderer']);
    expect(await layerOf('renderer/src/x.ts')).toEqual([2, 'renderer']);
    expect(await layerOf('electron/main/x.ts')).toBeUndefined();
    expect(await layerOf('tests/x.test.ts')).toBeUndefined();
  });
});
