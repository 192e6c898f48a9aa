import { userInfo } from 'node:os';
import type { Kysely, Selectable } from 'kysely';
import { permissionOf, roleMay, type Role } from '../../../shared/contract/permissions.ts';
import { MIN_PASSWORD_LENGTH, type SessionStatus, type UserView } from '../../../shared/contract/users.ts';
import { KontorError, ValidationError } from '../../../shared/errors.ts';
import type { KontorSchema } from '../db/schema.ts';
import { writeTransaction } from '../db/writeTransaction.ts';
import { DEFAULT_SCRYPT, hashPassword, verifyPassword, type ScryptParams } from './password.ts';

export const SESSION_TIMEOUT_MS = 15 * 60 * 1000;
export const LOCKOUT = { attempts: 5, minutes: 15 } as const;

export interface AccessOptions {
  db: Kysely<KontorSchema>;
  now?: () => Date;
  sessionTimeoutMs?: number;
  scrypt?: ScryptParams;
  /** Who changes data while sign-in is off: the operating-system account. */
  localActor?: string;
}

/** What the dispatcher needs: may this call go ahead, and in whose name. */
export interface CallGuard {
  authorize(callName: string, input: unknown): Promise<{ actor: string }>;
}

export interface Access extends CallGuard {
  status(): Promise<SessionStatus>;
  signIn(username: string, password: string): Promise<SessionStatus>;
  signOut(): Promise<SessionStatus>;
  changePassword(current: string, next: string): Promise<{ changed: true }>;
  listUsers(): Promise<UserView[]>;
  createUser(input: { username: string; displayName: string; role: Role; password: string }): Promise<UserView>;
  updateUser(input: { id: number; displayName?: string | undefined; role?: Role | undefined; disabled?: boolean | undefined; password?: string | undefined }): Promise<UserView>;
}

type UserRow = Selectable<KontorSchema['app_user']>;

/**
 * Sign-in for a shared PC, one session per running Kontor (one window or one browser-mode page:
 * people take turns at the desk). Off while there are no users; on from the first one, who must
 * be an owner. A session ends after SESSION_TIMEOUT_MS without a call; LOCKOUT.attempts wrong
 * passwords in a row lock the account for LOCKOUT.minutes (stored, so a restart does not reset it).
 */
export function createAccess(options: AccessOptions): Access {
  const { db } = options;
  const now = options.now ?? (() => new Date());
  const timeoutMs = options.sessionTimeoutMs ?? SESSION_TIMEOUT_MS;
  const params = options.scrypt ?? DEFAULT_SCRYPT;
  const localActor = options.localActor ?? `local:${safeOsUser()}`;
  let session: { userId: number; lastActivity: number } | null = null;
  // A hash to verify against when the username is unknown, so both cases take as long.
  let decoy: Promise<string> | undefined;

  const userCount = async (): Promise<number> =>
    Number((await db.selectFrom('app_user').select((eb) => eb.fn.countAll().as('n')).where('disabled', '=', 0).executeTakeFirstOrThrow()).n);

  const findUser = (id: number): Promise<UserRow | undefined> => db.selectFrom('app_user').selectAll().where('id', '=', id).executeTakeFirst();

  /** The signed-in user, or null when there is none or the session ran out (which ends it). */
  const sessionUser = async (): Promise<UserRow | null> => {
    if (!session) return null;
    if (now().getTime() - session.lastActivity > timeoutMs) {
      session = null;
      return null;
    }
    const user = await findUser(session.userId);
    if (!user || user.disabled) {
      session = null;
      return null;
    }
    return user;
  };

  const status = async (): Promise<SessionStatus> => {
    const required = (await userCount()) > 0;
    const user = required ? await sessionUser() : null;
    return {
      signInRequired: required,
      user: user ? view(user) : null,
      expiresAt: user && session ? new Date(session.lastActivity + timeoutMs).toISOString() : null,
    };
  };

  const checkPassword = (password: string, path: string): void => {
    if (password.length < MIN_PASSWORD_LENGTH) {
      throw new ValidationError([
        { path, key: 'safety.issues.passwordTooShort', message: `At least ${MIN_PASSWORD_LENGTH} characters.`, params: { min: MIN_PASSWORD_LENGTH } },
      ]);
    }
  };

  const owners = async (trx: Kysely<KontorSchema>): Promise<number> =>
    Number((await trx.selectFrom('app_user').select((eb) => eb.fn.countAll().as('n')).where('role', '=', 'owner').where('disabled', '=', 0).executeTakeFirstOrThrow()).n);

  return {
    status,
    async authorize(callName, input) {
      const permission = permissionOf(callName, input);
      if (permission === undefined) {
        throw new KontorError('FORBIDDEN', `${callName} has no permission assigned, so nobody may call it (see shared/contract/permissions.ts).`, { call: callName });
      }
      if ((await userCount()) === 0) return { actor: localActor };
      const user = await sessionUser();
      if (permission === 'public') return { actor: user ? `user:${user.username}` : 'anonymous' };
      if (!user) throw new KontorError('SIGN_IN_REQUIRED', 'Sign in first (or again: the session ended after a while without activity).', { call: callName });
      if (!roleMay(user.role as Role, permission)) {
        throw new KontorError('FORBIDDEN', `The ${user.role} role may not do this (${callName} needs "${permission}").`, { call: callName, permission, role: user.role });
      }
      if (session) session.lastActivity = now().getTime();
      return { actor: `user:${user.username}` };
    },
    async signIn(username, password) {
      const user = await db.selectFrom('app_user').selectAll().where('username', '=', username).executeTakeFirst();
      const wrong = (): KontorError => new KontorError('SIGN_IN_REQUIRED', 'Wrong username or password.', { reason: 'credentials' });
      if (!user || user.disabled) {
        decoy ??= hashPassword('decoy password', params);
        await verifyPassword(password, await decoy);
        throw wrong();
      }
      const at = now();
      if (user.locked_until && user.locked_until > at.toISOString()) {
        throw new KontorError('SIGN_IN_REQUIRED', `Too many wrong passwords: this account is locked until ${user.locked_until}.`, { reason: 'locked', lockedUntil: user.locked_until });
      }
      if (!(await verifyPassword(password, user.password_hash))) {
        const attempts = user.failed_attempts + 1;
        const lock = attempts >= LOCKOUT.attempts;
        const lockedUntil = lock ? new Date(at.getTime() + LOCKOUT.minutes * 60_000).toISOString() : null;
        await db
          .updateTable('app_user')
          .set({ failed_attempts: lock ? 0 : attempts, locked_until: lockedUntil, updated_at: at.toISOString() })
          .where('id', '=', user.id)
          .execute();
        if (lock) throw new KontorError('SIGN_IN_REQUIRED', `Too many wrong passwords: this account is locked until ${lockedUntil}.`, { reason: 'locked', lockedUntil });
        throw wrong();
      }
      if (user.failed_attempts > 0 || user.locked_until) {
        await db.updateTable('app_user').set({ failed_attempts: 0, locked_until: null, updated_at: at.toISOString() }).where('id', '=', user.id).execute();
      }
      session = { userId: user.id, lastActivity: at.getTime() };
      return status();
    },
    signOut() {
      session = null;
      return status();
    },
    async changePassword(current, next) {
      const user = await sessionUser();
      if (!user) throw new KontorError('SIGN_IN_REQUIRED', 'Sign in first.');
      if (!(await verifyPassword(current, user.password_hash))) {
        throw new ValidationError([{ path: 'current', key: 'safety.issues.passwordWrong', message: 'This is not your current password.' }]);
      }
      checkPassword(next, 'next');
      await db.updateTable('app_user').set({ password_hash: await hashPassword(next, params), updated_at: now().toISOString() }).where('id', '=', user.id).execute();
      return { changed: true };
    },
    async listUsers() {
      const rows = (await db.selectFrom('app_user').selectAll().orderBy('username').execute());
      return rows.map(view);
    },
    async createUser(input) {
      checkPassword(input.password, 'password');
      const hash = await hashPassword(input.password, params);
      const first = (await userCount()) === 0;
      const created = await writeTransaction(db, async (trx) => {
        if ((await owners(trx)) === 0 && input.role !== 'owner') {
          throw new ValidationError([{ path: 'role', key: 'safety.issues.firstMustBeOwner', message: 'The first person must be an owner, or nobody could manage Kontor.' }]);
        }
        const taken = await trx.selectFrom('app_user').select('id').where('username', '=', input.username).executeTakeFirst();
        if (taken) throw new ValidationError([{ path: 'username', key: 'safety.issues.usernameTaken', message: 'This username is taken.' }]);
        const at = now().toISOString();
        const { id } = await trx
          .insertInto('app_user')
          .values({ username: input.username, display_name: input.displayName, role: input.role, password_hash: hash, created_at: at, updated_at: at })
          .returning('id')
          .executeTakeFirstOrThrow();
        return (await trx.selectFrom('app_user').selectAll().where('id', '=', id).executeTakeFirstOrThrow());
      });
      // Whoever turns sign-in on is that first owner: they stay signed in rather than being locked out.
      if (first) session = { userId: created.id, lastActivity: now().getTime() };
      return view(created);
    },
    async updateUser(input) {
      if (input.password !== undefined) checkPassword(input.password, 'password');
      const hash = input.password === undefined ? undefined : await hashPassword(input.password, params);
      const updated = await writeTransaction(db, async (trx) => {
        const user = (await trx.selectFrom('app_user').selectAll().where('id', '=', input.id).executeTakeFirst());
        if (!user) throw new KontorError('NOT_FOUND', `There is no user #${input.id}.`);
        const losesOwner = user.role === 'owner' && !user.disabled && ((input.role !== undefined && input.role !== 'owner') || input.disabled === true);
        if (losesOwner && (await owners(trx)) <= 1) {
          throw new ValidationError([{ path: input.disabled ? 'disabled' : 'role', key: 'safety.issues.lastOwner', message: 'Kontor needs at least one owner.' }]);
        }
        await trx
          .updateTable('app_user')
          .set({
            ...(input.displayName === undefined ? {} : { display_name: input.displayName }),
            ...(input.role === undefined ? {} : { role: input.role }),
            ...(input.disabled === undefined ? {} : { disabled: input.disabled ? 1 : 0 }),
            ...(hash === undefined ? {} : { password_hash: hash, failed_attempts: 0, locked_until: null }),
            updated_at: now().toISOString(),
          })
          .where('id', '=', input.id)
          .execute();
        return (await trx.selectFrom('app_user').selectAll().where('id', '=', input.id).executeTakeFirstOrThrow());
      });
      return view(updated);
    },
  };
}

function view(row: UserRow): UserView {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    role: row.role as Role,
    disabled: row.disabled === 1,
    lockedUntil: row.locked_until,
  };
}

function safeOsUser(): string {
  try {
    return userInfo().username;
  } catch {
    // No passwd entry (some containers): the actor still says the change was local.
    return 'unknown';
  }
}
