import { createHmac, randomBytes } from 'node:crypto';

/**
 * One-legged OAuth 1.0a as WooCommerce checks it over plain HTTP
 * (class-wc-rest-authentication.php): every query parameter and the oauth_* ones except
 * oauth_signature, RFC 3986-encoded, sorted by key, joined k=v with &; base string
 * METHOD&enc(url without query)&enc(params); key `consumer_secret&`; base64 of the HMAC.
 * The emulator verifies with the same functions' counterpart written from the same description.
 */
export function rfc3986(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

export type SignatureMethod = 'HMAC-SHA1' | 'HMAC-SHA256';

export function signatureBaseString(method: string, baseUrl: string, params: Record<string, string>): string {
  const normalized = Object.entries(params)
    .filter(([key]) => key !== 'oauth_signature')
    .map(([key, value]) => [rfc3986(key), rfc3986(value)] as const)
    .sort(([a, av], [b, bv]) => (a < b ? -1 : a > b ? 1 : av < bv ? -1 : av > bv ? 1 : 0))
    .map(([key, value]) => `${key}=${value}`)
    .join('&');
  return `${method.toUpperCase()}&${rfc3986(baseUrl)}&${rfc3986(normalized)}`;
}

export function oauthSignature(method: string, baseUrl: string, params: Record<string, string>, consumerSecret: string, signatureMethod: SignatureMethod): string {
  const algorithm = signatureMethod === 'HMAC-SHA1' ? 'sha1' : 'sha256';
  return createHmac(algorithm, `${consumerSecret}&`).update(signatureBaseString(method, baseUrl, params)).digest('base64');
}

/** The URL with its query and the oauth_* parameters, signed. */
export function signUrl(
  method: string,
  url: string,
  credentials: { consumerKey: string; consumerSecret: string },
  options: { signatureMethod?: SignatureMethod; now?: number; nonce?: string } = {},
): string {
  const parsed = new URL(url);
  const signatureMethod = options.signatureMethod ?? 'HMAC-SHA1';
  const params: Record<string, string> = {};
  for (const [key, value] of parsed.searchParams) params[key] = value;
  params.oauth_consumer_key = credentials.consumerKey;
  params.oauth_timestamp = String(Math.floor((options.now ?? Date.now()) / 1000));
  params.oauth_nonce = options.nonce ?? randomBytes(16).toString('hex');
  params.oauth_signature_method = signatureMethod;
  const baseUrl = `${parsed.protocol}//${parsed.host}${parsed.pathname}`;
  params.oauth_signature = oauthSignature(method, baseUrl, params, credentials.consumerSecret, signatureMethod);
  const query = Object.entries(params)
    .map(([key, value]) => `${rfc3986(key)}=${rfc3986(value)}`)
    .join('&');
  return `${baseUrl}?${query}`;
}
