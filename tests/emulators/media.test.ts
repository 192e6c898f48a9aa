import sharp from 'sharp';
import { afterEach, describe, expect, it } from 'vitest';
import { signUrl } from '../../electron/core/connectors/woocommerce/oauth.ts';
import { startShopifyEmulator, type ShopifyEmulator } from './shopify/server.ts';
import { startWooEmulator, type WooEmulator } from './woocommerce/server.ts';

let shopify: ShopifyEmulator | undefined;
let woo: WooEmulator | undefined;
afterEach(async () => {
  await shopify?.close();
  await woo?.close();
  shopify = woo = undefined;
});

const png = (): Promise<Buffer> => sharp({ create: { width: 120, height: 80, channels: 3, background: { r: 9, g: 99, b: 199 } } }).png().toBuffer();

async function gql(query: string, variables: Record<string, unknown>): Promise<{ data: Record<string, unknown> }> {
  const response = await fetch(`${shopify?.url}/admin/api/2025-10/graphql.json`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-shopify-access-token': 'shpat_emulator_token_0001' },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as { data: Record<string, unknown> };
}

const STAGE = 'mutation($input: [StagedUploadInput!]!) { stagedUploadsCreate(input: $input) { stagedTargets { url resourceUrl parameters { name value } } userErrors { field message } } }';
const CREATE = 'mutation($files: [FileCreateInput!]!) { fileCreate(files: $files) { files { id fileStatus } userErrors { code field message } } }';
type Target = { url: string; resourceUrl: string; parameters: { name: string; value: string }[] };

describe('Shopify emulator: staged uploads and files, as documented', () => {
  it('refuses a file over 20 MB when staging, a forged policy at the bucket, and fails a file whose source holds no upload', async () => {
    shopify = await startShopifyEmulator();
    const big = await gql(STAGE, { input: [{ resource: 'IMAGE', filename: 'a.png', mimeType: 'image/png', httpMethod: 'POST', fileSize: String(21 * 1024 * 1024) }] });
    expect(big.data.stagedUploadsCreate).toMatchObject({ stagedTargets: null, userErrors: [{ field: ['input', '0', 'fileSize'] }] });

    const bytes = await png();
    const staged = await gql(STAGE, { input: [{ resource: 'IMAGE', filename: 'a.png', mimeType: 'image/png', httpMethod: 'POST', fileSize: String(bytes.length) }] });
    const target = (staged.data.stagedUploadsCreate as { stagedTargets: Target[] }).stagedTargets[0] as Target;
    const form = (signature?: string): FormData => {
      const f = new FormData();
      for (const p of target.parameters) f.append(p.name, p.name === 'x-goog-signature' && signature ? signature : p.value);
      f.append('file', new Blob([new Uint8Array(bytes)], { type: 'image/png' }), 'a.png');
      return f;
    };
    const forged = await fetch(target.url, { method: 'POST', body: form('00') });
    expect(forged.status).toBe(403);
    expect(await forged.text()).toContain('<Code>AccessDenied</Code>');
    const unused = await gql(CREATE, { files: [{ originalSource: target.resourceUrl, contentType: 'IMAGE' }] });
    const failedId = ((unused.data.fileCreate as { files: { id: string }[] }).files[0] as { id: string }).id;

    const posted = await fetch(target.url, { method: 'POST', body: form() });
    expect(posted.status).toBe(201);
    expect(await posted.text()).toContain('<PostResponse>');
    const created = await gql(CREATE, { files: [{ originalSource: target.resourceUrl, contentType: 'IMAGE', filename: 'a.png' }] });
    const file = (created.data.fileCreate as { files: { id: string; fileStatus: string }[] }).files[0];
    expect(file?.fileStatus).toBe('UPLOADED');
    await new Promise((r) => setTimeout(r, 40));
    const status = await gql('query($ids: [ID!]!) { nodes(ids: $ids) { ... on MediaImage { id fileStatus fileErrors { code message } } } }', { ids: [file?.id, failedId] });
    expect(status.data.nodes).toEqual([
      { id: file?.id, fileStatus: 'READY', fileErrors: [] },
      { id: failedId, fileStatus: 'FAILED', fileErrors: [{ code: 'IMAGE_DOWNLOAD_FAILURE', details: null, message: 'Image could not be processed because the image could not be downloaded.' }] },
    ]);
  });
});

describe('WooCommerce emulator: the WordPress media endpoint, as WP_REST_Attachments_Controller answers', () => {
  const media = (init: { auth?: string; type?: string; disposition?: string; body: Uint8Array }) =>
    fetch(`${woo?.url}/wp-json/wp/v2/media`, {
      method: 'POST',
      headers: {
        ...(init.auth ? { authorization: `Basic ${Buffer.from(init.auth).toString('base64')}` } : {}),
        ...(init.type ? { 'content-type': init.type } : {}),
        ...(init.disposition ? { 'content-disposition': init.disposition } : {}),
      },
      body: new Blob([init.body]),
    });

  it('takes an application password (not the WooCommerce keys), checks the headers and the bytes, answers 201 with the attachment', async () => {
    woo = await startWooEmulator();
    const bytes = new Uint8Array(await png());
    const login = `${woo.wpUsername}:${woo.wpApplicationPassword}`;
    expect(await (await media({ type: 'image/png', disposition: 'attachment; filename="a.png"', body: bytes })).json()).toMatchObject({ code: 'rest_cannot_create', data: { status: 401 } });
    expect(await (await media({ auth: `${woo.consumerKey}:${woo.consumerSecret}`, type: 'image/png', disposition: 'attachment; filename="a.png"', body: bytes })).json()).toMatchObject({ code: 'invalid_username' });
    expect(await (await media({ auth: `${woo.wpUsername}:nope`, type: 'image/png', disposition: 'attachment; filename="a.png"', body: bytes })).json()).toMatchObject({ code: 'incorrect_password' });
    expect(await (await media({ auth: login, type: 'image/png', body: bytes })).json()).toMatchObject({ code: 'rest_upload_no_content_disposition', data: { status: 400 } });
    const text = await media({ auth: login, type: 'image/png', disposition: 'attachment; filename="a.png"', body: new TextEncoder().encode('not an image') });
    expect(text.status).toBe(500);
    expect(await text.json()).toMatchObject({ code: 'rest_upload_sideload_error', message: 'Sorry, you are not allowed to upload this file type.' });
    const ok = await media({ auth: login, type: 'image/png', disposition: 'attachment; filename="a.png"', body: bytes });
    expect(ok.status).toBe(201);
    const attachment = (await ok.json()) as { id: number; media_details: { width: number } };
    expect(attachment.media_details.width).toBe(120);

    const batch = async (body: unknown) => (await fetch(signUrl('POST', `${woo?.url}/wp-json/wc/v3/products/batch`, woo as WooEmulator), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })).json();
    expect(await batch({ create: [{ name: 'Rug', sku: 'RUG', images: [{ id: 999_999 }] }] })).toMatchObject({ create: [{ id: 0, error: { code: 'woocommerce_product_invalid_image_id', message: '#999999 is an invalid image ID.' } }] });
    const created = (await batch({ create: [{ name: 'Rug', sku: 'RUG', images: [{ id: attachment.id }] }] })) as { create: { id: number; images: { id: number }[] }[] };
    expect(created.create[0]?.images).toEqual([{ id: attachment.id }]);
    expect(await batch({ delete: [created.create[0]?.id, 424_242] })).toMatchObject({ delete: [{ id: created.create[0]?.id }, { id: 424_242, error: { code: 'woocommerce_rest_product_invalid_id' } }] });
    expect(woo.products.size).toBe(0);
  });
});
