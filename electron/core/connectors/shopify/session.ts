import { RemoteCallError, kindOfStatus, retryAfterMs, type HttpClient, type HttpReply } from '../engine/http.ts';
import type { BucketStatus } from '../engine/pacing.ts';
import { formatAmount } from '../../../../shared/money.ts';
import { realClock } from '../engine/pacing.ts';
import type { ItemOutcome, MediaLibrary, RemoteRefs, Session, StockUpdate, UploadItem } from '../types.ts';
import type { ShopifyPayload } from './map.ts';
import { ensureShopifyMedia, type ImageFailure } from './media.ts';

export interface ShopifySettings {
  shopUrl: string;
  apiVersion: string;
  locationId: string | null;
}

/** Cost Shopify documents for a mutation before it has told us better; replies refine it. */
export const MUTATION_COST = 10;

interface GraphqlError {
  message: string;
  path?: (string | number)[];
  extensions?: { code?: string; [k: string]: unknown };
}

interface GraphqlReply {
  data?: Record<string, unknown> | null;
  errors?: GraphqlError[] | string;
  extensions?: { cost?: { requestedQueryCost: number; actualQueryCost: number | null; throttleStatus: BucketStatus } };
}

interface UserError {
  code: string | null;
  field: string[] | null;
  message: string;
}

const PRODUCT_FIELDS = 'product { id handle variants(first: 100) { nodes { id sku inventoryItem { id } } } } userErrors { code field message }';

export function createShopifySession(settings: ShopifySettings, accessToken: string, http: HttpClient, media: MediaLibrary): Session<ShopifyPayload> {
  const endpoint = `${settings.shopUrl.replace(/\/+$/, '')}/admin/api/${settings.apiVersion}/graphql.json`;
  let locationId = settings.locationId;
  /** What one productSet actually asked for in the last reply; starts at the documented mutation cost. */
  let costPerItem = MUTATION_COST;
  const uploading = new Map<string, Promise<ImageFailure | null>>();

  const call = async (query: string, variables: Record<string, unknown>, cost: number, signal: AbortSignal): Promise<GraphqlReply> => {
    const reply = await http.send(
      {
        method: 'POST',
        url: endpoint,
        headers: { 'content-type': 'application/json', 'x-shopify-access-token': accessToken },
        body: JSON.stringify({ query, variables }),
        cost,
      },
      signal,
    );
    try {
      return parseReply(reply);
    } finally {
      reply.permit.release();
    }
  };

  const ensureLocation = async (signal: AbortSignal): Promise<string> => {
    if (locationId) return locationId;
    const reply = await call('query KontorLocations { locations(first: 1) { nodes { id name } } }', {}, 3, signal);
    const nodes = ((reply.data?.locations as { nodes?: { id: string }[] } | undefined)?.nodes ?? []);
    const first = nodes[0];
    if (!first) throw new RemoteCallError('rejected', 'NO_LOCATION', 'The shop has no location to hold stock; add one in Shopify (Settings → Locations).');
    locationId = first.id;
    return first.id;
  };

  return {
    estimateCost: (items) => Math.ceil(items * costPerItem),

    async testConnection() {
      const signal = AbortSignal.timeout(30_000);
      const reply = await call('query KontorShop { shop { name myshopifyDomain } }', {}, 1, signal);
      const shop = reply.data?.shop as { name?: string; myshopifyDomain?: string } | undefined;
      const location = await ensureLocation(signal);
      return { shopName: shop?.name ?? '', details: { domain: shop?.myshopifyDomain ?? '', locationId: location } };
    },

    async upload(items, signal) {
      const location = await ensureLocation(signal);
      const failedImages = await ensureShopifyMedia(call, http, media, items.flatMap((i) => i.payload.images), signal, (ms) => realClock.sleep(ms, signal), uploading);
      const outcomes = new Map<string, ItemOutcome>();
      const ready: UploadItem<ShopifyPayload>[] = [];
      for (const item of items) {
        const failed = item.payload.images.find((image) => failedImages.has(image.sha256));
        if (!failed) {
          ready.push(item);
          continue;
        }
        const why = failedImages.get(failed.sha256) as { code: string; message: string };
        const owner = Object.entries(item.payload.variantImages).find(([, sha]) => sha === failed.sha256)?.[0];
        const which = owner ? `the image of variant ${owner}` : `image ${failed.position}`;
        outcomes.set(item.sku, { sku: item.sku, status: 'failed', code: why.code, message: `${which} (${failed.fileName}) was not accepted: ${why.message}` });
      }
      if (ready.length > 0) {
        const declarations: string[] = [];
        const fields: string[] = [];
        const variables: Record<string, unknown> = {};
        ready.forEach((item, i) => {
          declarations.push(`$input${i}: ProductSetInput!`, `$identifier${i}: ProductSetIdentifiers`);
          fields.push(`p${i}: productSet(input: $input${i}, identifier: $identifier${i}, synchronous: true) { ${PRODUCT_FIELDS} }`);
          variables[`input${i}`] = productSetInput(item, location, media);
          variables[`identifier${i}`] = item.payload.identifier;
        });
        const query = `mutation KontorProductSet(${declarations.join(', ')}) { ${fields.join(' ')} }`;
        const reply = await call(query, variables, Math.ceil(ready.length * costPerItem), signal);
        const requested = reply.extensions?.cost?.requestedQueryCost;
        if (typeof requested === 'number' && ready.length > 0) costPerItem = requested / ready.length;
        ready.forEach((item, i) => {
          const outcome = productSetOutcome(item, reply, `p${i}`);
          // A file deleted in the shop since Kontor uploaded it: forget the item's files and send again, uploading them anew.
          if (outcome.status === 'failed' && outcome.code === 'FILE_DOES_NOT_EXIST') {
            for (const image of item.payload.images) media.forget(image.sha256);
            outcomes.set(item.sku, { sku: item.sku, status: 'retry', code: outcome.code, message: outcome.message });
          } else outcomes.set(item.sku, outcome);
        });
      }
      return items.map((item) => outcomes.get(item.sku) as ItemOutcome);
    },

    async priceSync(updates, signal) {
      const declarations: string[] = [];
      const fields: string[] = [];
      const variables: Record<string, unknown> = {};
      const outcomes: ItemOutcome[] = [];
      const sent: typeof updates = [];
      for (const update of updates) {
        const missing = Object.keys(update.prices).filter((sku) => !update.remote.variants[sku]?.id);
        if (missing.length > 0) {
          outcomes.push({ sku: update.sku, status: 'failed', code: 'kontor.notListed', message: `Variant(s) ${missing.join(', ')} are not on Shopify yet; upload the product again.` });
          continue;
        }
        const i = sent.length;
        sent.push(update);
        declarations.push(`$product${i}: ID!`, `$variants${i}: [ProductVariantsBulkInput!]!`);
        fields.push(`v${i}: productVariantsBulkUpdate(productId: $product${i}, variants: $variants${i}) { productVariants { id sku price } userErrors { code field message } }`);
        variables[`product${i}`] = update.remote.productId;
        variables[`variants${i}`] = Object.entries(update.prices).map(([sku, minor]) => ({ id: update.remote.variants[sku]?.id, price: formatAmount(minor, update.currency) }));
      }
      if (sent.length === 0) return outcomes;
      const reply = await call(`mutation KontorPrices(${declarations.join(', ')}) { ${fields.join(' ')} }`, variables, sent.length * MUTATION_COST, signal);
      sent.forEach((update, i) => {
        const result = reply.data?.[`v${i}`] as { userErrors: UserError[] } | null | undefined;
        const errors = Array.isArray(reply.errors) ? reply.errors.filter((e) => e.path?.[0] === `v${i}`) : [];
        if (!result || errors.length > 0) outcomes.push({ sku: update.sku, status: 'retry', code: errors[0]?.extensions?.code ?? 'NO_RESULT', message: errors[0]?.message ?? 'Shopify answered without a result for these prices.' });
        else if (result.userErrors.length > 0) outcomes.push({ sku: update.sku, status: 'failed', code: result.userErrors[0]?.code ?? 'USER_ERROR', message: result.userErrors.map((e) => e.message).join('; ') });
        else outcomes.push({ sku: update.sku, status: 'succeeded', remote: update.remote });
      });
      return outcomes;
    },

    async remove(items, signal) {
      if (items.length === 0) return [];
      const declarations = items.map((_, i) => `$input${i}: ProductDeleteInput!`);
      const fields = items.map((_, i) => `d${i}: productDelete(input: $input${i}, synchronous: true) { deletedProductId userErrors { field message } }`);
      const variables = Object.fromEntries(items.map((item, i) => [`input${i}`, { id: item.remote.productId }]));
      const reply = await call(`mutation KontorDelete(${declarations.join(', ')}) { ${fields.join(' ')} }`, variables, items.length * MUTATION_COST, signal);
      return items.map((item, i): ItemOutcome => {
        const result = reply.data?.[`d${i}`] as { deletedProductId: string | null; userErrors: UserError[] } | null | undefined;
        if (!result) return { sku: item.sku, status: 'retry', code: 'NO_RESULT', message: 'Shopify answered without a result for this deletion.' };
        // Deleted in the shop already: what was asked for is true.
        if (result.deletedProductId || (result.userErrors.length > 0 && result.userErrors.every((e) => /does not exist/i.test(e.message)))) return { sku: item.sku, status: 'succeeded', remote: item.remote };
        if (result.userErrors.length === 0) return { sku: item.sku, status: 'retry', code: 'NO_RESULT', message: 'Shopify answered neither the deleted product nor an error.' };
        return { sku: item.sku, status: 'failed', code: result.userErrors[0]?.code ?? 'USER_ERROR', message: result.userErrors.map((e) => e.message).join('; ') };
      });
    },

    async stockSync(updates, signal) {
      const location = await ensureLocation(signal);
      const quantities: { inventoryItemId: string; locationId: string; quantity: number }[] = [];
      const owner: string[] = [];
      const outcomes: ItemOutcome[] = [];
      for (const update of updates) {
        const missing = Object.keys(update.quantities).filter((sku) => !update.remote.variants[sku]?.inventoryItemId);
        if (missing.length > 0) {
          outcomes.push({ sku: update.sku, status: 'failed', code: 'kontor.notListed', message: `Variant(s) ${missing.join(', ')} are not on Shopify yet; upload the product again.` });
          continue;
        }
        for (const [sku, quantity] of Object.entries(update.quantities)) {
          quantities.push({ inventoryItemId: update.remote.variants[sku]?.inventoryItemId ?? '', locationId: location, quantity });
          owner.push(update.sku);
        }
      }
      if (quantities.length === 0) return outcomes;
      const reply = await call(
        'mutation KontorStock($input: InventorySetQuantitiesInput!) { inventorySetQuantities(input: $input) { inventoryAdjustmentGroup { id } userErrors { code field message } } }',
        { input: { name: 'available', reason: 'correction', ignoreCompareQuantity: true, quantities } },
        MUTATION_COST,
        signal,
      );
      const result = reply.data?.inventorySetQuantities as { userErrors?: UserError[] } | null | undefined;
      const failedBy = new Map<string, UserError>();
      for (const error of result?.userErrors ?? []) {
        // field: ["input", "quantities", "3", "quantity"] names the entry, hence its product.
        const index = Number(error.field?.[2]);
        const sku = Number.isInteger(index) ? owner[index] : undefined;
        if (sku) failedBy.set(sku, error);
        else for (const u of updates) failedBy.set(u.sku, error);
      }
      for (const update of updates) {
        if (outcomes.some((o) => o.sku === update.sku)) continue;
        const error = failedBy.get(update.sku);
        outcomes.push(error ? { sku: update.sku, status: 'failed', code: error.code ?? 'USER_ERROR', message: error.message } : { sku: update.sku, status: 'succeeded', remote: update.remote });
      }
      return outcomes;
    },
  };

  /** Every reply reports the bucket; the pacer learns from it before anything else happens. */
  function parseReply(reply: HttpReply): GraphqlReply {
    let body: GraphqlReply | undefined;
    try {
      body = JSON.parse(reply.text) as GraphqlReply;
    } catch {
      body = undefined;
    }
    const status = body?.extensions?.cost?.throttleStatus;
    if (status) reply.permit.observe(status);
    const errors = body?.errors;
    if (reply.status === 401 || reply.status === 403) {
      const why = typeof errors === 'string' ? errors : (errors?.[0]?.message ?? `HTTP ${reply.status}`);
      throw new RemoteCallError('auth', `HTTP_${reply.status}`, `Shopify refused the access token: ${why}`, { status: reply.status });
    }
    if (Array.isArray(errors) && errors.some((e) => e.extensions?.code === 'THROTTLED')) {
      throw new RemoteCallError('throttled', 'THROTTLED', 'Shopify answered Throttled: the cost bucket was empty.', {
        status: reply.status,
        retryAfterMs: retryAfterMs(reply.headers) ?? throttleWait(body, status),
      });
    }
    if (reply.status !== 200 || !body) {
      const kind = kindOfStatus(reply.status);
      const why = typeof errors === 'string' ? errors : (errors?.[0]?.message ?? reply.text.slice(0, 200));
      throw new RemoteCallError(kind === 'rejected' && !body ? 'server' : kind, `HTTP_${reply.status}`, `Shopify answered HTTP ${reply.status}: ${why}`, {
        status: reply.status,
        retryAfterMs: retryAfterMs(reply.headers),
      });
    }
    if (Array.isArray(errors)) {
      const whole = errors.filter((e) => !e.path || e.path.length === 0);
      if (whole.length > 0) {
        const first = whole[0] as GraphqlError;
        throw new RemoteCallError('rejected', first.extensions?.code ?? 'GRAPHQL_ERROR', `Shopify refused the request: ${whole.map((e) => e.message).join('; ')}`, { status: reply.status });
      }
    }
    return body;
  }
}

/** Seconds until the bucket holds what the request asked for, from the throttled reply itself. */
function throttleWait(body: GraphqlReply | undefined, status: BucketStatus | undefined): number | null {
  const requested = body?.extensions?.cost?.requestedQueryCost;
  if (!status || typeof requested !== 'number' || status.restoreRate <= 0) return null;
  return Math.max(0, Math.ceil(((requested - status.currentlyAvailable) / status.restoreRate) * 1000));
}

/**
 * productSet's input with what only the session knows: quantities at the shop's location, and the
 * files by the ids the shop gave them. `files` is a list field: always sent, so an image removed
 * in Kontor leaves the product too.
 */
function productSetInput(item: UploadItem<ShopifyPayload>, locationId: string, media: MediaLibrary): unknown {
  const fileOf = (sha256: string): { id: string } => ({ id: media.known(sha256) ?? '' });
  return {
    ...item.payload.input,
    files: item.payload.images.map((image) => fileOf(image.sha256)),
    variants: item.payload.input.variants.map((v) => {
      const image = item.payload.variantImages[v.sku];
      return {
        ...v,
        ...(image ? { file: fileOf(image) } : {}),
        inventoryQuantities: [{ locationId, name: 'available', quantity: item.payload.quantities[v.sku] ?? 0 }],
      };
    }),
  };
}

function productSetOutcome(item: UploadItem<ShopifyPayload>, reply: GraphqlReply, alias: string): ItemOutcome {
  const errors = Array.isArray(reply.errors) ? reply.errors.filter((e) => e.path?.[0] === alias) : [];
  const result = reply.data?.[alias] as
    | { product: { id: string; variants: { nodes: { id: string; sku: string | null; inventoryItem: { id: string } | null }[] } } | null; userErrors: UserError[] }
    | null
    | undefined;
  if (errors.length > 0 || !result) {
    const error = errors[0];
    const code = error?.extensions?.code ?? 'NO_RESULT';
    const message = error?.message ?? 'Shopify answered without a result for this product.';
    return code === 'INTERNAL_SERVER_ERROR' || code === 'NO_RESULT'
      ? { sku: item.sku, status: 'retry', code, message }
      : { sku: item.sku, status: 'failed', code, message };
  }
  if (result.userErrors.length > 0) {
    const first = result.userErrors[0] as UserError;
    const field = first.field?.length ? ` (${first.field.join('.')})` : '';
    return { sku: item.sku, status: 'failed', code: first.code ?? 'USER_ERROR', message: result.userErrors.map((e) => e.message).join('; ') + field };
  }
  if (!result.product) return { sku: item.sku, status: 'retry', code: 'NO_PRODUCT', message: 'Shopify answered without the product.' };
  const variants: RemoteRefs['variants'] = {};
  for (const node of result.product.variants.nodes) {
    if (node.sku) variants[node.sku] = { id: node.id, ...(node.inventoryItem ? { inventoryItemId: node.inventoryItem.id } : {}) };
  }
  return { sku: item.sku, status: 'succeeded', remote: { productId: result.product.id, variants } };
}

export type { StockUpdate };
