/**
 * A local WooCommerce REST API v3, as far as Kontor's connector uses it, behaving as WooCommerce's
 * own code and docs describe it (see /work/shared/marketplaces.md):
 * - plain HTTP with one-legged OAuth 1.0a (HMAC-SHA1 or HMAC-SHA256) checked like
 *   class-wc-rest-authentication.php: unknown key, bad signature, timestamp outside ±15 min and a
 *   reused nonce are 401 woocommerce_rest_authentication_error;
 * - GET /products?sku=a,b&per_page=n; POST /products/batch and /products/{id}/variations/batch
 *   with {create, update, delete}, at most 100 items in total (else 413
 *   woocommerce_rest_request_entity_too_large); per-item errors in place:
 *   {"id":0,"error":{code,message,data}}; a taken SKU is product_invalid_sku "Invalid or
 *   duplicated SKU." with data.resource_id; invalid fields are rest_invalid_param.
 * - product images by attachment id (`images: [{id}]`, a variation's `image: {id}`): an id that is
 *   no attachment is woocommerce_product_invalid_image_id "#N is an invalid image ID.";
 *   batch `delete` removes products for good (batch deletes are forced), a variable one with its
 *   variations;
 * - the WordPress media endpoint, POST /wp-json/wp/v2/media, as WP_REST_Attachments_Controller
 *   takes raw bytes: Basic auth with a user's application password (the WooCommerce keys do not
 *   reach wp/v2: 401 otherwise), Content-Type and Content-Disposition required
 *   (rest_upload_no_content_type, rest_upload_no_content_disposition), no body is
 *   rest_upload_no_data; a file that is not an image WordPress allows is 500
 *   rest_upload_sideload_error "Sorry, you are not allowed to upload this file type."; over
 *   `maxUploadBytes` (the host's limit: UNVERIFIED per host, default 10 MB) is 400
 *   rest_upload_file_too_big; 201 with the attachment;
 * - PHP workers: at most `workers` requests are served at once, the rest wait (as behind
 *   PHP-FPM), each taking `requestMs` plus `itemMs` per item, the host speed a benchmark measures
 *   against. WooCommerce core has no rate limit.
 */
import { createHmac } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { NO_FAULTS, hashUnit, inspectImage, readBytes, requestFault, seeded, sendJson, type FaultCounters, type Faults } from '../faults.ts';

export interface WooEmulatorOptions {
  port?: number;
  consumerKey?: string;
  consumerSecret?: string;
  workers?: number;
  requestMs?: number;
  itemMs?: number;
  faults?: Partial<Faults>;
  wpUsername?: string;
  wpApplicationPassword?: string;
  maxUploadBytes?: number;
}

export interface WooAttachment {
  id: number;
  fileName: string;
  mimeType: string;
  bytes: number;
}

export interface WooProductState {
  id: number;
  parentId: number;
  type: 'simple' | 'variable' | 'variation';
  sku: string;
  name: string;
  status: string;
  regularPrice: string;
  stockQuantity: number | null;
  attributes: unknown[];
  updatedCount: number;
  /** Attachment ids, the first the featured image; a variation's own image alone. */
  imageIds: number[];
  /** The fields of the last update, without its id: what a price-only sync touched. */
  lastUpdateFields: string[];
}

export interface WooCounters extends FaultCounters {
  batches: number;
  itemsWritten: number;
  unauthorized: number;
  tooLarge: number;
  maxConcurrent: number;
  mediaUploads: number;
  deletes: number;
}

export interface WooEmulator {
  url: string;
  port: number;
  consumerKey: string;
  consumerSecret: string;
  wpUsername: string;
  wpApplicationPassword: string;
  products: Map<number, WooProductState>;
  attachments: Map<number, WooAttachment>;
  counters: WooCounters;
  faults: Faults;
  /** Minimum server time the work so far needed: busy time divided by workers. */
  busyMs(): number;
  /** Since the first request: worker-milliseconds idle, and the service time timers actually took. */
  usage(): { idleWorkerMs: number; servedMs: number };
  productsBySku(): Map<string, number[]>;
  close(): Promise<void>;
}

export const BATCH_LIMIT = 100;
const NONCE_WINDOW_S = 15 * 60;

export async function startWooEmulator(options: WooEmulatorOptions = {}): Promise<WooEmulator> {
  const consumerKey = options.consumerKey ?? 'ck_0123456789abcdef0123456789abcdef01234567';
  const consumerSecret = options.consumerSecret ?? 'cs_0123456789abcdef0123456789abcdef01234567';
  const workers = options.workers ?? 4;
  const requestMs = options.requestMs ?? 0;
  const itemMs = options.itemMs ?? 0;
  const faults: Faults = { ...NO_FAULTS, ...options.faults };
  const random = seeded(faults.seed);
  const counters: WooCounters = { requests: 0, serverErrors: 0, resets: 0, slow: 0, batches: 0, itemsWritten: 0, unauthorized: 0, tooLarge: 0, maxConcurrent: 0, mediaUploads: 0, deletes: 0 };
  const products = new Map<number, WooProductState>();
  const attachments = new Map<number, WooAttachment>();
  const wpUsername = options.wpUsername ?? 'kontor';
  const wpApplicationPassword = options.wpApplicationPassword ?? 'abcd EFGH 1234 ijkl MNOP 5678';
  const maxUploadBytes = options.maxUploadBytes ?? 10 * 1024 * 1024;
  const bySku = new Map<string, number>();
  const nonces = new Map<string, number>();
  let nextId = 100;
  let dead = false;
  let busyTotalMs = 0;
  let serving = 0;
  const waiting: (() => void)[] = [];
  const sockets = new Set<Socket>();

  const die = (): void => {
    dead = true;
    for (const socket of sockets) socket.destroy();
    server.close();
  };

  const server: Server = createServer((req, res) => {
    void handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) sendJson(res, 500, { code: 'internal_server_error', message: `Emulator bug: ${String(error)}`, data: { status: 500 } });
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  /** A PHP worker for the length of one request. */
  /** Worker-milliseconds spent idle, and actual (timer) service time: where a client loses time. */
  const usage = { idleWorkerMs: 0, servedMs: 0, since: performance.now(), startedAt: null as number | null };
  const account = (): void => {
    const now = performance.now();
    if (usage.startedAt !== null) usage.idleWorkerMs += (workers - serving) * (now - usage.since);
    usage.since = now;
  };
  async function worker<T>(items: number, fn: () => T): Promise<T> {
    if (serving >= workers) await new Promise<void>((resolve) => waiting.push(resolve));
    account();
    usage.startedAt ??= performance.now();
    serving++;
    counters.maxConcurrent = Math.max(counters.maxConcurrent, serving);
    const cost = requestMs + itemMs * items;
    const began = performance.now();
    try {
      if (cost > 0) await new Promise((r) => setTimeout(r, cost));
      busyTotalMs += cost;
      return fn();
    } finally {
      usage.servedMs += performance.now() - began;
      account();
      serving--;
      waiting.shift()?.();
    }
  }

  const authError = (res: ServerResponse, message: string): void => {
    counters.unauthorized++;
    sendJson(res, 401, { code: 'woocommerce_rest_authentication_error', message, data: { status: 401 } });
  };

  /** The checks of WC_REST_Authentication::perform_oauth_authentication, in its order. */
  function checkOAuth(req: IncomingMessage, url: URL): string | null {
    const params: Record<string, string> = {};
    for (const [k, v] of url.searchParams) params[k] = v;
    const required = ['oauth_consumer_key', 'oauth_timestamp', 'oauth_nonce', 'oauth_signature', 'oauth_signature_method'];
    const missing = required.filter((k) => !params[k]);
    if (missing.length > 0) return `Missing OAuth parameter(s) ${missing.join(', ')}`;
    if (params.oauth_consumer_key !== consumerKey) return 'Consumer key is invalid.';
    const method = params.oauth_signature_method as string;
    if (method !== 'HMAC-SHA1' && method !== 'HMAC-SHA256') return 'Invalid signature - signature method is invalid.';
    const base = `${req.method ?? 'GET'}&${enc(`http://${req.headers.host ?? ''}${url.pathname}`)}&${enc(
      Object.entries(params)
        .filter(([k]) => k !== 'oauth_signature')
        .map(([k, v]) => [enc(k), enc(v)] as const)
        .sort(([a, av], [b, bv]) => (a < b ? -1 : a > b ? 1 : av < bv ? -1 : av > bv ? 1 : 0))
        .map(([k, v]) => `${k}=${v}`)
        .join('&'),
    )}`;
    const expected = createHmac(method === 'HMAC-SHA1' ? 'sha1' : 'sha256', `${consumerSecret}&`).update(base).digest('base64');
    if (expected !== params.oauth_signature) return 'Invalid signature - provided signature does not match.';
    const timestamp = Number(params.oauth_timestamp);
    const now = Math.floor(Date.now() / 1000);
    if (!Number.isFinite(timestamp) || Math.abs(now - timestamp) > NONCE_WINDOW_S) return 'Invalid timestamp.';
    for (const [nonce, at] of nonces) if (at < now - NONCE_WINDOW_S) nonces.delete(nonce);
    const nonce = params.oauth_nonce as string;
    if (nonces.has(nonce)) return 'Invalid nonce - nonce has already been used.';
    nonces.set(nonce, timestamp);
    return null;
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (dead) {
      req.socket.destroy();
      return;
    }
    counters.requests++;
    const raw = await readBytes(req);
    const bodyText = raw.toString('utf8');
    const url = new URL(req.url ?? '/', `http://${req.headers.host ?? 'localhost'}`);
    if (url.pathname === '/wp-json/wp/v2/media' && req.method === 'POST') {
      await mediaUpload(req, raw, res);
      return;
    }
    if (url.pathname === '/wp-json/wp/v2/users/me' && req.method === 'GET') {
      if (wpLogin(req, res)) sendJson(res, 200, { id: 1, name: wpUsername, slug: wpUsername });
      return;
    }
    const route = url.pathname.replace(/^\/wp-json\/wc\/v3/, '');
    if (route === url.pathname) {
      sendJson(res, 404, { code: 'rest_no_route', message: 'No route was found matching the URL and request method.', data: { status: 404 } });
      return;
    }
    const authProblem = checkOAuth(req, url);
    if (authProblem) {
      authError(res, authProblem);
      return;
    }
    if (await requestFault(faults, random, counters, req, res)) return;
    let body: Record<string, unknown> = {};
    if (bodyText) {
      try {
        body = JSON.parse(bodyText) as Record<string, unknown>;
      } catch {
        sendJson(res, 400, { code: 'rest_invalid_json', message: 'Invalid JSON body passed.', data: { status: 400 } });
        return;
      }
    }

    if (req.method === 'GET' && route === '/products') {
      const skus = (url.searchParams.get('sku') ?? '').split(',').filter(Boolean);
      const perPage = Number(url.searchParams.get('per_page') ?? 10);
      const found = await worker(0, () => (skus.length ? skus.map((s) => bySku.get(s)).filter((id): id is number => id !== undefined).map((id) => products.get(id)) : [...products.values()]));
      sendJson(res, 200, found.filter((p) => p && p.type !== 'variation').slice(0, perPage).map((p) => shape(p as WooProductState)));
      return;
    }
    const batch = /^\/products(?:\/(\d+)\/variations)?\/batch$/.exec(route);
    if (req.method === 'POST' && batch) {
      const parentId = batch[1] ? Number(batch[1]) : 0;
      const create = Array.isArray(body.create) ? (body.create as Record<string, unknown>[]) : [];
      const update = Array.isArray(body.update) ? (body.update as Record<string, unknown>[]) : [];
      const del = Array.isArray(body.delete) ? (body.delete as unknown[]) : [];
      if (create.length + update.length + del.length > BATCH_LIMIT) {
        counters.tooLarge++;
        sendJson(res, 413, { code: 'woocommerce_rest_request_entity_too_large', message: `Unable to accept more than ${BATCH_LIMIT} items for this request.`, data: { status: 413 } });
        return;
      }
      if (parentId && products.get(parentId)?.type !== 'variable') {
        sendJson(res, 404, { code: 'woocommerce_rest_product_invalid_id', message: 'Invalid ID.', data: { status: 404 } });
        return;
      }
      counters.batches++;
      const result = await worker(create.length + update.length, () => {
        const out = { create: [] as unknown[], update: [] as unknown[], delete: [] as unknown[] };
        for (const item of create) {
          out.create.push(write(item, null, parentId));
          if (faults.dieAfterItems !== null && counters.itemsWritten >= faults.dieAfterItems) return null;
        }
        for (const item of update) {
          out.update.push(write(item, Number(item.id), parentId));
          if (faults.dieAfterItems !== null && counters.itemsWritten >= faults.dieAfterItems) return null;
        }
        for (const id of del) out.delete.push(remove(Number(id), parentId));
        return out;
      });
      if (result === null) {
        die();
        return;
      }
      sendJson(res, 200, result);
      return;
    }
    sendJson(res, 404, { code: 'rest_no_route', message: 'No route was found matching the URL and request method.', data: { status: 404 } });
  }

  const itemError = (code: string, message: string, data: Record<string, unknown>, id = 0): unknown => ({ id, error: { code, message, data: { status: 400, ...data } } });

  function write(item: Record<string, unknown>, id: number | null, parentId: number): unknown {
    const existing = id === null ? undefined : products.get(id);
    if (id !== null && (!existing || existing.parentId !== parentId)) return itemError('woocommerce_rest_product_invalid_id', 'Invalid ID.', { status: 400 }, id);
    for (const key of ['regular_price', 'sale_price']) {
      if (item[key] !== undefined && (typeof item[key] !== 'string' || !/^(\d+(\.\d+)?)?$/.test(item[key]))) {
        return itemError('rest_invalid_param', `Invalid parameter(s): ${key}`, { params: { [key]: `${key} is not of type string.` } }, id ?? 0);
      }
    }
    if (item.stock_quantity !== undefined && item.stock_quantity !== null && !Number.isInteger(item.stock_quantity)) {
      return itemError('rest_invalid_param', 'Invalid parameter(s): stock_quantity', { params: { stock_quantity: 'stock_quantity is not of type integer.' } }, id ?? 0);
    }
    const type = parentId ? 'variation' : ((item.type as string | undefined) ?? existing?.type ?? 'simple');
    if (!['simple', 'variable', 'variation'].includes(type)) return itemError('rest_invalid_param', 'Invalid parameter(s): type', { params: { type: 'type is not one of simple, grouped, external, variable.' } }, id ?? 0);
    const sku = typeof item.sku === 'string' ? item.sku : (existing?.sku ?? '');
    if (sku !== '') {
      const holder = bySku.get(sku);
      if (holder !== undefined && holder !== existing?.id) return itemError('product_invalid_sku', 'Invalid or duplicated SKU.', { resource_id: holder, unique_sku: sku }, id ?? 0);
    }
    if (hashUnit(faults.seed, sku) < faults.itemErrorRate) {
      return itemError('woocommerce_rest_product_not_created', `Product ${sku} could not be saved (injected fault).`, {}, id ?? 0);
    }
    const imageIds: number[] = [];
    if (item.images !== undefined) {
      if (!Array.isArray(item.images)) return itemError('rest_invalid_param', 'Invalid parameter(s): images', { params: { images: 'images is not of type array.' } }, id ?? 0);
      for (const image of item.images as { id?: unknown }[]) {
        if (!attachments.has(Number(image.id))) return itemError('woocommerce_product_invalid_image_id', `#${String(image.id)} is an invalid image ID.`, {}, id ?? 0);
        imageIds.push(Number(image.id));
      }
    }
    const variationImage = item.image as { id?: unknown } | undefined;
    if (variationImage !== undefined && !attachments.has(Number(variationImage.id))) {
      return itemError('woocommerce_variation_invalid_image_id', `#${String(variationImage.id)} is an invalid image ID.`, {}, id ?? 0);
    }
    counters.itemsWritten++;
    const product: WooProductState = existing ?? {
      id: nextId++,
      parentId,
      type: type as WooProductState['type'],
      sku,
      name: '',
      status: 'publish',
      regularPrice: '',
      stockQuantity: null,
      attributes: [],
      updatedCount: 0,
      imageIds: [],
      lastUpdateFields: [],
    };
    if (existing) {
      existing.updatedCount++;
      existing.lastUpdateFields = Object.keys(item).filter((k) => k !== 'id');
      if (existing.sku) bySku.delete(existing.sku);
    }
    if (item.images !== undefined) product.imageIds = imageIds;
    if (variationImage !== undefined) product.imageIds = [Number(variationImage.id)];
    product.sku = sku;
    if (typeof item.name === 'string') product.name = item.name;
    if (typeof item.status === 'string') product.status = item.status;
    if (typeof item.regular_price === 'string') product.regularPrice = item.regular_price;
    if (typeof item.stock_quantity === 'number') product.stockQuantity = item.stock_quantity;
    if (Array.isArray(item.attributes)) product.attributes = item.attributes;
    products.set(product.id, product);
    if (sku) bySku.set(sku, product.id);
    return shape(product);
  }

  /** A forced delete, as batch deletes are: a variable product takes its variations with it. */
  function remove(id: number, parentId: number): unknown {
    const product = products.get(id);
    if (!product || product.parentId !== parentId) return { id, error: { code: 'woocommerce_rest_product_invalid_id', message: 'Invalid ID.', data: { status: 404 } } };
    const shown = shape(product);
    for (const p of [product, ...[...products.values()].filter((v) => v.parentId === id)]) {
      products.delete(p.id);
      if (p.sku && bySku.get(p.sku) === p.id) bySku.delete(p.sku);
    }
    counters.deletes++;
    return shown;
  }

  /** WP_REST_Attachments_Controller::create_item with a raw body (upload_from_data), behind application-password auth. */
  /** WordPress's Basic authentication with an application password; answers false (and the 401) when refused. */
  function wpLogin(req: IncomingMessage, res: ServerResponse): boolean {
    const refuse = (code: string, message: string): false => {
      counters.unauthorized++;
      sendJson(res, 401, { code, message, data: { status: 401 } });
      return false;
    };
    const header = req.headers.authorization ?? '';
    if (!header.startsWith('Basic ')) return refuse('rest_not_logged_in', 'You are not currently logged in.');
    const [user = '', ...rest] = Buffer.from(header.slice(6), 'base64').toString('utf8').split(':');
    if (user !== wpUsername) return refuse('invalid_username', 'Unknown username. Check again or try your email address.');
    // WordPress strips the spaces it shows an application password with.
    if (rest.join(':').replaceAll(' ', '') !== wpApplicationPassword.replaceAll(' ', '')) return refuse('incorrect_password', 'The provided password is an invalid application password.');
    return true;
  }

  async function mediaUpload(req: IncomingMessage, raw: Buffer, res: ServerResponse): Promise<void> {
    const wpError = (status: number, code: string, message: string): void => sendJson(res, status, { code, message, data: { status } });
    if (!req.headers.authorization?.startsWith('Basic ')) {
      counters.unauthorized++;
      wpError(401, 'rest_cannot_create', 'Sorry, you are not allowed to create posts as this user.');
      return;
    }
    if (!wpLogin(req, res)) return;
    if (await requestFault(faults, random, counters, req, res)) return;
    if (raw.length === 0) return wpError(400, 'rest_upload_no_data', 'No data supplied.');
    if (!req.headers['content-type']) return wpError(400, 'rest_upload_no_content_type', 'No Content-Type supplied.');
    const disposition = req.headers['content-disposition'];
    if (!disposition) return wpError(400, 'rest_upload_no_content_disposition', 'No Content-Disposition supplied.');
    const fileName = /filename="?([^";]+)"?/.exec(disposition)?.[1]?.trim();
    if (!fileName) return wpError(400, 'rest_upload_invalid_disposition', 'Invalid Content-Disposition supplied. Content-Disposition needs to be formatted as `attachment; filename="image.png"` or similar.');
    if (raw.length > maxUploadBytes) return wpError(400, 'rest_upload_file_too_big', `This file is too big. Files must be less than ${Math.floor(maxUploadBytes / 1024)} KB in size.`);
    const image = await worker(1, () => inspectImage(raw));
    const allowed: Record<string, string> = { jpeg: 'image/jpeg', png: 'image/png', gif: 'image/gif', webp: 'image/webp' };
    const mimeType = image ? allowed[image.format] : undefined;
    if (!image || !mimeType) return wpError(500, 'rest_upload_sideload_error', 'Sorry, you are not allowed to upload this file type.');
    const id = nextId++;
    attachments.set(id, { id, fileName, mimeType, bytes: raw.length });
    counters.mediaUploads++;
    sendJson(res, 201, {
      id,
      type: 'attachment',
      media_type: 'image',
      mime_type: mimeType,
      source_url: `http://${req.headers.host ?? ''}/wp-content/uploads/${fileName}`,
      media_details: { width: image.width, height: image.height, file: fileName, filesize: raw.length },
    });
  }

  function shape(p: WooProductState): unknown {
    return {
      id: p.id,
      parent_id: p.parentId,
      type: p.type,
      sku: p.sku,
      name: p.name,
      status: p.status,
      regular_price: p.regularPrice,
      price: p.regularPrice,
      manage_stock: p.stockQuantity !== null,
      stock_quantity: p.stockQuantity,
      attributes: p.attributes,
      images: p.imageIds.map((id) => ({ id })),
      variations: p.type === 'variable' ? [...products.values()].filter((v) => v.parentId === p.id).map((v) => v.id) : [],
    };
  }

  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    consumerKey,
    consumerSecret,
    wpUsername,
    wpApplicationPassword,
    products,
    attachments,
    counters,
    faults,
    busyMs: () => busyTotalMs / workers,
    usage: () => {
      account();
      return { idleWorkerMs: usage.idleWorkerMs, servedMs: usage.servedMs };
    },
    productsBySku() {
      const out = new Map<string, number[]>();
      for (const p of products.values()) if (p.sku) out.set(p.sku, [...(out.get(p.sku) ?? []), p.id]);
      return out;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        if (dead) resolve();
        else server.close(() => resolve());
      }),
  };
}

function enc(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}
