/**
 * `npm run emulator -- shopify|woocommerce [--port 8081] [knobs]`: one emulator by hand, so the
 * app can be tried against it. Prints the account settings to enter in Marketplaces → Accounts.
 *
 * Knobs: --seed n, --item-error-rate 0.05, --5xx-rate 0.02, --reset-rate 0.02, --slow-rate 0.1,
 * --slow-ms 2000, --die-after 500; Shopify: --token, --bucket 1000, --restore 100;
 * WooCommerce: --workers 4, --request-ms 50, --item-ms 5, --max-upload-kb 10240 (the host's media size limit).
 */
import { parseArgs } from 'node:util';
import { parseFaults } from './faults.ts';
import { startShopifyEmulator } from './shopify/server.ts';
import { startWooEmulator } from './woocommerce/server.ts';

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: Object.fromEntries(
    ['port', 'seed', 'item-error-rate', '5xx-rate', 'reset-rate', 'slow-rate', 'slow-ms', 'die-after', 'token', 'bucket', 'restore', 'workers', 'request-ms', 'item-ms', 'max-upload-kb'].map((k) => [k, { type: 'string' as const }]),
  ),
});
const platform = positionals[0];
const num = (key: string): number | undefined => (values[key] === undefined ? undefined : Number(values[key]));
const faults = parseFaults(values);
const port = num('port') ?? 0;

if (platform === 'shopify') {
  const emulator = await startShopifyEmulator({
    port,
    faults,
    ...(values.token ? { accessToken: values.token } : {}),
    ...(num('bucket') ? { bucketSize: num('bucket') } : {}),
    ...(num('restore') ? { restoreRate: num('restore') } : {}),
  });
  console.log(`Shopify emulator on ${emulator.url}\n  shop address: ${emulator.url}\n  access token: ${values.token ?? 'shpat_emulator_token_0001'}`);
  setInterval(() => console.log(`  ${emulator.products.size} products, ${emulator.counters.requests} requests, ${emulator.counters.throttled} throttled`), 10_000).unref();
} else if (platform === 'woocommerce') {
  const emulator = await startWooEmulator({
    port,
    faults,
    ...(num('workers') ? { workers: num('workers') } : {}),
    ...(num('request-ms') !== undefined ? { requestMs: num('request-ms') } : {}),
    ...(num('item-ms') !== undefined ? { itemMs: num('item-ms') } : {}),
    ...(num('max-upload-kb') ? { maxUploadBytes: (num('max-upload-kb') ?? 0) * 1024 } : {}),
  });
  console.log(
    `WooCommerce emulator on ${emulator.url}\n  site address:    ${emulator.url}\n  consumer key:    ${emulator.consumerKey}\n  consumer secret: ${emulator.consumerSecret}\n` +
      `  WordPress user (images):                 ${emulator.wpUsername}\n  WordPress application password (images): ${emulator.wpApplicationPassword}`,
  );
  setInterval(() => console.log(`  ${emulator.products.size} products and variations, ${emulator.counters.requests} requests`), 10_000).unref();
} else {
  console.error('Usage: npm run emulator -- shopify|woocommerce [--port 8081] [--item-error-rate 0.05] [--5xx-rate 0.02] …');
  process.exit(2);
}
// Keep running until Ctrl-C.
setInterval(() => undefined, 1 << 30);
