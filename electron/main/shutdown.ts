/**
 * Quitting waits for the core to close (jobs stopped, database closed) but never for ever: a stuck
 * worker must not leave a window-less Kontor running. Plain code, tested in tests/main/shutdown.test.ts.
 */

export const CLOSE_TIMEOUT_MS = 5_000;

export type CloseOutcome = { outcome: 'closed' } | { outcome: 'timed-out' } | { outcome: 'failed'; error: unknown };

export async function settleWithin(close: () => Promise<void>, timeoutMs: number): Promise<CloseOutcome> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<CloseOutcome>((resolve) => {
    timer = setTimeout(() => resolve({ outcome: 'timed-out' }), timeoutMs);
  });
  const closing = (async (): Promise<CloseOutcome> => {
    try {
      await close();
      return { outcome: 'closed' };
    } catch (error) {
      // Reported to the caller, which logs it and still exits: the app is quitting either way.
      return { outcome: 'failed', error };
    }
  })();
  try {
    return await Promise.race([closing, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
