import type { RateModel } from '../types.ts';

/**
 * Paces the requests of one account's session. `acquire` resolves when a request of `cost` may
 * be sent and answers a release to call once its reply is in; `observe` feeds what the platform
 * said about its bucket back in.
 */
export interface Pacer {
  acquire(cost: number, signal: AbortSignal): Promise<Permit>;
  /** Requests held back because the bucket was short; a client that only survives throttling shows few waits and many throttles. */
  readonly stats: { waits: number; waitedMs: number };
}

/** Leave to send one request; `release` once its reply is in (or it failed), after any `observe`. */
export interface Permit {
  /** What the reply said about the bucket, taking this request into account. */
  observe(status: BucketStatus): void;
  release(): void;
}

/** Shopify's `extensions.cost.throttleStatus`. */
export interface BucketStatus {
  maximumAvailable: number;
  currentlyAvailable: number;
  restoreRate: number;
}

export interface Clock {
  now(): number;
  sleep(ms: number, signal: AbortSignal): Promise<void>;
}

export const realClock: Clock = {
  now: () => performance.now(),
  sleep: (ms, signal) =>
    new Promise<void>((resolve, reject) => {
      if (signal.aborted) {
        reject(signal.reason as Error);
        return;
      }
      const timer = setTimeout(() => {
        signal.removeEventListener('abort', onAbort);
        resolve();
      }, Math.max(0, ms));
      const onAbort = (): void => {
        clearTimeout(timer);
        reject(signal.reason as Error);
      };
      signal.addEventListener('abort', onAbort, { once: true });
    }),
};

export function createPacer(model: RateModel, clock: Clock = realClock): Pacer {
  return model.kind === 'costBucket' ? costBucketPacer(model, clock) : concurrencyPacer(model.maxInFlight);
}

/** A counting semaphore whose waiters are served first come, first served. */
class Slots {
  private free: number;
  private readonly waiters: (() => void)[] = [];
  constructor(size: number) {
    this.free = size;
  }
  async take(signal: AbortSignal): Promise<void> {
    signal.throwIfAborted();
    if (this.free > 0 && this.waiters.length === 0) {
      this.free--;
      return;
    }
    await new Promise<void>((resolve, reject) => {
      const grant = (): void => {
        signal.removeEventListener('abort', onAbort);
        resolve();
      };
      const onAbort = (): void => {
        const at = this.waiters.indexOf(grant);
        if (at >= 0) this.waiters.splice(at, 1);
        reject(signal.reason as Error);
      };
      this.waiters.push(grant);
      signal.addEventListener('abort', onAbort, { once: true });
    });
  }
  give(): void {
    const next = this.waiters.shift();
    if (next) next();
    else this.free++;
  }
}

function concurrencyPacer(maxInFlight: number): Pacer {
  const slots = new Slots(maxInFlight);
  return {
    stats: { waits: 0, waitedMs: 0 },
    async acquire(_cost, signal) {
      await slots.take(signal);
      let released = false;
      return {
        observe() {},
        release() {
          if (released) return;
          released = true;
          slots.give();
        },
      };
    },
  };
}

/**
 * Mirrors the server's leaky bucket: points restore at `restoreRate` per second up to the maximum,
 * each request takes its requested cost when sent, and every reply's `throttleStatus` resets the
 * estimate. The server counted that reply's own cost but maybe not the costs of requests still in
 * flight, so those are taken off what it reports: the estimate errs on the low side, and a
 * request is sent only when the bucket holds its cost, which is how throttling is avoided rather
 * than survived.
 */
function costBucketPacer(model: Extract<RateModel, { kind: 'costBucket' }>, clock: Clock): Pacer {
  const slots = new Slots(model.maxInFlight);
  let maximum = model.bucketSize;
  let restorePerMs = model.restorePerSecond / 1000;
  let available = model.bucketSize;
  let at = clock.now();
  const inFlight = new Map<number, number>();
  let nextTicket = 0;
  // One waiter at a time in front of the bucket keeps the order fair and the arithmetic simple.
  let queue: Promise<void> = Promise.resolve();
  const stats = { waits: 0, waitedMs: 0 };

  const current = (): number => Math.min(maximum, available + (clock.now() - at) * restorePerMs);

  return {
    stats,
    async acquire(cost, signal) {
      await slots.take(signal);
      const ticket = nextTicket++;
      const turn = queue.then(async () => {
        for (;;) {
          signal.throwIfAborted();
          const now = clock.now();
          const have = current();
          available = have;
          at = now;
          const need = Math.min(cost, maximum);
          if (have >= need) {
            available = have - cost;
            inFlight.set(ticket, cost);
            return;
          }
          const waitMs = Math.ceil((need - have) / restorePerMs);
          stats.waits++;
          stats.waitedMs += waitMs;
          await clock.sleep(waitMs, signal);
        }
      });
      queue = turn.catch(() => undefined);
      try {
        await turn;
      } catch (error) {
        slots.give();
        throw error;
      }
      let released = false;
      return {
        observe(status) {
          maximum = status.maximumAvailable;
          restorePerMs = status.restoreRate / 1000;
          inFlight.delete(ticket);
          let pending = 0;
          for (const other of inFlight.values()) pending += other;
          available = Math.max(0, Math.min(maximum, status.currentlyAvailable) - pending);
          at = clock.now();
        },
        release() {
          if (released) return;
          released = true;
          inFlight.delete(ticket);
          slots.give();
        },
      };
    },
  };
}
