/**
 * Quantities are integers in thousandths of the product's unit ("milli-units"): 12.5 m of fabric
 * is 12500. People type and read decimals; everything stored or computed is an integer.
 */
export const MILLI = 1000;

/** Units Kontor knows, and how many decimals a person may enter for each. */
export const UNITS = {
  pcs: { decimals: 0 },
  set: { decimals: 0 },
  pair: { decimals: 0 },
  box: { decimals: 0 },
  kg: { decimals: 3 },
  g: { decimals: 0 },
  l: { decimals: 3 },
  ml: { decimals: 0 },
  m: { decimals: 2 },
  m2: { decimals: 2 },
} as const satisfies Record<string, { decimals: number }>;
export type Unit = keyof typeof UNITS;
export const UNIT_CODES = Object.keys(UNITS) as Unit[];

export function isUnit(value: unknown): value is Unit {
  return typeof value === 'string' && Object.hasOwn(UNITS, value);
}

export type ParsedQuantity = { ok: true; milli: number } | { ok: false; reason: 'format' | 'decimals' | 'range' };

/**
 * Parses "12", "12.5", "12,5" (decimal comma), "1 200" or "1,200.5" into milli-units. Refuses more
 * decimals than the unit allows (3 at most) rather than rounding someone's count.
 */
export function parseQuantity(text: string | number, unit: Unit = 'pcs'): ParsedQuantity {
  const raw = typeof text === 'number' ? String(text) : text.trim().replace(/[\s\u00a0\u202f']/g, '');
  const normalized = normalizeDecimal(raw);
  if (normalized === null) return { ok: false, reason: 'format' };
  const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(normalized);
  if (!match) return { ok: false, reason: 'format' };
  const [, sign, whole = '', fraction = ''] = match;
  if (fraction.replace(/0+$/, '').length > UNITS[unit].decimals) return { ok: false, reason: 'decimals' };
  const milli = Number(whole) * MILLI + Number((fraction + '000').slice(0, 3));
  if (!Number.isSafeInteger(milli)) return { ok: false, reason: 'range' };
  return { ok: true, milli: sign === '-' ? -milli : milli };
}

/** "12,50" and "1.234,5" (European) and "1,234.5" (English) all become "1234.5" style. */
function normalizeDecimal(raw: string): string | null {
  if (raw === '' || raw === '-') return null;
  const lastComma = raw.lastIndexOf(',');
  const lastDot = raw.lastIndexOf('.');
  if (lastComma >= 0 && lastDot >= 0) {
    // Whichever separator comes last is the decimal one; the other groups thousands.
    return lastComma > lastDot ? raw.replaceAll('.', '').replace(',', '.') : raw.replaceAll(',', '');
  }
  if (lastComma >= 0) return raw.split(',').length === 2 ? raw.replace(',', '.') : raw.replaceAll(',', '');
  return raw;
}

/** Milli-units as a plain decimal string without trailing zeros: 12500 → "12.5". */
export function formatQuantity(milli: number): string {
  const sign = milli < 0 ? '-' : '';
  const abs = Math.abs(milli);
  const whole = Math.floor(abs / MILLI);
  const fraction = String(abs % MILLI).padStart(3, '0').replace(/0+$/, '');
  return fraction ? `${sign}${whole}.${fraction}` : `${sign}${whole}`;
}
