/**
 * Which backups to keep: everything from the last 24 hours (so the copy taken just before an import
 * or a bulk price change survives the next automatic backup), then the newest backup of each of
 * the 7 most recent days, of each of the 4 most recent ISO weeks and of each of the 12 most recent
 * months that have a backup (grandfather-father-son). Days, weeks and months are counted in UTC so
 * the answer does not move with the machine's time zone.
 */
export const RETENTION = { recentHours: 24, daily: 7, weekly: 4, monthly: 12 } as const;

export interface Dated {
  takenAt: Date;
}

export function backupsToKeep<T extends Dated>(backups: readonly T[], now: Date, policy = RETENTION): Set<T> {
  const newestFirst = [...backups].sort((a, b) => b.takenAt.getTime() - a.takenAt.getTime());
  const keep = new Set<T>();
  const recentSince = now.getTime() - policy.recentHours * 3_600_000;
  for (const backup of newestFirst) if (backup.takenAt.getTime() >= recentSince) keep.add(backup);
  const bucket = (count: number, key: (d: Date) => string): void => {
    const seen = new Set<string>();
    for (const backup of newestFirst) {
      const k = key(backup.takenAt);
      if (seen.has(k)) continue;
      if (seen.size === count) break;
      seen.add(k);
      keep.add(backup);
    }
  };
  bucket(policy.daily, (d) => d.toISOString().slice(0, 10));
  bucket(policy.weekly, isoWeek);
  bucket(policy.monthly, (d) => d.toISOString().slice(0, 7));
  return keep;
}

/** `2026-W05`: ISO 8601 week (weeks start on Monday; week 1 holds the year's first Thursday). */
export function isoWeek(date: Date): string {
  const d = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
  const weekday = d.getUTCDay() || 7;
  d.setUTCDate(d.getUTCDate() + 4 - weekday);
  const yearStart = Date.UTC(d.getUTCFullYear(), 0, 1);
  const week = Math.ceil(((d.getTime() - yearStart) / 86_400_000 + 1) / 7);
  return `${d.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}
