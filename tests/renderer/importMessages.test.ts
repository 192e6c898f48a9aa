import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { importsMessages } from '../../renderer/src/i18n/areas/imports.ts';

const ROOT = join(import.meta.dirname, '..', '..');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : path.endsWith('.ts') ? [path] : [];
  });
}

/** Every imports.* problem key the core can answer with: literals, and fileError('x') → imports.file.x. */
function keysInCore(): Set<string> {
  const keys = new Set<string>();
  for (const file of [...files(join(ROOT, 'electron', 'core', 'imports')), ...files(join(ROOT, 'shared', 'imports'))]) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/'(imports\.(?:file|cell|row|undoErrors|template|mapping)\.[A-Za-z]+)'/g)) keys.add(m[1] ?? '');
    for (const m of text.matchAll(/fileError\(\s*'([A-Za-z]+)'/g)) keys.add(`imports.file.${m[1] ?? ''}`);
  }
  return keys;
}

function lookup(tree: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((node, part) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined), tree);
}

describe('import messages', () => {
  const keys = [...keysInCore()];
  test('the core names enough problems for this check to mean something', () => {
    expect(keys.length).toBeGreaterThan(40);
  });
  for (const language of ['en', 'fr', 'de', 'ar'] as const) {
    test(`every problem the import core answers with has a ${language} sentence`, () => {
      const missing = keys.filter((key) => typeof lookup({ imports: importsMessages[language] }, key) !== 'string');
      expect(missing).toEqual([]);
    });
  }
});
