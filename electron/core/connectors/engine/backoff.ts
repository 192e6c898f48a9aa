/**
 * Exponential backoff with "equal jitter": half the exponential delay for sure, the other half at
 * random, so retries of many items spread out instead of arriving together. A Retry-After from
 * the platform is a floor.
 */
export function backoffMs(attempt: number, random: () => number, options: { baseMs?: number; capMs?: number; retryAfterMs?: number | null } = {}): number {
  const base = options.baseMs ?? 500;
  const cap = options.capMs ?? 30_000;
  const exponential = Math.min(cap, base * 2 ** Math.max(0, attempt - 1));
  const jittered = exponential / 2 + random() * (exponential / 2);
  return Math.round(Math.max(jittered, options.retryAfterMs ?? 0));
}
