/**
 * Document numbers: a pattern per series such as `INV-{yyyy}-{seq:5}`, a counter per series and
 * fiscal year. `{yyyy}` / `{yy}` are the fiscal year (the calendar year it starts in), `{seq:N}` the
 * sequence padded to N digits. The counter restarts each fiscal year, so a pattern must name the
 * year: without it, next year's INV-00001 would repeat this year's.
 */

export type PatternCheck = { ok: true } | { ok: false; key: string; message: string };

const TOKEN = /\{(yyyy|yy|seq(?::(\d{1,2}))?)\}/g;

export function checkPattern(pattern: string): PatternCheck {
  const tokens = [...pattern.matchAll(TOKEN)].map((m) => m[1] ?? '');
  const rest = pattern.replace(TOKEN, '');
  if (/[{}]/.test(rest)) return { ok: false, key: 'invoices.series.unknownToken', message: 'Use only {yyyy}, {yy} and {seq} or {seq:N} in a number pattern.' };
  if (!/^[A-Za-z0-9/_.\- ]*$/.test(rest)) return { ok: false, key: 'invoices.series.characters', message: 'A number pattern may hold letters, digits, - / _ . and spaces besides its tokens.' };
  if (tokens.filter((t) => t.startsWith('seq')).length !== 1) return { ok: false, key: 'invoices.series.oneSeq', message: 'A number pattern holds {seq} exactly once.' };
  if (!tokens.some((t) => t === 'yyyy' || t === 'yy')) return { ok: false, key: 'invoices.series.year', message: 'A number pattern names the year ({yyyy} or {yy}): the sequence starts again every fiscal year.' };
  if (pattern.length > 40) return { ok: false, key: 'invoices.series.length', message: 'A number pattern has at most 40 characters.' };
  return { ok: true };
}

export function formatNumber(pattern: string, fiscalYear: number, seq: number): string {
  return pattern.replace(TOKEN, (_all, token: string, width?: string) => {
    if (token === 'yyyy') return String(fiscalYear);
    if (token === 'yy') return String(fiscalYear % 100).padStart(2, '0');
    return String(seq).padStart(Number(width ?? 1), '0');
  });
}

/** The fiscal year (its starting calendar year) a YYYY-MM-DD date falls in. */
export function fiscalYearOf(date: string, start: { month: number; day: number }): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return m > start.month || (m === start.month && d >= start.day) ? y : y - 1;
}

/** YYYY-MM-DD plus n days. */
export function addDays(date: string, days: number): string {
  const t = Date.parse(`${date}T00:00:00Z`) + days * 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
}

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

export function isIsoDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const t = Date.parse(`${value}T00:00:00Z`);
  return !Number.isNaN(t) && new Date(t).toISOString().slice(0, 10) === value;
}
