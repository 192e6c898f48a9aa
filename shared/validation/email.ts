import { fail, pass, text, type Check } from './check.ts';

// Letters of any script are allowed on both sides (internationalised addresses, RFC 6531);
// quoted local parts and IP-literal domains are legal but never used for a business address.
const LOCAL_PART = /^[\p{L}\p{N}!#$%&'*+/=?^_`{|}~-]+(?:\.[\p{L}\p{N}!#$%&'*+/=?^_`{|}~-]+)*$/u;
const DOMAIN_LABEL = /^[\p{L}\p{N}](?:[\p{L}\p{N}-]{0,61}[\p{L}\p{N}])?$/u;
const TOP_LEVEL = /^(?:\p{L}{2,63}|xn--[a-z0-9-]{1,59})$/u;

/** Email address; the domain is lower-cased, the part before @ kept as typed. */
export function checkEmail(value: string): Check {
  const email = text(value).replace(/^mailto:/i, '');
  if (email === '') return fail('validation.email.required', 'Enter an email address.');
  const at = email.lastIndexOf('@');
  if (/\s/.test(email) || at === -1 || email.indexOf('@') !== at) {
    return fail(
      'validation.email.format',
      'An email address is one name, one @ and a domain, without spaces, e.g. info@example.com.',
    );
  }
  if (email.length > 254) {
    return fail('validation.email.tooLong', 'An email address has at most 254 characters.', { max: 254 });
  }
  const local = email.slice(0, at);
  const domain = email.slice(at + 1).toLowerCase();
  if (local.length === 0 || local.length > 64 || !LOCAL_PART.test(local)) {
    return fail(
      'validation.email.localPart',
      'The part before @ is empty, too long or has a character not allowed there (such as a comma or two dots in a row).',
    );
  }
  const labels = domain.split('.');
  const last = labels[labels.length - 1] ?? '';
  if (labels.length < 2 || !labels.every((l) => DOMAIN_LABEL.test(l)) || !TOP_LEVEL.test(last)) {
    return fail(
      'validation.email.domain',
      'The part after @ must be a domain such as example.com: check for a missing ending or a typo.',
    );
  }
  return pass(`${local}@${domain}`);
}
