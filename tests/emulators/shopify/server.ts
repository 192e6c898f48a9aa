/**
 * A local Shopify Admin GraphQL API, as far as Kontor's connector uses it, behaving as
 * shopify.dev documents it (see /work/shared/marketplaces.md):
 * - POST /admin/api/{YYYY-MM}/graphql.json with X-Shopify-Access-Token; a wrong token is 401
 *   with Shopify's "[API] Invalid API key or access token" body;
 * - a cost bucket per store (default 1,000 points, restoring 100/s, the Standard plan); every
 *   reply carries extensions.cost; a request costing more than the bucket holds is answered with
 *   the documented THROTTLED error (HTTP 200) and does nothing; more than 1,000 points in one
 *   query is MAX_COST_EXCEEDED;
 * - productSet(input, identifier, synchronous): an upsert by identifier.handle / identifier.id
 *   (2025-04+); without an identifier it creates, and a taken handle gets a suffix, as Shopify
 *   does, so a client that forgets the identifier makes duplicates; list fields (variants) left
 *   out are deleted; userErrors { code field message };
 * - shop, locations(first), products(first, query: "sku:… | handle:…"), productByIdentifier,
 *   inventorySetQuantities, productVariantsBulkUpdate (prices only), productDelete;
 * - images as Shopify documents for local files: stagedUploadsCreate (resource IMAGE, POST) answers
 *   a signed target on this server (standing in for Shopify's storage bucket), which takes a
 *   multipart form, checks the signed policy (key, size range, type) and answers 201 with the XML
 *   a bucket answers; fileCreate with that resourceUrl as originalSource makes a MediaImage that is
 *   UPLOADED, then PROCESSING, then READY, or FAILED with fileErrors when the bytes are not an image
 *   Shopify takes (type, 20 MB, 25 megapixels: help.shopify.com "Product media types");
 *   nodes(ids) reads their status; productSet's `files` (a list field: what is left out is
 *   detached) and a variant's `file` reference them by id; a variant's file must be one of the
 *   product's files.
 * UNVERIFIED and chosen strictly: the cost of a mutation is 10 points whatever its selection
 * (Shopify documents 10 as the base cost of a mutation); query costs are 1 per object plus the
 * connection size; userError codes for blank/too long titles and bad prices; the userError
 * messages of stagedUploadsCreate and of files that do not exist (chosen: FILE_DOES_NOT_EXIST, the
 * Files API's code).
 */
import { createHmac, randomBytes } from 'node:crypto';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { NO_FAULTS, hashUnit, inspectImage, readBytes, requestFault, seeded, sendJson, type FaultCounters, type Faults } from '../faults.ts';
import { argValue, parseOperation, type RootField } from './graphqlLite.ts';

export interface ShopifyEmulatorOptions {
  port?: number;
  accessToken?: string;
  bucketSize?: number;
  restoreRate?: number;
  mutationCost?: number;
  faults?: Partial<Faults>;
  shopName?: string;
  /** How long a created file stays UPLOADED/PROCESSING before READY or FAILED. */
  fileProcessingMs?: number;
}

export interface EmulatedFile {
  id: string;
  filename: string;
  bytes: Buffer;
  status: 'READY' | 'FAILED';
  readyAt: number;
  errors: { code: string; details: string | null; message: string }[];
}

export interface EmulatedVariant {
  id: string;
  sku: string;
  price: string;
  inventoryItemId: string;
  optionValues: { optionName: string; name: string }[];
  available: number;
  /** The id of the variant's file, if any. */
  fileId: string | null;
}

export interface EmulatedProduct {
  id: string;
  handle: string;
  title: string;
  status: string;
  descriptionHtml: string;
  vendor: string | null;
  productType: string | null;
  tags: string[];
  variants: EmulatedVariant[];
  /** productSet writes after the first. */
  updatedCount: number;
  /** productVariantsBulkUpdate calls. */
  priceUpdates: number;
  /** File ids, in order: the first is the featured image. */
  media: string[];
}

export interface ShopifyCounters extends FaultCounters {
  throttled: number;
  productSetCalls: number;
  itemsWritten: number;
  unauthorized: number;
  stagedTargets: number;
  stagedUploads: number;
  filesCreated: number;
  priceUpdateCalls: number;
  deletes: number;
  /** inventorySetQuantities entries, per inventory item id: how often each variant's stock was set. */
  stockSets: Map<string, number>;
}

export interface ShopifyEmulator {
  url: string;
  port: number;
  products: Map<string, EmulatedProduct>;
  files: Map<string, EmulatedFile>;
  counters: ShopifyCounters;
  faults: Faults;
  /** Products per SKU of their variants: more than one means a duplicate. */
  productsBySku(): Map<string, string[]>;
  close(): Promise<void>;
}

const LOCATION_ID = 'gid://shopify/Location/1';
const MAX_QUERY_COST = 1000;

export async function startShopifyEmulator(options: ShopifyEmulatorOptions = {}): Promise<ShopifyEmulator> {
  const token = options.accessToken ?? 'shpat_emulator_token_0001';
  const maximum = options.bucketSize ?? 1000;
  const restoreRate = options.restoreRate ?? 100;
  const mutationCost = options.mutationCost ?? 10;
  const faults: Faults = { ...NO_FAULTS, ...options.faults };
  const random = seeded(faults.seed);
  const counters: ShopifyCounters = {
    requests: 0,
    serverErrors: 0,
    resets: 0,
    slow: 0,
    throttled: 0,
    productSetCalls: 0,
    itemsWritten: 0,
    unauthorized: 0,
    stagedTargets: 0,
    stagedUploads: 0,
    filesCreated: 0,
    priceUpdateCalls: 0,
    deletes: 0,
    stockSets: new Map(),
  };
  const products = new Map<string, EmulatedProduct>();
  const files = new Map<string, EmulatedFile>();
  /** Staged uploads by key: the size promised in stagedUploadsCreate and the bytes once posted. */
  const staged = new Map<string, { mimeType: string; maxBytes: number; bytes: Buffer | null }>();
  const bucketSecret = randomBytes(16).toString('hex');
  const processingMs = options.fileProcessingMs ?? 20;
  let baseUrl = '';
  const byHandle = new Map<string, string>();
  const inventory = new Map<string, EmulatedVariant>();
  let nextId = 1000;
  let bucket = maximum;
  let bucketAt = performance.now();
  let dead = false;
  const sockets = new Set<Socket>();

  const available = (): number => {
    const now = performance.now();
    bucket = Math.min(maximum, bucket + ((now - bucketAt) / 1000) * restoreRate);
    bucketAt = now;
    return bucket;
  };
  const costExtension = (requested: number, actual: number | null): unknown => ({
    cost: {
      requestedQueryCost: requested,
      actualQueryCost: actual,
      throttleStatus: { maximumAvailable: maximum, currentlyAvailable: Math.floor(available()), restoreRate },
    },
  });

  const costOf = (field: RootField, variables: Record<string, unknown>): number => {
    switch (field.name) {
      case 'productSet':
      case 'inventorySetQuantities':
      case 'stagedUploadsCreate':
      case 'fileCreate':
      case 'productVariantsBulkUpdate':
      case 'productDelete':
        return mutationCost;
      case 'nodes':
        return 1 + ((argValue(field.args.ids, variables) as unknown[] | undefined)?.length ?? 0);
      case 'locations':
      case 'products':
        return 2 + Number(argValue(field.args.first, variables) ?? 1);
      default:
        return 1;
    }
  };

  const die = (): void => {
    dead = true;
    for (const socket of sockets) socket.destroy();
    server.close();
  };

  const server: Server = createServer((req, res) => {
    void handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) sendJson(res, 500, { errors: [{ message: `Emulator bug: ${String(error)}` }] });
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  async function handle(req: import('node:http').IncomingMessage, res: ServerResponse): Promise<void> {
    if (dead) {
      req.socket.destroy();
      return;
    }
    counters.requests++;
    const raw = await readBytes(req);
    const body = raw.toString('utf8');
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (path === '/staged-uploads/' && req.method === 'POST') {
      await stagedPost(req.headers['content-type'] ?? '', raw, res);
      return;
    }
    const match = /^\/admin\/api\/(\d{4}-(?:01|04|07|10)|unstable)\/graphql\.json$/.exec(path);
    if (!match) {
      sendJson(res, 404, { errors: 'Not Found' });
      return;
    }
    if (req.method !== 'POST') {
      sendJson(res, 405, { errors: 'Method Not Allowed' });
      return;
    }
    if (req.headers['x-shopify-access-token'] !== token) {
      counters.unauthorized++;
      sendJson(res, 401, { errors: '[API] Invalid API key or access token (unrecognized login or wrong password)' });
      return;
    }
    if (await requestFault(faults, random, counters, req, res)) return;

    let parsedBody: { query?: unknown; variables?: unknown };
    try {
      parsedBody = JSON.parse(body) as typeof parsedBody;
    } catch {
      sendJson(res, 400, { errors: [{ message: 'Bad Request: the body is not JSON.' }] });
      return;
    }
    const variables = (parsedBody.variables ?? {}) as Record<string, unknown>;
    let operation;
    try {
      operation = parseOperation(typeof parsedBody.query === 'string' ? parsedBody.query : '');
    } catch (error) {
      sendJson(res, 200, { errors: [{ message: (error as Error).message, extensions: { code: 'GRAPHQL_PARSE_FAILED' } }] });
      return;
    }
    const requested = operation.fields.reduce((sum, f) => sum + costOf(f, variables), 0);
    if (requested > MAX_QUERY_COST) {
      sendJson(res, 200, {
        errors: [{ message: `Query cost is ${requested}, which exceeds the single query max cost limit (${MAX_QUERY_COST}).`, extensions: { code: 'MAX_COST_EXCEEDED', cost: requested, maxCost: MAX_QUERY_COST } }],
        extensions: costExtension(requested, null),
      });
      return;
    }
    if (available() < requested) {
      counters.throttled++;
      sendJson(res, 200, { errors: [{ message: 'Throttled', extensions: { code: 'THROTTLED', documentation: 'https://shopify.dev/api/usage/rate-limits' } }], extensions: costExtension(requested, null) });
      return;
    }
    bucket -= requested;

    const data: Record<string, unknown> = {};
    const errors: unknown[] = [];
    for (const field of operation.fields) {
      if (operation.type === 'mutation' && field.name === 'productSet') {
        counters.productSetCalls++;
        data[field.alias] = productSet(argValue(field.args.input, variables), argValue(field.args.identifier, variables));
        if (faults.dieAfterItems !== null && counters.itemsWritten >= faults.dieAfterItems) {
          die();
          return;
        }
      } else if (operation.type === 'mutation' && field.name === 'stagedUploadsCreate') {
        data[field.alias] = stagedUploadsCreate(argValue(field.args.input, variables));
      } else if (operation.type === 'mutation' && field.name === 'fileCreate') {
        data[field.alias] = await fileCreate(argValue(field.args.files, variables));
      } else if (operation.type === 'query' && field.name === 'nodes') {
        data[field.alias] = ((argValue(field.args.ids, variables) ?? []) as string[]).map((id) => {
          const file = files.get(id);
          return file ? fileShape(file) : null;
        });
      } else if (operation.type === 'mutation' && field.name === 'productVariantsBulkUpdate') {
        data[field.alias] = productVariantsBulkUpdate(argValue(field.args.productId, variables), argValue(field.args.variants, variables));
      } else if (operation.type === 'mutation' && field.name === 'productDelete') {
        data[field.alias] = productDelete(argValue(field.args.input, variables));
      } else if (operation.type === 'mutation' && field.name === 'inventorySetQuantities') {
        data[field.alias] = inventorySetQuantities(argValue(field.args.input, variables));
      } else if (operation.type === 'query' && field.name === 'shop') {
        data[field.alias] = { name: options.shopName ?? 'Kontor Emulator', myshopifyDomain: 'kontor-emulator.myshopify.com' };
      } else if (operation.type === 'query' && field.name === 'locations') {
        data[field.alias] = { nodes: [{ id: LOCATION_ID, name: 'Main warehouse' }] };
      } else if (operation.type === 'query' && field.name === 'products') {
        data[field.alias] = { nodes: findProducts(stringArg(argValue(field.args.query, variables)), Number(argValue(field.args.first, variables) ?? 10)).map(productShape) };
      } else if (operation.type === 'query' && field.name === 'productByIdentifier') {
        const identifier = (argValue(field.args.identifier, variables) ?? {}) as { id?: string; handle?: string };
        const id = identifier.id ?? (identifier.handle ? byHandle.get(identifier.handle) : undefined);
        const product = id ? products.get(id) : undefined;
        data[field.alias] = product ? productShape(product) : null;
      } else {
        errors.push({ message: `Field '${field.name}' doesn't exist on type '${operation.type === 'query' ? 'QueryRoot' : 'Mutation'}'`, path: [field.alias], extensions: { code: 'undefinedField' } });
      }
    }
    sendJson(res, 200, { ...(errors.length ? { errors } : {}), data, extensions: costExtension(requested, requested) });
  }

  function findProducts(query: string, first: number): EmulatedProduct[] {
    const [key, raw] = query.split(':', 2) as [string, string | undefined];
    const value = (raw ?? '').replace(/^"|"$/g, '');
    const all = [...products.values()];
    const hits = key === 'sku' ? all.filter((p) => p.variants.some((v) => v.sku === value)) : key === 'handle' ? all.filter((p) => p.handle === value) : all;
    return hits.slice(0, first);
  }

  function productShape(p: EmulatedProduct): unknown {
    return {
      id: p.id,
      handle: p.handle,
      title: p.title,
      status: p.status,
      variants: { nodes: p.variants.map((v) => ({ id: v.id, sku: v.sku, price: v.price, inventoryItem: { id: v.inventoryItemId }, inventoryQuantity: v.available })) },
    };
  }

  function userErrorResult(code: string, field: string[], message: string): unknown {
    return { product: null, productSetOperation: null, userErrors: [{ code, field, message }] };
  }

  function productSet(rawInput: unknown, rawIdentifier: unknown): unknown {
    const input = (rawInput ?? {}) as {
      id?: string;
      title?: string;
      handle?: string;
      descriptionHtml?: string;
      vendor?: string;
      productType?: string;
      tags?: string[];
      status?: string;
      productOptions?: { name: string; values: { name: string }[] }[];
      variants?: { sku?: string; price?: string; optionValues?: { optionName: string; name: string }[]; inventoryQuantities?: { locationId: string; name: string; quantity: number }[]; file?: { id?: string } }[];
      files?: { id?: string; originalSource?: string }[];
    };
    const identifier = rawIdentifier as { id?: string; handle?: string; customId?: unknown } | null | undefined;
    let existing: EmulatedProduct | undefined;
    if (identifier?.id) {
      existing = products.get(identifier.id);
      if (!existing) return userErrorResult('PRODUCT_DOES_NOT_EXIST', ['identifier', 'id'], 'Product does not exist');
    } else if (identifier?.handle) {
      const id = byHandle.get(identifier.handle);
      existing = id ? products.get(id) : undefined;
    } else if (input.id) {
      existing = products.get(input.id);
      if (!existing) return userErrorResult('PRODUCT_DOES_NOT_EXIST', ['input', 'id'], 'Product does not exist');
    }
    const title = input.title ?? existing?.title ?? '';
    if (title.trim() === '') return userErrorResult('INVALID_PRODUCT', ['input', 'title'], "Title can't be blank");
    if (title.length > 255) return userErrorResult('INVALID_PRODUCT', ['input', 'title'], 'Title is too long (maximum is 255 characters)');
    const variantsIn = input.variants ?? [];
    if (variantsIn.length > 100) return userErrorResult('VARIANTS_OVER_LIMIT', ['input', 'variants'], 'Product can have a maximum of 100 variants');
    const optionNames = new Set((input.productOptions ?? []).map((o) => o.name));
    for (const [index, v] of variantsIn.entries()) {
      if (v.price !== undefined && !/^\d+(\.\d{1,2})?$/.test(v.price)) return userErrorResult('INVALID_VARIANT', ['input', 'variants', String(index), 'price'], `Price ${JSON.stringify(v.price)} is invalid`);
      for (const ov of v.optionValues ?? []) {
        if (!optionNames.has(ov.optionName)) return userErrorResult('INVALID_VARIANT', ['input', 'variants', String(index), 'optionValues'], `Option ${ov.optionName} does not exist`);
      }
      for (const q of v.inventoryQuantities ?? []) {
        if (q.locationId !== LOCATION_ID) return userErrorResult('INVALID_INVENTORY_QUANTITIES', ['input', 'variants', String(index), 'inventoryQuantities'], 'Location does not exist');
      }
    }
    const fileIds: string[] = [];
    for (const [index, f] of (input.files ?? []).entries()) {
      if (!f.id || !files.has(f.id)) return userErrorResult('FILE_DOES_NOT_EXIST', ['input', 'files', String(index), 'id'], `File ${f.id ?? ''} does not exist`);
      fileIds.push(f.id);
    }
    for (const [index, v] of variantsIn.entries()) {
      if (v.file?.id && !fileIds.includes(v.file.id)) {
        return userErrorResult('INVALID_VARIANT', ['input', 'variants', String(index), 'file'], "A variant's file must also be one of the product's files");
      }
    }
    const handleWanted = identifier?.handle ?? input.handle ?? title.toLowerCase().replace(/[^a-z0-9]+/g, '-');
    if (hashUnit(faults.seed, handleWanted) < faults.itemErrorRate) {
      return userErrorResult('INVALID_PRODUCT', ['input'], `Product ${handleWanted} was refused by the shop (injected fault).`);
    }
    counters.itemsWritten++;
    const product: EmulatedProduct = existing ?? {
      id: `gid://shopify/Product/${nextId++}`,
      handle: uniqueHandle(handleWanted),
      title,
      status: 'DRAFT',
      descriptionHtml: '',
      vendor: null,
      productType: null,
      tags: [],
      variants: [],
      updatedCount: 0,
      priceUpdates: 0,
      media: [],
    };
    if (existing) product.updatedCount++;
    if (input.files) product.media = fileIds;
    product.title = title;
    if (input.status) product.status = input.status;
    if (input.descriptionHtml !== undefined) product.descriptionHtml = input.descriptionHtml;
    if (input.vendor !== undefined) product.vendor = input.vendor;
    if (input.productType !== undefined) product.productType = input.productType;
    if (input.tags) product.tags = input.tags;
    if (input.variants) {
      // A list field: what is left out is deleted; variants are matched by SKU so their ids survive an update.
      const old = new Map(product.variants.map((v) => [v.sku, v]));
      for (const v of product.variants) inventory.delete(v.inventoryItemId);
      product.variants = input.variants.map((v) => {
        const before = old.get(v.sku ?? '');
        const variant: EmulatedVariant = {
          id: before?.id ?? `gid://shopify/ProductVariant/${nextId++}`,
          sku: v.sku ?? '',
          price: v.price ?? before?.price ?? '0.00',
          inventoryItemId: before?.inventoryItemId ?? `gid://shopify/InventoryItem/${nextId++}`,
          optionValues: v.optionValues ?? [],
          available: v.inventoryQuantities?.find((q) => q.name === 'available')?.quantity ?? before?.available ?? 0,
          fileId: v.file?.id ?? null,
        };
        inventory.set(variant.inventoryItemId, variant);
        return variant;
      });
    }
    products.set(product.id, product);
    byHandle.set(product.handle, product.id);
    return { product: productShape(product), productSetOperation: null, userErrors: [] };
  }

  function uniqueHandle(wanted: string): string {
    if (!byHandle.has(wanted)) return wanted;
    for (let n = 1; ; n++) if (!byHandle.has(`${wanted}-${n}`)) return `${wanted}-${n}`;
  }

  function inventorySetQuantities(rawInput: unknown): unknown {
    const input = (rawInput ?? {}) as { name?: string; quantities?: { inventoryItemId: string; locationId: string; quantity: number }[] };
    if (input.name !== 'available' && input.name !== 'on_hand') {
      return { inventoryAdjustmentGroup: null, userErrors: [{ code: 'INVALID_NAME', field: ['input', 'name'], message: 'The quantity name must be available or on_hand.' }] };
    }
    const quantities = input.quantities ?? [];
    if (quantities.length > 250) return { inventoryAdjustmentGroup: null, userErrors: [{ code: 'INVALID_INPUT', field: ['input', 'quantities'], message: 'At most 250 quantities.' }] };
    const userErrors: unknown[] = [];
    quantities.forEach((q, i) => {
      if (!inventory.has(q.inventoryItemId)) userErrors.push({ code: 'INVALID_INVENTORY_ITEM', field: ['input', 'quantities', String(i), 'inventoryItemId'], message: 'The specified inventory item could not be found.' });
      else if (q.locationId !== LOCATION_ID) userErrors.push({ code: 'INVALID_LOCATION', field: ['input', 'quantities', String(i), 'locationId'], message: 'The specified location could not be found.' });
    });
    if (userErrors.length > 0) return { inventoryAdjustmentGroup: null, userErrors };
    for (const q of quantities) {
      (inventory.get(q.inventoryItemId) as EmulatedVariant).available = q.quantity;
      counters.stockSets.set(q.inventoryItemId, (counters.stockSets.get(q.inventoryItemId) ?? 0) + 1);
    }
    return { inventoryAdjustmentGroup: { id: `gid://shopify/InventoryAdjustmentGroup/${nextId++}` }, userErrors: [] };
  }

  const IMAGE_MAX_BYTES = 20 * 1024 * 1024;
  const IMAGE_MAX_PIXELS = 25_000_000;
  const IMAGE_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'image/gif'];

  /** The policy a bucket checks: base64 JSON, signed with a secret only the "bucket" knows. */
  function sign(policy: string): string {
    return createHmac('sha256', bucketSecret).update(policy).digest('hex');
  }

  function stagedUploadsCreate(rawInput: unknown): unknown {
    const inputs = (Array.isArray(rawInput) ? rawInput : []) as { resource?: string; filename?: string; mimeType?: string; httpMethod?: string; fileSize?: string }[];
    const userErrors: unknown[] = [];
    const stagedTargets: unknown[] = [];
    inputs.forEach((input, i) => {
      const size = Number(input.fileSize ?? NaN);
      if (input.resource !== 'IMAGE' && input.resource !== 'FILE' && input.resource !== 'PRODUCT_IMAGE') {
        userErrors.push({ field: ['input', String(i), 'resource'], message: `Resource ${String(input.resource)} is not supported by this emulator` });
      } else if (!input.filename) userErrors.push({ field: ['input', String(i), 'filename'], message: "Filename can't be blank" });
      else if (!IMAGE_TYPES.includes(input.mimeType ?? '')) userErrors.push({ field: ['input', String(i), 'mimeType'], message: `Mime type ${String(input.mimeType)} is not a valid image type` });
      else if (!Number.isFinite(size) || size <= 0 || size > IMAGE_MAX_BYTES) userErrors.push({ field: ['input', String(i), 'fileSize'], message: `File size must be between 1 byte and 20 MB (got ${String(input.fileSize)})` });
      if (userErrors.length > 0) {
        stagedTargets.push(null);
        return;
      }
      counters.stagedTargets++;
      const key = `tmp/kontor-emulator/files/${randomBytes(8).toString('hex')}/${input.filename ?? 'file'}`;
      staged.set(key, { mimeType: input.mimeType ?? '', maxBytes: size, bytes: null });
      const policy = Buffer.from(JSON.stringify({ expiration: new Date(Date.now() + 3_600_000).toISOString(), conditions: [{ key }, ['content-length-range', 0, size]] })).toString('base64');
      stagedTargets.push({
        url: `${baseUrl}/staged-uploads/`,
        resourceUrl: `${baseUrl}/staged-uploads/${key}`,
        parameters: [
          { name: 'Content-Type', value: input.mimeType },
          { name: 'success_action_status', value: '201' },
          { name: 'acl', value: 'private' },
          { name: 'key', value: key },
          { name: 'policy', value: policy },
          { name: 'x-goog-signature', value: sign(policy) },
        ],
      });
    });
    return { stagedTargets: userErrors.length > 0 ? null : stagedTargets, userErrors };
  }

  /** The storage bucket's side of a staged upload: a multipart POST whose policy must hold. */
  async function stagedPost(contentType: string, raw: Buffer, res: ServerResponse): Promise<void> {
    const bucketError = (status: number, code: string, message: string): void => {
      res.writeHead(status, { 'content-type': 'application/xml; charset=UTF-8' });
      res.end(`<?xml version='1.0' encoding='UTF-8'?><Error><Code>${code}</Code><Message>${message}</Message></Error>`);
    };
    let form: FormData;
    try {
      form = await new Request('http://bucket/', { method: 'POST', headers: { 'content-type': contentType }, body: new Uint8Array(raw) }).formData();
    } catch {
      bucketError(400, 'InvalidArgument', 'The request body is not a multipart form.');
      return;
    }
    const field = (name: string): string => {
      const value = form.get(name);
      return typeof value === 'string' ? value : '';
    };
    const policy = field('policy');
    const key = field('key');
    const file = form.get('file');
    if (!policy || field('x-goog-signature') !== sign(policy)) {
      bucketError(403, 'AccessDenied', 'Invalid argument: the signature does not match the policy.');
      return;
    }
    const target = staged.get(key);
    const conditions = (JSON.parse(Buffer.from(policy, 'base64').toString('utf8')) as { conditions: unknown[] }).conditions;
    if (!target || !conditions.some((c) => typeof c === 'object' && c !== null && (c as { key?: string }).key === key)) {
      bucketError(403, 'AccessDenied', 'Invalid argument: the key does not match the policy.');
      return;
    }
    if (!(file instanceof Blob)) {
      bucketError(400, 'InvalidArgument', 'No file field in the form.');
      return;
    }
    if (field('Content-Type') !== target.mimeType) {
      bucketError(403, 'AccessDenied', 'Invalid argument: Content-Type does not match the policy.');
      return;
    }
    if (file.size > target.maxBytes) {
      bucketError(400, 'EntityTooLarge', `Your proposed upload is larger than the maximum object size specified in your Policy Document (${target.maxBytes} bytes).`);
      return;
    }
    target.bytes = Buffer.from(await file.arrayBuffer());
    counters.stagedUploads++;
    res.writeHead(201, { 'content-type': 'application/xml; charset=UTF-8' });
    res.end(`<?xml version='1.0' encoding='UTF-8'?><PostResponse><Location>${baseUrl}/staged-uploads/${key}</Location><Bucket>kontor-emulator</Bucket><Key>${key}</Key></PostResponse>`);
  }

  async function fileCreate(rawFiles: unknown): Promise<unknown> {
    const inputs = (Array.isArray(rawFiles) ? rawFiles : []) as { originalSource?: string; contentType?: string; filename?: string }[];
    const out: unknown[] = [];
    const userErrors: unknown[] = [];
    for (const [i, input] of inputs.entries()) {
      if (!input.originalSource) {
        userErrors.push({ code: 'REQUIRED', field: ['files', String(i), 'originalSource'], message: "Original source can't be blank" });
        continue;
      }
      const key = input.originalSource.startsWith(`${baseUrl}/staged-uploads/`) ? input.originalSource.slice(`${baseUrl}/staged-uploads/`.length) : null;
      const bytes = key ? (staged.get(key)?.bytes ?? null) : null;
      const id = `gid://shopify/MediaImage/${nextId++}`;
      const errors: EmulatedFile['errors'] = [];
      if (!bytes) errors.push({ code: 'IMAGE_DOWNLOAD_FAILURE', details: null, message: 'Image could not be processed because the image could not be downloaded.' });
      else {
        const image = await inspectImage(bytes);
        if (!image || !['jpeg', 'png', 'webp', 'gif'].includes(image.format)) errors.push({ code: 'UNSUPPORTED_IMAGE_FILE_TYPE', details: null, message: 'Image could not be processed because the file type is not supported.' });
        else if (bytes.length > IMAGE_MAX_BYTES) errors.push({ code: 'INVALID_IMAGE_FILE_SIZE', details: null, message: 'Image could not be processed because the file size is too large.' });
        else if (image.width * image.height > IMAGE_MAX_PIXELS) errors.push({ code: 'INVALID_IMAGE_RESOLUTION', details: `${image.width}x${image.height}`, message: 'Image could not be processed because the image resolution is too large.' });
      }
      const file: EmulatedFile = { id, filename: input.filename ?? key?.split('/').pop() ?? 'file', bytes: bytes ?? Buffer.alloc(0), status: errors.length ? 'FAILED' : 'READY', readyAt: performance.now() + processingMs, errors };
      files.set(id, file);
      counters.filesCreated++;
      out.push({ id, fileStatus: 'UPLOADED' });
    }
    return { files: userErrors.length > 0 ? null : out, userErrors };
  }

  function fileShape(file: EmulatedFile): unknown {
    const done = performance.now() >= file.readyAt;
    return { id: file.id, fileStatus: done ? file.status : 'PROCESSING', fileErrors: done ? file.errors : [] };
  }

  function productVariantsBulkUpdate(rawProductId: unknown, rawVariants: unknown): unknown {
    counters.priceUpdateCalls++;
    const product = typeof rawProductId === 'string' ? products.get(rawProductId) : undefined;
    if (!product) return { product: null, productVariants: null, userErrors: [{ code: 'PRODUCT_DOES_NOT_EXIST', field: ['productId'], message: 'Product does not exist' }] };
    const variants = (Array.isArray(rawVariants) ? rawVariants : []) as { id?: string; price?: string }[];
    for (const [index, v] of variants.entries()) {
      if (!product.variants.some((pv) => pv.id === v.id)) return { product: null, productVariants: null, userErrors: [{ code: 'PRODUCT_VARIANT_DOES_NOT_EXIST', field: ['variants', String(index), 'id'], message: 'Product variant does not exist' }] };
      if (v.price !== undefined && !/^\d+(\.\d{1,2})?$/.test(v.price)) return { product: null, productVariants: null, userErrors: [{ code: 'INVALID_INPUT', field: ['variants', String(index), 'price'], message: `Price ${JSON.stringify(v.price)} is invalid` }] };
    }
    for (const v of variants) {
      const target = product.variants.find((pv) => pv.id === v.id) as EmulatedVariant;
      if (v.price !== undefined) target.price = v.price;
    }
    product.priceUpdates++;
    return { product: { id: product.id }, productVariants: product.variants.map((v) => ({ id: v.id, sku: v.sku, price: v.price })), userErrors: [] };
  }

  function productDelete(rawInput: unknown): unknown {
    const id = (rawInput as { id?: string } | undefined)?.id;
    const product = id ? products.get(id) : undefined;
    if (!product) return { deletedProductId: null, userErrors: [{ field: ['id'], message: 'Product does not exist' }] };
    for (const v of product.variants) inventory.delete(v.inventoryItemId);
    products.delete(product.id);
    byHandle.delete(product.handle);
    counters.deletes++;
    return { deletedProductId: product.id, userErrors: [] };
  }

  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  baseUrl = `http://127.0.0.1:${port}`;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    products,
    files,
    counters,
    faults,
    productsBySku() {
      const out = new Map<string, string[]>();
      for (const p of products.values()) for (const v of p.variants) out.set(v.sku, [...(out.get(v.sku) ?? []), p.id]);
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

function stringArg(value: unknown): string {
  return typeof value === 'string' ? value : '';
}
