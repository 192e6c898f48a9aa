/** Periods the ledger screens start with, as YYYY-MM-DD in the local calendar. */
export function isoDay(d: Date): string {
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

export function thisYear(today = new Date()): { from: string; to: string } {
  return { from: `${today.getFullYear()}-01-01`, to: `${today.getFullYear()}-12-31` };
}

export function lastYear(today = new Date()): { from: string; to: string } {
  const y = today.getFullYear() - 1;
  return { from: `${y}-01-01`, to: `${y}-12-31` };
}

/** The twelve months up to the end of this month. */
export function last12Months(today = new Date()): { from: string; to: string } {
  const from = new Date(today.getFullYear(), today.getMonth() - 11, 1);
  const to = new Date(today.getFullYear(), today.getMonth() + 1, 0);
  return { from: isoDay(from), to: isoDay(to) };
}

export const DAY = /^\d{4}-\d{2}-\d{2}$/;
