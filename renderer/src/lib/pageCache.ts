/**
 * The rows of a server-side list, held as fixed-size pages: which pages a visible window needs,
 * which of those are missing, and which to forget once too many are held (least recently used
 * first, never one in view). No DOM and no React, so tests/renderer drive it directly.
 */
export class PageCache<T> {
  private readonly pages = new Map<number, readonly T[]>();
  /** The total the server last answered; null until the first page arrives. */
  total: number | null = null;

  readonly pageSize: number;
  /** More than a screenful many times over, yet a bounded amount of memory whatever the total. */
  readonly maxPages: number;

  constructor(pageSize: number, maxPages = 40) {
    this.pageSize = pageSize;
    this.maxPages = maxPages;
  }

  /** The page numbers covering rows [start, end). */
  pagesFor(start: number, end: number): number[] {
    const last = this.total === null ? end : Math.min(end, this.total);
    if (last <= start) return this.total === null ? [Math.floor(start / this.pageSize)] : [];
    const out: number[] = [];
    for (let p = Math.floor(Math.max(0, start) / this.pageSize); p * this.pageSize < last; p++) out.push(p);
    return out;
  }

  /** Pages of [start, end) that are neither held nor `pending`. */
  missing(start: number, end: number, pending: ReadonlySet<number> = new Set()): number[] {
    return this.pagesFor(start, end).filter((p) => !this.pages.has(p) && !pending.has(p));
  }

  has(page: number): boolean {
    return this.pages.has(page);
  }

  /** Stores a page; then forgets the least recently used pages outside `keep` beyond `maxPages`. */
  put(page: number, rows: readonly T[], total: number, keep: readonly [number, number] = [0, 0]): void {
    this.pages.delete(page);
    this.pages.set(page, rows);
    if (this.total !== null && total !== this.total) {
      // The list changed underneath (rows added or removed elsewhere): other pages may have shifted.
      for (const other of [...this.pages.keys()]) if (other !== page) this.pages.delete(other);
    }
    this.total = total;
    const protectedPages = new Set(this.pagesFor(keep[0], keep[1]));
    for (const candidate of [...this.pages.keys()]) {
      if (this.pages.size <= this.maxPages) break;
      if (candidate !== page && !protectedPages.has(candidate)) this.pages.delete(candidate);
    }
  }

  /** Marks pages as just used (moves them to the back of the eviction order). */
  touch(pages: readonly number[]): void {
    for (const p of pages) {
      const rows = this.pages.get(p);
      if (rows === undefined) continue;
      this.pages.delete(p);
      this.pages.set(p, rows);
    }
  }

  rowAt(index: number): T | undefined {
    return this.pages.get(Math.floor(index / this.pageSize))?.[index % this.pageSize];
  }

  /** The held rows of [start, end), each with its index in the whole list. */
  rowsIn(start: number, end: number): { index: number; row: T }[] {
    const out: { index: number; row: T }[] = [];
    for (const p of this.pagesFor(start, end)) {
      const rows = this.pages.get(p);
      if (!rows) continue;
      rows.forEach((row, i) => {
        const index = p * this.pageSize + i;
        if (index >= start && index < end) out.push({ index, row });
      });
    }
    return out;
  }

  /** The index of the first held row that matches, or -1. */
  findIndex(match: (row: T) => boolean): number {
    for (const [p, rows] of this.pages) {
      const i = rows.findIndex(match);
      if (i >= 0) return p * this.pageSize + i;
    }
    return -1;
  }

  /** Replaces held rows that match (an inline edit's answer); answers how many changed. */
  update(match: (row: T) => boolean, change: (row: T) => T): number {
    let changed = 0;
    for (const [p, rows] of this.pages) {
      if (!rows.some(match)) continue;
      this.pages.set(
        p,
        rows.map((row) => {
          if (!match(row)) return row;
          changed++;
          return change(row);
        }),
      );
    }
    return changed;
  }

  clear(): void {
    this.pages.clear();
    this.total = null;
  }
}

/** Rows [start, end) in chunks of at most `chunk`, as offset/limit pairs for a paged call. */
export function chunks(start: number, end: number, chunk: number): { offset: number; limit: number }[] {
  const out: { offset: number; limit: number }[] = [];
  for (let offset = start; offset < end; offset += chunk) out.push({ offset, limit: Math.min(chunk, end - offset) });
  return out;
}
