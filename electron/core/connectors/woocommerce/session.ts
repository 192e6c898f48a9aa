import { RemoteCallError, kindOfStatus, retryAfterMs, type HttpClient } from '../engine/http.ts';
import { formatAmount } from '../../../../shared/money.ts';
import type { ImageSource, ItemOutcome, MediaLibrary, RemoteRefs, Session, StockUpdate, UploadItem } from '../types.ts';
import type { WooPayload, WooProduct, WooVariation } from './map.ts';
import { checkMediaLogin, ensureWooMedia, type ImageFailure } from './media.ts';
import { singleFlight } from '../engine/mediaLibrary.ts';
import { signUrl } from './oauth.ts';

export interface WooSettings {
  siteUrl: string;
}
export interface WooCredentials {
  consumerKey: string;
  consumerSecret: string;
  wpUsername?: string | undefined;
  wpApplicationPassword?: string | undefined;
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
  delete?: BatchEntry[];
}

export function createWooSession(settings: WooSettings, credentials: WooCredentials, http: HttpClient, media: MediaLibrary): Session<WooPayload> {
  const login = credentials.wpUsername && credentials.wpApplicationPassword ? { username: credentials.wpUsername, password: credentials.wpApplicationPassword } : null;
  const uploading = singleFlight<ImageFailure | null>();
  const attachment = (image: ImageSource): { id: number } => ({ id: Number(media.known(image.sha256) ?? 0) });
  /** The product as sent: its gallery by attachment id (always sent, so an image removed in Kontor leaves the shop too). */
  const productOf = (item: UploadItem<WooPayload>): WooProduct => ({ ...item.payload.product, images: item.payload.images.map(attachment) });
  const variationOf = (item: UploadItem<WooPayload>, v: WooVariation): WooVariation => {
    const image = item.payload.variationImages[v.sku];
    return image ? { ...v, image: attachment(image) } : v;
  };
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
      ...(creates.length ? { create: creates.map(productOf) } : {}),
      ...(updates.length ? { update: updates.map((u) => ({ id: u.id, ...productOf(u.item) })) } : {}),
    };
    const reply = await request<BatchReply>('POST', '/products/batch', body, signal);
    const results = new Map<string, { id: number } | { error: WooError }>();
    creates.forEach((c, i) => results.set(c.sku, entryResult(reply.create?.[i])));
    updates.forEach((u, i) => results.set(u.item.sku, entryResult(reply.update?.[i])));
    return results;
  };

  const syncVariations = async (productId: number, item: UploadItem<WooPayload>, signal: AbortSignal): Promise<ItemOutcome> => {
    const variations = (item.payload.variations ?? []).map((v) => variationOf(item, v));
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
      if (login) await checkMediaLogin(settings.siteUrl, login, http, signal);
      return { shopName: new URL(settings.siteUrl).host, details: { api: 'wc/v3', auth: secure ? 'basic' : 'oauth1', media: login ? 'application password' : 'none' } };
    },

    async upload(all, signal) {
      const outcomes = new Map<string, ItemOutcome>();
      const productIds = new Map<string, number>();
      const imagesOf = (item: UploadItem<WooPayload>): ImageSource[] => [...item.payload.images, ...Object.values(item.payload.variationImages)];
      const failedImages = await ensureWooMedia(settings.siteUrl, login, http, media, all.flatMap(imagesOf), signal, uploading);
      const items: UploadItem<WooPayload>[] = [];
      for (const item of all) {
        const failed = imagesOf(item).find((image) => failedImages.has(image.sha256));
        if (!failed) {
          items.push(item);
          continue;
        }
        const why = failedImages.get(failed.sha256) as { code: string; message: string };
        const owner = Object.entries(item.payload.variationImages).find(([, image]) => image.sha256 === failed.sha256)?.[0];
        const which = owner ? `the image of variation ${owner}` : `image ${failed.position}`;
        outcomes.set(item.sku, { sku: item.sku, status: 'failed', code: why.code, message: `${which} (${failed.fileName}) was not accepted: ${why.message}` });
      }
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
          // An attachment deleted in WordPress since Kontor uploaded it: forget the item's images and send again, uploading them anew.
          if (error.code === 'woocommerce_product_invalid_image_id') {
            for (const image of imagesOf(item)) media.forget(image.sha256);
            outcomes.set(item.sku, { sku: item.sku, status: 'retry', code: error.code, message: error.message });
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
      return all.map((i) => outcomes.get(i.sku) ?? { sku: i.sku, status: 'retry', code: 'kontor.noAnswer', message: 'No answer for this product.' });
    },

    async priceSync(updates, signal) {
      const outcomes: ItemOutcome[] = [];
      const isSimple = (u: (typeof updates)[number]): boolean => Object.keys(u.prices).length === 1 && u.prices[u.sku] !== undefined && u.remote.variants[u.sku]?.id === u.remote.productId;
      const simple = updates.filter(isSimple);
      if (simple.length > 0) {
        const reply = await request<BatchReply>('POST', '/products/batch', { update: simple.map((u) => ({ id: Number(u.remote.productId), regular_price: formatAmount(u.prices[u.sku] ?? 0, u.currency) })) }, signal);
        simple.forEach((u, i) => {
          const result = entryResult(reply.update?.[i]);
          outcomes.push('id' in result ? { sku: u.sku, status: 'succeeded', remote: u.remote } : itemError(u.sku, result.error));
        });
      }
      await Promise.all(
        updates
          .filter((u) => !isSimple(u))
          .map(async (u) => {
            const lines = Object.entries(u.prices).map(([sku, minor]) => ({ id: Number(u.remote.variants[sku]?.id ?? 0), regular_price: formatAmount(minor, u.currency) }));
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

    async remove(items, signal) {
      if (items.length === 0) return [];
      // Batch deletes are forced (WC_REST_Controller::batch_items): the product and its variations are gone, not in the trash.
      const reply = await request<BatchReply>('POST', '/products/batch', { delete: items.map((i) => Number(i.remote.productId)) }, signal);
      return items.map((item, i): ItemOutcome => {
        const result = entryResult(reply.delete?.[i]);
        if ('id' in result) return { sku: item.sku, status: 'succeeded', remote: item.remote };
        // Already deleted in the shop: what was asked for is true.
        if (result.error.code === 'woocommerce_rest_product_invalid_id' || result.error.code === 'woocommerce_rest_invalid_id') return { sku: item.sku, status: 'succeeded', remote: item.remote };
        return itemError(item.sku, result.error);
      });
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
