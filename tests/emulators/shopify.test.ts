import { afterEach, describe, expect, it } from 'vitest';
import { startShopifyEmulator, type ShopifyEmulator } from './shopify/server.ts';

let emulator: ShopifyEmulator | undefined;
afterEach(async () => {
  await emulator?.close();
  emulator = undefined;
});

async function post(query: string, variables: Record<string, unknown> = {}, token = 'shpat_emulator_token_0001'): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${emulator?.url}/admin/api/2025-10/graphql.json`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-shopify-access-token': token },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

const SET = 'mutation($i: ProductSetInput!, $k: ProductSetIdentifiers) { productSet(input: $i, identifier: $k, synchronous: true) { product { id } userErrors { code field message } } }';
const input = { title: 'Rug', handle: 'rug', productOptions: [{ name: 'Title', values: [{ name: 'Default Title' }] }], variants: [{ sku: 'RUG', price: '10.00', optionValues: [{ optionName: 'Title', name: 'Default Title' }] }] };

describe('Shopify emulator, as documented', () => {
  it('answers a wrong token with 401 and Shopify’s message', async () => {
    emulator = await startShopifyEmulator();
    expect(await post('{ shop { name } }', {}, 'shpat_wrong')).toEqual({ status: 401, body: { errors: '[API] Invalid API key or access token (unrecognized login or wrong password)' } });
  });

  it('reports the bucket on every reply and throttles with the documented shape, doing nothing', async () => {
    emulator = await startShopifyEmulator({ bucketSize: 25, restoreRate: 1 });
    const first = await post(SET, { i: input, k: { handle: 'rug' } });
    expect(first.body.extensions).toEqual({ cost: { requestedQueryCost: 10, actualQueryCost: 10, throttleStatus: { maximumAvailable: 25, currentlyAvailable: 15, restoreRate: 1 } } });
    await post(SET, { i: input, k: { handle: 'rug' } });
    const throttled = await post(SET, { i: { ...input, title: 'Changed' }, k: { handle: 'rug' } });
    expect(throttled.status).toBe(200);
    expect(throttled.body).toMatchObject({
      errors: [{ message: 'Throttled', extensions: { code: 'THROTTLED' } }],
      extensions: { cost: { requestedQueryCost: 10, actualQueryCost: null, throttleStatus: { maximumAvailable: 25, restoreRate: 1 } } },
    });
    expect([...emulator.products.values()].map((p) => p.title)).toEqual(['Rug']);
    expect(emulator.counters.throttled).toBe(1);
  });

  it('upserts by identifier; without one a taken handle gets a suffix: a duplicate', async () => {
    emulator = await startShopifyEmulator();
    await post(SET, { i: input, k: { handle: 'rug' } });
    await post(SET, { i: { ...input, title: 'Rug v2' }, k: { handle: 'rug' } });
    expect(emulator.products.size).toBe(1);
    await post(SET, { i: input });
    expect([...emulator.products.values()].map((p) => p.handle)).toEqual(['rug', 'rug-1']);
  });

  it('refuses a query over 1,000 points and unknown fields', async () => {
    emulator = await startShopifyEmulator();
    const many = Array.from({ length: 101 }, (_, i) => `p${i}: productSet(input: $i) { product { id } }`).join(' ');
    const tooCostly = await post(`mutation($i: ProductSetInput!) { ${many} }`, { i: input });
    expect(tooCostly.body).toMatchObject({ errors: [{ extensions: { code: 'MAX_COST_EXCEEDED', cost: 1010, maxCost: 1000 } }] });
    expect(emulator.products.size).toBe(0);
    expect((await post('{ orders(first: 1) { nodes { id } } }')).body).toMatchObject({ errors: [{ extensions: { code: 'undefinedField' } }] });
  });
});
