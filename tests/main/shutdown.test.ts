import { describe, expect, it } from 'vitest';
import { settleWithin } from '../../electron/main/shutdown.ts';
import { BACKGROUND, backgroundColorFor } from '../../electron/main/appearance.ts';

describe('settleWithin', () => {
  it('reports a clean close', async () => {
    await expect(settleWithin(() => Promise.resolve(), 1000)).resolves.toEqual({ outcome: 'closed' });
  });

  it('reports a failed close instead of throwing', async () => {
    const error = new Error('database is locked');
    await expect(
      settleWithin(() => Promise.reject(error), 1000),
    ).resolves.toEqual({ outcome: 'failed', error });
  });

  it('gives up on a close that hangs', async () => {
    const started = Date.now();
    await expect(settleWithin(() => new Promise<void>(() => {}), 50)).resolves.toEqual({ outcome: 'timed-out' });
    expect(Date.now() - started).toBeLessThan(1000);
  });
});

describe('backgroundColorFor', () => {
  it('follows the saved theme, and the system for auto', () => {
    expect(backgroundColorFor('dark', false)).toBe(BACKGROUND.dark);
    expect(backgroundColorFor('light', true)).toBe(BACKGROUND.light);
    expect(backgroundColorFor('auto', true)).toBe(BACKGROUND.dark);
    expect(backgroundColorFor('auto', false)).toBe(BACKGROUND.light);
    expect(backgroundColorFor(undefined, true)).toBe(BACKGROUND.dark);
  });
});
