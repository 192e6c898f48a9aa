import { z } from 'zod';
import { defineCall } from './define.ts';

export const LANGUAGES = ['en', 'fr', 'de', 'ar'] as const;
export type Language = (typeof LANGUAGES)[number];
export const THEMES = ['light', 'dark', 'auto'] as const;
export type Theme = (typeof THEMES)[number];

export const RUN_MODES = ['electron', 'web', 'cli', 'test'] as const;

export const AppInfoSchema = z.object({
  appVersion: z.string(),
  mode: z.enum(RUN_MODES),
  dataDir: z.string(),
  databasePath: z.string(),
  schemaVersion: z.number().int(),
  latestSchemaVersion: z.number().int(),
  rowCounts: z.record(z.string(), z.number().int()),
});
export type AppInfo = z.infer<typeof AppInfoSchema>;

export const PreferencesSchema = z.object({
  language: z.enum(LANGUAGES),
  theme: z.enum(THEMES),
});
export type Preferences = z.infer<typeof PreferencesSchema>;

const NoInput = z.object({}).strict();

export const appCalls = {
  'app.info': defineCall({
    input: NoInput,
    output: AppInfoSchema,
    summary: 'Version, data directory, schema version and row counts.',
  }),
  'app.getPreferences': defineCall({
    input: NoInput,
    output: PreferencesSchema,
    summary: 'Interface language and theme of this installation.',
  }),
  'app.setPreferences': defineCall({
    input: PreferencesSchema.partial().strict(),
    output: PreferencesSchema,
    summary: 'Change the interface language or theme; answers the full preferences.',
  }),
};
