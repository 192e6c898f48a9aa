import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export function makeTempDir(prefix = 'kontor-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}
