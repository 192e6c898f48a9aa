/**
 * "+10", "-5,5", "7.25 %" → 7.25; null when it is not a percentage products.bulkUpdate takes
 * (-99.99 to +1000, two decimals at most, not 0). DOM-free, for tests/renderer.
 */
export function parsePercent(text: string): number | null {
  const cleaned = text.trim().replace('%', '').replace(',', '.').replace(/\s+/g, '');
  if (!/^[+-]?\d+(\.\d{1,2})?$/.test(cleaned)) return null;
  const value = Number(cleaned);
  return value >= -99.99 && value <= 1000 && value !== 0 ? value : null;
}
