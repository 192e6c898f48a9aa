import { createHash } from 'node:crypto';
import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';

const root = import.meta.dirname;

/**
 * CSP hash sources of the inline scripts the renderer's dev server injects into index.html: React
 * Fast Refresh's preamble (served at base '/'). The main process adds them to the dev CSP, so dev
 * keeps `script-src 'self'` without 'unsafe-inline'. tests/main/dev-csp.test.ts checks this list
 * against what Vite really injects.
 */
export const DEV_INLINE_SCRIPT_HASHES = [react.preambleCode.replace('__BASE__', '/')].map(
  (code) => `'sha256-${createHash('sha256').update(code).digest('base64')}'`,
);

export default defineConfig({
  main: {
    define: { __KONTOR_DEV_INLINE_SCRIPT_HASHES__: JSON.stringify(DEV_INLINE_SCRIPT_HASHES) },
    build: {
      outDir: 'out/main',
      rollupOptions: {
        input: {
          index: resolve(root, 'electron/main/index.ts'),
          // Background jobs run in worker threads; the worker needs its own bundled entry.
          jobWorker: resolve(root, 'electron/core/jobs/jobWorker.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      // A sandboxed preload cannot load ES modules or require packages: one CommonJS file.
      externalizeDeps: false,
      rollupOptions: {
        input: { index: resolve(root, 'electron/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(root, 'renderer'),
    plugins: [react()],
    build: {
      outDir: resolve(root, 'out/renderer'),
      rollupOptions: { input: { index: resolve(root, 'renderer/index.html') } },
    },
  },
});
