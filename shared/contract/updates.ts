import { z } from 'zod';
import { defineCall } from './define.ts';

export const UPDATE_CHANNELS = ['stable', 'beta'] as const;
export type UpdateChannel = (typeof UPDATE_CHANNELS)[number];

export const UpdateSettingsSchema = z.object({
  /** Check at start and every 6 hours. */
  automatic: z.boolean(),
  channel: z.enum(UPDATE_CHANNELS),
});
export type UpdateSettings = z.infer<typeof UpdateSettingsSchema>;

export const UpdateStateSchema = z.discriminatedUnion('state', [
  /** Browser mode, the CLI, a build run from source: nothing to update through Kontor itself. */
  z.object({ state: z.literal('unsupported') }),
  z.object({ state: z.literal('idle') }),
  z.object({ state: z.literal('checking') }),
  z.object({ state: z.literal('up-to-date'), checkedAt: z.string() }),
  z.object({ state: z.literal('downloading'), version: z.string(), percent: z.number().min(0).max(100), releaseNotes: z.string().nullable() }),
  z.object({ state: z.literal('ready'), version: z.string(), releaseNotes: z.string().nullable() }),
  /** A problem a person can read (server unreachable, damaged download); Kontor keeps working. */
  z.object({ state: z.literal('error'), kind: z.enum(['offline', 'checksum', 'other']), message: z.string(), at: z.string() }),
]);
export type UpdateState = z.infer<typeof UpdateStateSchema>;

export const UpdateStatusSchema = z.object({
  currentVersion: z.string(),
  settings: UpdateSettingsSchema,
  update: UpdateStateSchema,
});
export type UpdateStatus = z.infer<typeof UpdateStatusSchema>;

const NoInput = z.object({}).strict();

export const updateCalls = {
  'updates.status': defineCall({ input: NoInput, output: UpdateStatusSchema, summary: 'The running version, the update settings and where an update stands.' }),
  'updates.check': defineCall({ input: NoInput, output: UpdateStatusSchema, summary: 'Look for an update now; a newer version downloads on its own.' }),
  'updates.install': defineCall({
    input: NoInput,
    output: z.object({ restarting: z.boolean(), reason: z.enum(['busy', 'not-ready', 'unsupported']).nullable() }),
    summary: 'Restart into the downloaded update, unless an import, export, upload or backup is running.',
  }),
  'updates.setSettings': defineCall({
    input: UpdateSettingsSchema.partial().strict(),
    output: UpdateSettingsSchema,
    summary: 'Turn automatic update checks on or off, or choose the stable or beta channel.',
  }),
};
