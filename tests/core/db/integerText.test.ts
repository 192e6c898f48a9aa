import { describe, expect, it } from 'vitest';
import Sqlite from 'better-sqlite3';
import { parseIntegers } from '../../../electron/core/db/integerText.ts';

describe('parseIntegers', () => {
  it('reads back what group_concat wrote: negatives, zero, ids past 32 bits, nothing', () => {
    const sqlite = new Sqlite(':memory:');
    try {
      const values = [12, -7, 0, 300, 2 ** 40 + 3, -(2 ** 33), 1];
      sqlite.exec('CREATE TABLE t (n INTEGER)');
      const insert = sqlite.prepare('INSERT INTO t (n) VALUES (?)');
      for (const v of values) insert.run(v);
      const text = sqlite.prepare('SELECT group_concat(n) FROM (SELECT n FROM t ORDER BY rowid)').pluck().get() as string;
      expect(Array.from(parseIntegers(text))).toEqual(values);
      expect(Array.from(parseIntegers(sqlite.prepare('SELECT group_concat(n) FROM t WHERE n > 1e15').pluck().get() as null))).toEqual([]);
      expect(Array.from(parseIntegers('5'))).toEqual([5]);
      expect(Array.from(parseIntegers(''))).toEqual([]);
    } finally {
      sqlite.close();
    }
  });
});
