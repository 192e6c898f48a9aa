import type { Database } from 'better-sqlite3';

/** Stock changed: movements were committed for these products (variants as themselves). */
export interface StockCommitted {
  productIds: number[];
}

type Listener = (event: StockCommitted) => void;

interface Channel {
  listeners: Set<Listener>;
  /** Products of movements written inside a caller's transaction, told once it has ended. */
  pending: Set<number>;
  flushing: boolean;
}

/** Per connection: an event means "this connection committed", which only its own process can know. */
const channels = new WeakMap<Database, Channel>();

function channelOf(sqlite: Database): Channel {
  let channel = channels.get(sqlite);
  if (!channel) {
    channel = { listeners: new Set(), pending: new Set(), flushing: false };
    channels.set(sqlite, channel);
  }
  return channel;
}

/** Hears every stock commit made on this connection (in this process); answers the unsubscribe. */
export function onStockCommitted(sqlite: Database, listener: Listener): () => void {
  const channel = channelOf(sqlite);
  channel.listeners.add(listener);
  return () => channel.listeners.delete(listener);
}

/** Whether anyone listens, so writers skip the bookkeeping when no one does (imports, benchmarks, workers). */
export function hasStockListeners(sqlite: Database): boolean {
  return (channels.get(sqlite)?.listeners.size ?? 0) > 0;
}

/**
 * Called by the stock writer after its transaction. Inside a caller's transaction (an invoice
 * issued with its shipments) the movements are not committed yet: the event waits until the
 * connection is out of every transaction. Should that transaction roll back, the event is
 * spurious, which is harmless: listeners treat it as a hint and read the ledger itself.
 */
export function stockCommitted(sqlite: Database, productIds: readonly number[]): void {
  const channel = channels.get(sqlite);
  if (!channel || channel.listeners.size === 0 || productIds.length === 0) return;
  for (const id of productIds) channel.pending.add(id);
  if (!sqlite.inTransaction) {
    flush(sqlite, channel);
    return;
  }
  if (channel.flushing) return;
  channel.flushing = true;
  const later = (): void => {
    // A Kysely transaction may span awaits: look again until the connection is free.
    if (sqlite.open && sqlite.inTransaction) {
      setTimeout(later, 5).unref();
      return;
    }
    channel.flushing = false;
    if (sqlite.open) flush(sqlite, channel);
  };
  setImmediate(later).unref();
}

function flush(_sqlite: Database, channel: Channel): void {
  const productIds = [...channel.pending];
  channel.pending.clear();
  if (productIds.length === 0) return;
  for (const listener of channel.listeners) listener({ productIds });
}
