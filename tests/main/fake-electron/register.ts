/**
 * `node --import ./tests/main/fake-electron/register.ts out/main/index.js`: resolves `electron` to
 * the stand-in next to this file, so the built main process runs under plain Node.
 */
import { registerHooks } from 'node:module';

const FAKE_ELECTRON = new URL('./electron.ts', import.meta.url).href;

registerHooks({
  resolve(specifier, context, nextResolve) {
    if (specifier === 'electron') return { url: FAKE_ELECTRON, shortCircuit: true };
    return nextResolve(specifier, context);
  },
});
