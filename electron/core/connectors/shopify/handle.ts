/**
 * The product handle Kontor gives a SKU on Shopify, which `productSet` uses as its upsert
 * identifier. It must be one-to-one: SKUs are unique whatever the case, so they are lowercased,
 * and the characters a handle cannot hold are escaped after a dash (a dash itself doubles), so
 * "A/B" and "A-B" never meet on one handle.
 */
const ESCAPES: Record<string, string> = { '-': '--', '.': '-d', _: '-u', '/': '-s', '+': '-p' };

export function handleForSku(sku: string): string {
  let out = 'k-';
  for (const char of sku.toLowerCase()) out += ESCAPES[char] ?? char;
  return out;
}
