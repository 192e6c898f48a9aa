import { describe, expect, it } from 'vitest';
import { chunks, PageCache } from '../../renderer/src/lib/pageCache.ts';

// The pages behind the server-paged grids (renderer/src/lib/usePagedRows.ts): which pages a window
// needs, what is missing, what is forgotten, and that rows keep their place in the whole list.

const rows = (page: number, size: number, total: number): number[] =>
  Array.from({ length: Math.max(0, Math.min(size, total - page * size)) }, (_, i) => page * size + i);

describe('PageCache', () => {
  it('names the pages a window needs and what is missing', () => {
    const cache = new PageCache<number>(100);
    expect(cache.pagesFor(0, 40)).toEqual([0]);
    cache.put(0, rows(0, 100, 2000), 2000);
    expect(cache.pagesFor(150, 260)).toEqual([1, 2]);
    expect(cache.missing(0, 260)).toEqual([1, 2]);
    expect(cache.missing(0, 260, new Set([1]))).toEqual([2]);
    // Past the end there is nothing to ask for.
    expect(cache.pagesFor(1990, 2100)).toEqual([19]);
    expect(cache.pagesFor(2000, 2100)).toEqual([]);
  });

  it('answers rows by their index in the whole list', () => {
    const cache = new PageCache<number>(100);
    cache.put(17, rows(17, 100, 2000), 2000);
    expect(cache.rowAt(1750)).toBe(1750);
    expect(cache.rowAt(1650)).toBeUndefined();
    expect(cache.rowsIn(1795, 1805)).toEqual([
      { index: 1795, row: 1795 },
      { index: 1796, row: 1796 },
      { index: 1797, row: 1797 },
      { index: 1798, row: 1798 },
      { index: 1799, row: 1799 },
    ]);
    expect(cache.findIndex((r) => r === 1712)).toBe(1712);
  });

  it('forgets the least recently used pages beyond its size, never one in view', () => {
    const cache = new PageCache<number>(10, 3);
    for (const page of [0, 1, 2]) cache.put(page, rows(page, 10, 1000), 1000);
    cache.touch([0]);
    cache.put(3, rows(3, 10, 1000), 1000, [30, 40]);
    // Page 1 was the least recently used: it goes; 0 was touched, 3 is new.
    expect([0, 1, 2, 3].map((p) => cache.has(p))).toEqual([true, false, true, true]);
    // A page in the kept window survives even when it is the oldest.
    cache.put(4, rows(4, 10, 1000), 1000, [20, 30]);
    expect(cache.has(2)).toBe(true);
    expect(cache.has(0)).toBe(false);
  });

  it('drops the other pages when the total changed underneath (rows added or removed elsewhere)', () => {
    const cache = new PageCache<number>(10);
    cache.put(0, rows(0, 10, 100), 100);
    cache.put(5, rows(5, 10, 100), 100);
    cache.put(1, rows(1, 10, 101), 101);
    expect([cache.has(0), cache.has(5), cache.has(1)]).toEqual([false, false, true]);
    expect(cache.total).toBe(101);
  });

  it('changes held rows in place', () => {
    const cache = new PageCache<{ id: number; price: number }>(2);
    cache.put(0, [{ id: 1, price: 10 }, { id: 2, price: 20 }], 4);
    cache.put(1, [{ id: 3, price: 30 }, { id: 4, price: 40 }], 4);
    expect(cache.update((r) => r.id === 3, (r) => ({ ...r, price: 33 }))).toBe(1);
    expect(cache.rowAt(2)).toEqual({ id: 3, price: 33 });
    expect(cache.update((r) => r.id === 9, (r) => r)).toBe(0);
  });

  it('starts empty again on clear', () => {
    const cache = new PageCache<number>(10);
    cache.put(0, rows(0, 10, 50), 50);
    cache.clear();
    expect(cache.total).toBeNull();
    expect(cache.has(0)).toBe(false);
  });
});

describe('chunks', () => {
  it('splits a range into calls of at most the largest page', () => {
    expect(chunks(0, 1200, 500)).toEqual([
      { offset: 0, limit: 500 },
      { offset: 500, limit: 500 },
      { offset: 1000, limit: 200 },
    ]);
    expect(chunks(10, 10, 500)).toEqual([]);
  });
});
