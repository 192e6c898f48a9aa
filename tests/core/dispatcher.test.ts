import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { createDispatcher, parseOutput, type Handlers } from '../../electron/core/dispatcher.ts';
import { memoryLogger } from '../../electron/core/logger.ts';
import { KontorError } from '../../shared/errors.ts';

const preferences = { language: 'fr', theme: 'dark' } as const;

function dispatcherWith(overrides: Partial<Record<keyof Handlers, (input: never) => unknown>>) {
  const log = memoryLogger();
  const handlers = new Proxy(overrides, {
    get: (target, name: string) =>
      (target as Record<string, unknown>)[name] ??
      (() => {
        throw new Error(`handler ${name} should not run in this test`);
      }),
  }) as unknown as Handlers;
  return { dispatcher: createDispatcher(handlers, log), log };
}

describe('dispatcher', () => {
  it('answers the handler value for a valid call', async () => {
    const { dispatcher } = dispatcherWith({ 'app.getPreferences': () => preferences });
    await expect(dispatcher.dispatch('app.getPreferences', {})).resolves.toEqual({ ok: true, value: preferences });
  });

  it('refuses a name that is not in the contract, including prototype names', async () => {
    const { dispatcher } = dispatcherWith({});
    for (const name of ['company.drop', 'toString', '__proto__', 42, null]) {
      const result = await dispatcher.dispatch(name, {});
      expect(result).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CALL' } });
    }
  });

  it('validates input before the handler runs and names every bad field', async () => {
    const setPreferences = vi.fn(() => preferences);
    const { dispatcher } = dispatcherWith({ 'app.setPreferences': setPreferences });
    const result = await dispatcher.dispatch('app.setPreferences', { language: 'xx', theme: 7, extra: true });
    expect(setPreferences).not.toHaveBeenCalled();
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('VALIDATION');
    const paths = (result.error.details?.issues ?? []).map((i) => i.path).sort();
    expect(paths).toEqual(['', 'language', 'theme']);
    for (const issue of result.error.details?.issues ?? []) {
      expect(issue.key).toMatch(/^validation\./);
      expect(issue.message.length).toBeGreaterThan(0);
    }
  });

  it('answers a KontorError with its own code and details', async () => {
    const { dispatcher } = dispatcherWith({
      'jobs.get': () => {
        throw new KontorError('NOT_FOUND', 'There is no job 9.', { id: 9 });
      },
    });
    await expect(dispatcher.dispatch('jobs.get', { id: 9 })).resolves.toEqual({
      ok: false,
      error: { code: 'NOT_FOUND', message: 'There is no job 9.', details: { id: 9 } },
    });
  });

  it('turns an unexpected exception into INTERNAL and logs it', async () => {
    const { dispatcher, log } = dispatcherWith({
      'app.info': () => {
        throw new TypeError('boom');
      },
    });
    const result = await dispatcher.dispatch('app.info', {});
    expect(result).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(log.lines.some((l) => l.level === 'error' && l.message.includes('app.info'))).toBe(true);
  });

  it('refuses to pass on a handler answer that breaks the contract', async () => {
    const { dispatcher, log } = dispatcherWith({ 'app.getPreferences': () => ({ language: 'klingon' }) });
    const result = await dispatcher.dispatch('app.getPreferences', {});
    expect(result).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(log.lines.some((l) => l.message.includes('does not match its contract'))).toBe(true);
  });
});

describe('output checks', () => {
  const row = z.object({ id: z.number().int(), sku: z.string() });
  it('checks synchronously where it can, and a schema with an asynchronous refinement asynchronously', async () => {
    const rows = Array.from({ length: 3 }, (_, id) => ({ id, sku: `S-${id}` }));
    expect(await parseOutput(z.array(row), rows)).toMatchObject({ success: true, data: rows });
    expect((await parseOutput(z.array(row), [{ id: 1.5, sku: 'X' }])).success).toBe(false);
    const checkedLater = row.refine(async (r) => Promise.resolve(r.sku.startsWith('S-')));
    expect(await parseOutput(checkedLater, { id: 1, sku: 'S-1' })).toMatchObject({ success: true });
    expect((await parseOutput(checkedLater, { id: 1, sku: 'T-1' })).success).toBe(false);
  });
});
