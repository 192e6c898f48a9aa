/**
 * A parameter of the current address after the route ("#/invoices/documents?contact=12"): links
 * from a contact's page open the invoices screens filtered to that contact. Read once, when the
 * screen mounts; the route itself (router.ts) ignores the query.
 */
export function hashParam(name: string): string | null {
  const hash = window.location.hash;
  const at = hash.indexOf('?');
  return at < 0 ? null : new URLSearchParams(hash.slice(at + 1)).get(name);
}

/** A positive integer parameter (an id), or null. */
export function hashIdParam(name: string): number | null {
  const value = hashParam(name);
  return value !== null && /^[1-9]\d*$/.test(value) ? Number(value) : null;
}
