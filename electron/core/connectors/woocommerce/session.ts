import { RemoteCallError, kindOfStatus, retryAfterMs, type HttpClient } from '../engine/http.ts';
import type { ItemOutcome, RemoteRefs, Session, StockUpdate, UploadItem } from '../types.ts';
import type { WooPayload, WooVariation } from './map.ts';
import { signUrl } from './oauth.ts';

export interface WooSettings {
  siteUrl: string;
}
export interface WooCredentials {
  consumerKey: string;
  consumerSecret: string;
}

/** WooCommerce's batch endpoints take at most 100 items in total (else 413). */
export const WOO_BATCH_LIMIT = 100;

interface WooError {
  code: string;
  message: string;
  data?: { status?: number; resource_id?: number; [k: string]: unknown };
}
type BatchEntry = { id: number; sku?: string; error?: WooError; variations?: number[] };
interface BatchReply {
  create?: BatchEntry[];
  update?: BatchEntry[];
}

export function createWooSession(settings: WooSettings, credentials: WooCredentials, http: HttpClient): Session<WooPayload> {
  const base = `${settings.siteUrl.replace(/\/+$/, '')}/wp-json/wc/v3`;
  const secure = base.startsWith('https:');

  const request = async <T>(method: 'GET' | 'POST', path: string, body: unknown, signal: AbortSignal): Promise<T> => {
    const url = `${base}${path}`;
    const headers: Record<string, string> = { accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    // Over HTTPS WooCommerce takes Basic auth; over plain HTTP only a signed request.
    if (secure) headers.authorization = `Basic ${Buffer.from(`${credentials.consumerKey}:${credentials.consumerSecret}`).toString('base64')}`;
    const reply = await http.send(
      { method, url: secure ? url : signUrl(method, url, credentials), headers, ...(body === undefined ? {} : { body: JSON.stringify(body) }) },
      signal,
    );
    reply.permit.release();
    let parsed: unknown;
    try {
      parsed = JSON.parse(reply.text);
    } catch {
      parsed = undefined;
    }
    if (reply.status >= 200 && reply.status < 300 && parsed !== undefined) return parsed as T;
    const error = (parsed ?? {}) as Partial<WooError>;
    const code = typeof error.code === 'string' ? error.code : `HTTP_${reply.status}`;
    const message = typeof error.message === 'string' ? error.message : reply.text.slice(0, 200) || `HTTP ${reply.status}`;
    const kind = reply.status >= 200 && reply.status < 300 ? 'server' : kindOfStatus(reply.status);
    throw new RemoteCallError(kind, code, kind === 'auth' ? `WooCommerce refused the API keys: ${message}` : `WooCommerce answered HTTP ${reply.status}: ${message}`, {
      status: reply.status,
      retryAfterMs: retryAfterMs(reply.headers),
    });
  };

  /** Sends one products batch; answers per SKU either the product id or the error. */
  const productsBatch = async (creates: UploadItem<WooPayload>[], updates: { id: number; item: UploadItem<WooPayload> }[], signal: AbortSignal) => {
    const body = {
      ...(creates.length ? { create: creates.map((c) => c.payload.product) } : {}),
      ...(updates.length ? { update: updates.map((u) => ({ id: u.id, ...u.item.payload.product })) } : {}),
    };
    const reply = await request<BatchReply>('POST', '/products/batch', body, signal);
    const results = new Map<string, { id: number } | { error: WooError }>();
    creates.forEach((c, i) => results.set(c.sku, entryResult(reply.create?.[i])));
    updates.forEach((u, i) => results.set(u.item.sku, entryResult(reply.update?.[i])));
    return results;
  };

  const syncVariations = async (productId: number, item: UploadItem<WooPayload>, signal: AbortSignal): Promise<ItemOutcome> => {
    const variations = item.payload.variations ?? [];
    const known = { ...(item.remote?.productId === String(productId) ? item.remote.variants : {}) };
    const refs: RemoteRefs = { productId: String(productId), variants: {} };
    let pending = variations;
    // Two rounds at most: a variation that exists but is unknown here comes back as a duplicate SKU with its id.
    for (let round = 0; round < 2 && pending.length > 0; round++) {
      const creates: WooVariation[] = [];
      const updates: (WooVariation & { id: number })[] = [];
      for (const v of pending) {
        const id = known[v.sku]?.id;
        if (id) updates.push({ id: Number(id), ...v });
        else creates.push(v);
      }
      const reply = await request<BatchReply>(
        'POST',
        `/products/${productId}/variations/batch`,
        { ...(creates.length ? { create: creates } : {}), ...(updates.length ? { update: updates } : {}) },
        signal,
      );
      const again: WooVariation[] = [];
      const answers: [WooVariation, BatchEntry | undefined][] = [
        ...creates.map((v, i) => [v, reply.create?.[i]] as [WooVariation, BatchEntry | undefined]),
        ...updates.map((v, i) => [v, reply.update?.[i]] as [WooVariation, BatchEntry | undefined]),
      ];
      for (const [variation, entry] of answers) {
        const result = entryResult(entry);
        if ('id' in result) {
          refs.variants[variation.sku] = { id: String(result.id) };
          continue;
        }
        const existing = result.error.data?.resource_id;
        if (result.error.code === 'product_invalid_sku' && typeof existing === 'number' && existing > 0 && round === 0) {
          known[variation.sku] = { id: String(existing) };
          again.push(variation);
          continue;
        }
        return itemError(item.sku, result.error, `variation ${variation.sku}: `, refs);
      }
      pending = again;
    }
    return { sku: item.sku, status: 'succeeded', remote: refs };
  };

  return {
    estimateCost: () => 1,

    async testConnection() {
      const signal = AbortSignal.timeout(30_000);
      await request<unknown[]>('GET', '/products?per_page=1', undefined, signal);
      return { shopName: new URL(settings.siteUrl).host, details: { api: 'wc/v3', auth: secure ? 'basic' : 'oauth1' } };
    },

    async upload(items, signal) {
      const outcomes = new Map<string, ItemOutcome>();
      const productIds = new Map<string, number>();
      let creates = items.filter((i) => !i.remote);
      let updates = items.filter((i) => i.remote).map((item) => ({ id: Number(item.remote?.productId), item }));
      for (let round = 0; round < 2 && creates.length + updates.length > 0; round++) {
        const results = await productsBatch(creates, updates, signal);
        const again: { id: number; item: UploadItem<WooPayload> }[] = [];
        for (const item of [...creates, ...updates.map((u) => u.item)]) {
          const result = results.get(item.sku);
          if (result && 'id' in result) {
            productIds.set(item.sku, result.id);
            continue;
          }
          const error = result?.error ?? { code: 'kontor.noAnswer', message: 'WooCommerce answered without this product.', data: { status: 500 } };
          const existing = error.data?.resource_id;
          // The SKU is taken: by our own earlier, interrupted upload or by a product made in the shop. Either way it is this SKU's product.
          if (error.code === 'product_invalid_sku' && typeof existing === 'number' && existing > 0 && round === 0) {
            again.push({ id: existing, item });
            continue;
          }
          outcomes.set(item.sku, itemError(item.sku, error));
        }
        creates = [];
        updates = again;
      }
      await Promise.all(
        items.map(async (item) => {
          const id = productIds.get(item.sku);
          if (id === undefined || outcomes.has(item.sku)) return;
          if (item.payload.variations === null) {
            outcomes.set(item.sku, { sku: item.sku, status: 'succeeded', remote: { productId: String(id), variants: { [item.sku]: { id: String(id) } } } });
            return;
          }
          try {
            outcomes.set(item.sku, await syncVariations(id, item, signal));
          } catch (error) {
            if (error instanceof RemoteCallError && error.retryable) {
              outcomes.set(item.sku, { sku: item.sku, status: 'retry', code: error.code, message: error.message, remote: { productId: String(id), variants: {} }, ...(error.retryAfterMs === null ? {} : { retryAfterMs: error.retryAfterMs }) });
            } else throw error;
          }
        }),
      );
      return items.map((i) => outcomes.get(i.sku) ?? { sku: i.sku, status: 'retry', code: 'kontor.noAnswer', message: 'No answer for this product.' });
    },

    async stockSync(updates, signal) {
      const outcomes: ItemOutcome[] = [];
      const simple = updates.filter((u) => Object.keys(u.quantities).length === 1 && u.quantities[u.sku] !== undefined && u.remote.variants[u.sku]?.id === u.remote.productId);
      const variable = updates.filter((u) => !simple.includes(u));
      if (simple.length > 0) {
        const reply = await request<BatchReply>('POST', '/products/batch', { update: simple.map((u) => ({ id: Number(u.remote.productId), stock_quantity: u.quantities[u.sku] })) }, signal);
        simple.forEach((u, i) => {
          const result = entryResult(reply.update?.[i]);
          outcomes.push('id' in result ? { sku: u.sku, status: 'succeeded', remote: u.remote } : itemError(u.sku, result.error));
        });
      }
      await Promise.all(
        variable.map(async (u) => {
          const lines = Object.entries(u.quantities).map(([sku, quantity]) => ({ id: Number(u.remote.variants[sku]?.id ?? 0), stock_quantity: quantity }));
          if (lines.some((l) => !l.id)) {
            outcomes.push({ sku: u.sku, status: 'failed', code: 'kontor.notListed', message: 'Some variants are not on WooCommerce yet; upload the product again.' });
            return;
          }
          const reply = await request<BatchReply>('POST', `/products/${u.remote.productId}/variations/batch`, { update: lines }, signal);
          const failed = (reply.update ?? []).map(entryResult).find((r): r is { error: WooError } => 'error' in r);
          outcomes.push(failed ? itemError(u.sku, failed.error) : { sku: u.sku, status: 'succeeded', remote: u.remote });
        }),
      );
      return outcomes;
    },
  };
}

function entryResult(entry: BatchEntry | undefined): { id: number } | { error: WooError } {
  if (!entry) return { error: { code: 'kontor.noAnswer', message: 'WooCommerce answered without this item.', data: { status: 500 } } };
  if (entry.error) return { error: entry.error };
  return { id: entry.id };
}

/** A per-item error: the platform's own code and message; retried only when the platform says it failed on its side. */
function itemError(sku: string, error: WooError, prefix = '', remote?: RemoteRefs): ItemOutcome {
  const message = `${prefix}${error.message}`;
  if ((error.data?.status ?? 400) >= 500) return { sku, status: 'retry', code: error.code, message, ...(remote ? { remote } : {}) };
  return { sku, status: 'failed', code: error.code, message };
}

export type { StockUpdate };
