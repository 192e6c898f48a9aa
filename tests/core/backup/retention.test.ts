import { describe, expect, test } from 'vitest';
import { backupsToKeep, isoWeek } from '../../../electron/core/backup/retention.ts';

const day = 86_400_000;

describe('backup retention', () => {
  test('keeps the last 24 hours, 7 daily, 4 weekly and 12 monthly backups out of two years of dailies', () => {
    const now = new Date('2026-06-15T12:00:00Z');
    // Two backups a day (a daily one and one before an import) for two years.
    const backups = Array.from({ length: 730 * 2 }, (_, i) => ({ takenAt: new Date(now.getTime() - (i * day) / 2 - 3_600_000) }));
    const keep = [...backupsToKeep(backups, now)].map((b) => b.takenAt.toISOString()).sort().reverse();

    // The last 24 hours: 2 backups (1 h and 13 h old).
    expect(keep.slice(0, 2)).toEqual(['2026-06-15T11:00:00.000Z', '2026-06-14T23:00:00.000Z']);
    const days = new Set(keep.map((k) => k.slice(0, 10)));
    // 7 distinct recent days kept (2026-06-09 … 2026-06-15).
    for (let i = 0; i < 7; i++) expect(days.has(new Date(now.getTime() - i * day).toISOString().slice(0, 10))).toBe(true);
    const weeks = new Set(keep.map((k) => isoWeek(new Date(k))));
    for (const w of ['2026-W25', '2026-W24', '2026-W23', '2026-W22']) expect(weeks.has(w)).toBe(true);
    const months = new Set(keep.map((k) => k.slice(0, 7)));
    expect([...months].sort()).toEqual(
      ['2025-07', '2025-08', '2025-09', '2025-10', '2025-11', '2025-12', '2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06'],
    );
    // Nothing older than the 12th month survives, and far fewer than the 1,460 files remain.
    expect(keep.every((k) => k >= '2025-07')).toBe(true);
    expect(keep.length).toBeLessThanOrEqual(2 + 7 + 4 + 12);
    expect(keep.length).toBeGreaterThanOrEqual(12 + 7);
  });

  test('a backup that is the newest of its month is kept even if it is the only one', () => {
    const now = new Date('2026-06-15T12:00:00Z');
    const lone = { takenAt: new Date('2025-12-03T08:00:00Z') };
    const keep = backupsToKeep([lone, { takenAt: new Date('2026-06-15T10:00:00Z') }], now);
    expect(keep.has(lone)).toBe(true);
  });

  test('ISO weeks cross years the ISO way', () => {
    expect(isoWeek(new Date('2026-01-01T00:00:00Z'))).toBe('2026-W01');
    expect(isoWeek(new Date('2027-01-01T00:00:00Z'))).toBe('2026-W53');
    expect(isoWeek(new Date('2024-12-30T00:00:00Z'))).toBe('2025-W01');
  });
});
