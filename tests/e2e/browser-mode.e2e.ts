import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SECRET_STORAGE_KEY } from '../../renderer/src/transport/webTransport.ts';
import { expect, gotoApp, test } from './fixtures.ts';

// Browser mode's API seen from a real page: what the local server lets a page do, and what not.
// The UI flows (profile, languages) live in their own files and use the same fixture.

const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'";

function validProfile() {
  return {
    legalName: 'Atlas Export SARL',
    tradeName: null,
    country: 'MA',
    baseCurrency: 'MAD',
    fiscalYearStart: { month: 1, day: 1 },
    defaultLanguage: 'fr',
    email: null,
    phone: null,
    website: null,
    addresses: [{ kind: 'registered', line1: '12 rue de Fès', city: 'Casablanca', country: 'MA' }],
    bankAccounts: [],
    taxIds: [],
  };
}

/** Runs in the page: a POST /api/call made by the page itself, with or without the secret header. */
async function callFromPage({ body, secret }: { body: unknown; secret: string | null }) {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (secret !== null) headers['x-kontor-secret'] = secret;
  const response = await fetch('/api/call', { method: 'POST', headers, body: JSON.stringify(body) });
  const result: unknown = await response.json();
  return { status: response.status, result };
}

test('the page loads with its secret, under the strict CSP, without errors', async ({ page, kontorServer }) => {
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
  });
  page.on('response', (response) => {
    if (response.status() >= 400) problems.push(`HTTP ${response.status()} for ${response.url()}`);
  });
  const index = page.waitForResponse((response) => new URL(response.url()).pathname === '/');

  await gotoApp(page, kontorServer);

  const headers = (await index).headers();
  expect(headers['content-security-policy']).toBe(CSP);
  expect(headers['cache-control']).toBe('no-store');
  expect(headers['x-content-type-options']).toBe('nosniff');
  // The secret left the address bar (so it is not bookmarked or shared)…
  expect(page.url()).not.toContain('secret');
  expect(page.url().startsWith(`${kontorServer.origin}/`)).toBe(true);
  // …but the tab keeps it for reloads.
  await page.reload();
  expect(await page.evaluate((key) => sessionStorage.getItem(key), SECRET_STORAGE_KEY)).toBe(kontorServer.secret);
  expect(problems).toEqual([]);
});

test('a call from the page without the secret header is refused and writes nothing', async ({ page, kontorServer }) => {
  await gotoApp(page, kontorServer);
  const refused = await page.evaluate(callFromPage, { body: { name: 'company.save', input: validProfile() }, secret: null });
  expect(refused.status).toBe(401);
  expect(refused.result).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
  expect(await kontorServer.client.call('company.get', {})).toBeNull();

  // The same call with the secret goes through, so the refusal above was the missing header.
  const allowed = await page.evaluate(callFromPage, {
    body: { name: 'company.save', input: validProfile() },
    secret: kontorServer.secret,
  });
  expect(allowed).toMatchObject({ status: 200, result: { ok: true, value: { legalName: 'Atlas Export SARL' } } });
});

test('a call with malformed input gets VALIDATION with its issues and writes nothing', async ({ page, kontorServer }) => {
  await gotoApp(page, kontorServer);
  const answer = await page.evaluate(callFromPage, {
    body: { name: 'company.save', input: { ...validProfile(), legalName: 42 } },
    secret: kontorServer.secret,
  });
  expect(answer.status).toBe(200);
  expect(answer.result).toMatchObject({
    ok: false,
    error: { code: 'VALIDATION', details: { issues: expect.arrayContaining([expect.objectContaining({ path: 'legalName' })]) } },
  });
  expect(await kontorServer.client.call('company.get', {})).toBeNull();
});

test('a page from another origin cannot write, even knowing the secret', async ({ page, kontorServer }) => {
  // Another local web app on a different port: the same loopback address space, so Chrome's
  // Private Network Access rules do not stop its requests; our server's own checks must.
  const other = createServer((_req, res) => {
    res.setHeader('content-type', 'text/html; charset=utf-8');
    res.end('<!doctype html><title>Some other app</title>');
  });
  await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
  try {
    await page.goto(`http://127.0.0.1:${(other.address() as AddressInfo).port}/`);
    const outcomes = await page.evaluate(
      async ({ origin, secret, body }) => {
        const tries: RequestInit[] = [
          // A "simple" request: sent without a preflight; the browser only hides the answer.
          { method: 'POST', mode: 'no-cors', headers: { 'content-type': 'text/plain' }, body },
          // With the secret header: needs a CORS preflight, which the server never grants.
          { method: 'POST', headers: { 'content-type': 'application/json', 'x-kontor-secret': secret }, body },
        ];
        const results: string[] = [];
        for (const init of tries) {
          try {
            const response = await fetch(`${origin}/api/call`, init);
            results.push(`answered (${response.type})`);
          } catch (error) {
            results.push(`failed: ${String(error)}`);
          }
        }
        return results;
      },
      { origin: kontorServer.origin, secret: kontorServer.secret, body: JSON.stringify({ name: 'company.save', input: validProfile() }) },
    );
    // The simple request does reach the server, which refuses its Origin (403); the server's
    // Cross-Origin-Resource-Policy then withholds even the opaque answer. The preflight is refused.
    expect(outcomes).toEqual(['failed: TypeError: Failed to fetch', 'failed: TypeError: Failed to fetch']);
    expect(await kontorServer.client.call('company.get', {})).toBeNull();
  } finally {
    await new Promise((resolve) => other.close(resolve));
  }
});
