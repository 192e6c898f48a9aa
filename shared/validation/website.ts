import { fail, pass, text, type Check } from './check.ts';

const HOST_LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
const TOP_LEVEL = /^(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$/;

/**
 * Website address, http or https only; "example.com" becomes "https://example.com". The host
 * is lower-cased but kept in the script it was typed in (not turned into xn-- punycode), since
 * the address is printed on invoices.
 */
export function checkWebsite(value: string): Check {
  const raw = text(value);
  if (raw === '') return fail('validation.website.required', 'Enter a website address.');
  if (/\s/.test(raw)) {
    return fail('validation.website.format', 'A website address has no spaces, e.g. https://www.example.com.');
  }
  const explicit = /^([a-z][a-z0-9+.-]*):\/\//i.exec(raw);
  // "mailto:", "javascript:" and the like have no "//"; "example.com:8080" is a host and port.
  const bareScheme = /^(?:mailto|javascript|data|file|tel|ftp|sftp|ssh):/i.test(raw);
  const scheme = explicit?.[1]?.toLowerCase();
  if (bareScheme || (scheme !== undefined && scheme !== 'http' && scheme !== 'https')) {
    return fail(
      'validation.website.scheme',
      'Enter a web address starting with https:// or http://, or just the domain, e.g. www.example.com.',
    );
  }
  const withScheme = explicit ? raw : `https://${raw}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    return fail('validation.website.format', "This isn't a web address: check it, e.g. https://www.example.com.");
  }
  if (url.username !== '' || url.password !== '') {
    return fail('validation.website.format', 'A website address must not contain a user name or password.');
  }
  const labels = url.hostname.split('.');
  const last = labels[labels.length - 1] ?? '';
  if (labels.length < 2 || !labels.every((l) => HOST_LABEL.test(l)) || !TOP_LEVEL.test(last)) {
    return fail(
      'validation.website.host',
      'Enter the domain of the website, e.g. www.example.com: check for a missing ending or a typo.',
    );
  }
  // The URL class would turn the host into punycode, so the normalised form is rebuilt from the
  // typed text: scheme and host lower-cased, path and query as typed, a lone trailing "/" dropped.
  const afterScheme = withScheme.slice(withScheme.indexOf('//') + 2);
  const cut = afterScheme.search(/[/?#]/);
  const host = (cut === -1 ? afterScheme : afterScheme.slice(0, cut)).toLowerCase();
  const rest = cut === -1 ? '' : afterScheme.slice(cut);
  return pass(`${url.protocol}//${host}${rest === '/' ? '' : rest}`);
}
