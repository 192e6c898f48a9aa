import { z } from 'zod';
import { defineCall } from './define.ts';

export const BACKUP_REASON_VALUES = ['manual', 'daily', 'migration', 'import', 'bulk-price-change', 'upload', 'restore'] as const;

export const BackupFileViewSchema = z.object({
  name: z.string(),
  path: z.string(),
  takenAt: z.string(),
  reason: z.enum(BACKUP_REASON_VALUES),
  bytes: z.number().int(),
});
export type BackupFileView = z.infer<typeof BackupFileViewSchema>;

export const BackupSettingsViewSchema = z.object({
  folder: z.string().nullable(),
  daily: z.boolean(),
});

/** The start-up `quick_check`: running, passed, or the problems SQLite reported. */
export const DatabaseCheckSchema = z.object({
  state: z.enum(['running', 'ok', 'problems', 'failed']),
  problems: z.array(z.string()),
  checkedAt: z.string().nullable(),
});
export type DatabaseCheck = z.infer<typeof DatabaseCheckSchema>;

export const BackupStatusSchema = z.object({
  folder: z.string(),
  settings: BackupSettingsViewSchema,
  backups: z.array(BackupFileViewSchema),
  check: DatabaseCheckSchema.nullable(),
  /** Whether this run of Kontor can replace its database (the app and browser mode can; a bare core cannot). */
  canRestore: z.boolean(),
});
export type BackupStatus = z.infer<typeof BackupStatusSchema>;

export const BackupInspectionSchema = z.object({
  path: z.string(),
  bytes: z.number().int(),
  schemaVersion: z.number().int(),
  needsMigration: z.boolean(),
  companyName: z.string().nullable(),
  products: z.number().int().nullable(),
});
export type BackupInspectionView = z.infer<typeof BackupInspectionSchema>;

const NoInput = z.object({}).strict();
const FilePath = z.string().trim().min(1).max(4096);

export const backupCalls = {
  'backup.status': defineCall({
    input: NoInput,
    output: BackupStatusSchema,
    summary: 'Backup folder, settings, the backups in it (newest first) and the start-up database check.',
  }),
  'backup.setSettings': defineCall({
    input: z.object({ folder: FilePath.nullable().optional(), daily: z.boolean().optional() }).strict(),
    output: BackupSettingsViewSchema,
    summary: 'Choose the backup folder (null: inside the data folder) or turn the daily backup on or off.',
  }),
  'backup.now': defineCall({
    input: NoInput,
    output: BackupFileViewSchema,
    summary: 'Back up now into the backup folder, then apply the retention rules.',
  }),
  'backup.inspect': defineCall({
    input: z.object({ path: FilePath }).strict(),
    output: BackupInspectionSchema,
    summary: 'Check a file before restoring it: a Kontor database, not newer, integrity_check passed.',
  }),
  'backup.restore': defineCall({
    input: z.object({ path: FilePath, confirm: z.literal(true) }).strict(),
    output: z.object({ restoredFrom: z.string(), previousCopy: z.string().nullable() }),
    summary: 'Replace the data with a checked backup (the current data is copied aside first); Kontor reopens on it.',
  }),
};
