import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Why a backup was taken; part of its file name so a person browsing the folder sees it. */
export const BACKUP_REASONS = ['manual', 'daily', 'migration', 'import', 'bulk-price-change', 'upload', 'restore'] as const;
export type BackupReason = (typeof BACKUP_REASONS)[number];

export interface BackupFile {
  path: string;
  name: string;
  takenAt: Date;
  reason: BackupReason;
  bytes: number;
}

const NAME = /^kontor-(\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d-\d{3}Z)(?:-([a-z-]+?))?(?:-(\d+))?\.sqlite$/;

/** `kontor-2026-01-31T18-04-05-123Z-daily.sqlite`; a manual backup carries no reason, as before. */
export function backupFileName(takenAt: Date, reason: BackupReason, n = 1): string {
  const stamp = takenAt.toISOString().replace(/[:.]/g, '-');
  const suffix = reason === 'manual' ? '' : `-${reason}`;
  return `kontor-${stamp}${suffix}${n === 1 ? '' : `-${n}`}.sqlite`;
}

export function parseBackupFileName(name: string): { takenAt: Date; reason: BackupReason } | null {
  const match = NAME.exec(name);
  if (!match) return null;
  const [, stamp = '', reason = 'manual'] = match;
  const iso = stamp.replace(/^(\d{4}-\d\d-\d\dT\d\d)-(\d\d)-(\d\d)-(\d{3})Z$/, '$1:$2:$3.$4Z');
  const takenAt = new Date(iso);
  if (Number.isNaN(takenAt.getTime())) return null;
  if (!(BACKUP_REASONS as readonly string[]).includes(reason)) return null;
  return { takenAt, reason: reason as BackupReason };
}

/** A path in `folder` that does not exist yet (nor its `.partial`). */
export function newBackupPathIn(folder: string, takenAt: Date, reason: BackupReason): string {
  mkdirSync(folder, { recursive: true });
  for (let n = 1; ; n++) {
    const path = join(folder, backupFileName(takenAt, reason, n));
    if (!existsSync(path) && !existsSync(`${path}.partial`)) return path;
  }
}

/** Kontor's backups in `folder`, newest first. Other files (a user's own copies) are ignored. */
export function listBackupFiles(folder: string): BackupFile[] {
  if (!existsSync(folder)) return [];
  const files: BackupFile[] = [];
  for (const name of readdirSync(folder)) {
    const parsed = parseBackupFileName(name);
    if (!parsed) continue;
    const path = join(folder, name);
    const stat = statSync(path, { throwIfNoEntry: false });
    if (!stat?.isFile()) continue;
    files.push({ path, name, bytes: stat.size, ...parsed });
  }
  return files.sort((a, b) => b.takenAt.getTime() - a.takenAt.getTime() || b.name.localeCompare(a.name));
}
