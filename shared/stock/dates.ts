/**
 * Stock times are UTC instants stored in `Date.prototype.toISOString()` form
 * ("2025-03-31T23:59:59.999Z"), so that comparing them as text orders them in time: the past-date
 * queries rely on it.
 *
 * People give either a day ("2025-03-31") or an instant with its zone ("2025-03-31T16:00:00+01:00").
 * A day means its end in UTC: "stock at 2025-03-31" includes everything that happened that day,
 * and a movement dated "2025-03-31" sorts after the ones recorded earlier that day.
 * An instant without a zone is refused: the browser and Node would read it in different zones.
 */
export type ParsedInstant = { ok: true; iso: string; dateOnly: boolean } | { ok: false };

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})$/;

export function parseStockInstant(text: string): ParsedInstant {
  const value = text.trim();
  const day = DAY.exec(value);
  if (day) {
    const [, y = '', m = '', d = ''] = day;
    const date = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d), 23, 59, 59, 999));
    // Date.UTC rolls 2025-02-30 over into March; a real day reads back the same.
    if (date.getUTCFullYear() !== Number(y) || date.getUTCMonth() !== Number(m) - 1 || date.getUTCDate() !== Number(d)) {
      return { ok: false };
    }
    return { ok: true, iso: date.toISOString(), dateOnly: true };
  }
  if (!INSTANT.test(value)) return { ok: false };
  const time = Date.parse(value);
  if (Number.isNaN(time)) return { ok: false };
  const iso = new Date(time).toISOString();
  // Years before 0 or after 9999 come out as "+010000-…", which would not sort as text.
  if (iso.length !== 24) return { ok: false };
  return { ok: true, iso, dateOnly: false };
}

export const INSTANT_HINT = 'Enter a day such as 2025-03-31, or a time with its zone such as 2025-03-31T16:00:00Z.';
