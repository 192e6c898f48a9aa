import { describe, expect, it, vi } from 'vitest';
import { createCallGate } from '../../electron/main/callGate.ts';
import { isTrustedAppUrl } from '../../electron/main/security.ts';
import { memoryLogger } from '../../electron/core/logger.ts';

function gate() {
  const dispatch = vi.fn((name: unknown, input: unknown) => Promise.resolve({ ok: true as const, value: { name, input } }));
  const log = memoryLogger();
  const answer = createCallGate({ dispatcher: { dispatch }, isTrustedSender: (url) => isTrustedAppUrl(url), log });
  return { answer, dispatch, log };
}

describe('createCallGate', () => {
  it('passes calls from the app to the dispatcher as they came', async () => {
    const { answer, dispatch } = gate();
    await expect(answer('app://kontor/index.html', 'company.get', {})).resolves.toEqual({
      ok: true,
      value: { name: 'company.get', input: {} },
    });
    expect(dispatch).toHaveBeenCalledWith('company.get', {});
  });

  it('refuses frames that are not the app, without reaching the dispatcher', async () => {
    const { answer, dispatch, log } = gate();
    for (const url of ['https://example.com/', 'file:///tmp/x.html', 'about:blank', undefined]) {
      const result = await answer(url, 'company.save', { legalName: 'x' });
      expect(result).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
    }
    expect(dispatch).not.toHaveBeenCalled();
    expect(log.lines).toHaveLength(4);
    expect(log.lines.every((l) => l.level === 'warn')).toBe(true);
  });
});
