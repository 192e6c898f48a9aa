import { z } from 'zod';
import { defineCall } from './define.ts';
import { ROLES } from './permissions.ts';

export const UserViewSchema = z.object({
  id: z.number().int(),
  username: z.string(),
  displayName: z.string(),
  role: z.enum(ROLES),
  disabled: z.boolean(),
  lockedUntil: z.string().nullable(),
});
export type UserView = z.infer<typeof UserViewSchema>;

export const SessionStatusSchema = z.object({
  /** False while no user exists: one person, one PC, no sign-in. */
  signInRequired: z.boolean(),
  user: UserViewSchema.nullable(),
  /** When the session ends without activity. */
  expiresAt: z.string().nullable(),
});
export type SessionStatus = z.infer<typeof SessionStatusSchema>;

export const MIN_PASSWORD_LENGTH = 8;
const Password = z.string().max(200);
const Username = z
  .string()
  .trim()
  .min(2)
  .max(40)
  .regex(/^[\p{L}\p{N}._-]+$/u);
const NoInput = z.object({}).strict();

export const userCalls = {
  'session.status': defineCall({ input: NoInput, output: SessionStatusSchema, summary: 'Whether sign-in is on, and who is signed in.' }),
  'session.signIn': defineCall({
    input: z.object({ username: z.string().trim().min(1).max(40), password: Password }).strict(),
    output: SessionStatusSchema,
    summary: 'Sign in; after repeated failures the account is locked for a while.',
  }),
  'session.signOut': defineCall({ input: NoInput, output: SessionStatusSchema, summary: 'Sign out.' }),
  'session.changePassword': defineCall({
    input: z.object({ current: Password, next: Password }).strict(),
    output: z.object({ changed: z.literal(true) }),
    summary: 'Change the signed-in person’s own password.',
  }),
  'users.list': defineCall({ input: NoInput, output: z.array(UserViewSchema), summary: 'Everyone who can sign in.' }),
  'users.create': defineCall({
    input: z.object({ username: Username, displayName: z.string().trim().min(1).max(80), role: z.enum(ROLES), password: Password }).strict(),
    output: UserViewSchema,
    summary: 'Add a person; the first one must be an owner and turns sign-in on.',
  }),
  'users.update': defineCall({
    input: z
      .object({
        id: z.number().int().positive(),
        displayName: z.string().trim().min(1).max(80).optional(),
        role: z.enum(ROLES).optional(),
        disabled: z.boolean().optional(),
        /** A new password set by an owner (a forgotten one); also lifts a lockout. */
        password: Password.optional(),
      })
      .strict(),
    output: UserViewSchema,
    summary: 'Change a person’s name, role, password, or disable them; the last owner stays an owner.',
  }),
};
