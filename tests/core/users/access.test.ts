import { afterEach, describe, expect, test } from 'vitest';
import { createClient, type KontorClient } from '../../../shared/client.ts';
import { CALL_NAMES } from '../../../shared/contract/index.ts';
import { permissionOf, roleMay, ROLES, type Role } from '../../../shared/contract/permissions.ts';
import { DEMO_COMPANY } from '../../../electron/core/demo/demoCompany.ts';
import { createDispatcher } from '../../../electron/core/dispatcher.ts';
import { createHandlers } from '../../../electron/core/handlers.ts';
import { createInProcessTransport } from '../../../electron/core/inProcessTransport.ts';
import { createAccess, LOCKOUT, SESSION_TIMEOUT_MS, type Access } from '../../../electron/core/users/access.ts';
import { productInput } from '../catalog/support.ts';
import { dumpTables } from '../../support/tableDump.ts';
import { openTestKontor, type TestKontor } from '../../support/testKontor.ts';

let t: TestKontor | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

const PASSWORD = 'correct horse battery';

/** A core whose sign-in uses a clock the test moves and cheap scrypt parameters. */
async function openGuarded(): Promise<{ t: TestKontor; client: KontorClient; access: Access; clock: { now: number } }> {
  t = await openTestKontor();
  const clock = { now: Date.parse('2026-03-02T09:00:00Z') };
  const { db, sqlite } = t.kontor.database;
  const access = createAccess({ db, now: () => new Date(clock.now), scrypt: { N: 1024, r: 8, p: 1 }, localActor: 'local:tester' });
  const handlers = createHandlers({ db, sqlite, dataDir: t.dataDir, jobs: t.kontor.jobs, info: () => t!.kontor.info(), access });
  const dispatcher = createDispatcher(handlers, t.log, access);
  const client = createClient(createInProcessTransport({ dispatcher, events: t.kontor.events }));
  return { t, client, access, clock };
}

async function addPeople(client: KontorClient): Promise<void> {
  await client.call('users.create', { username: 'olga', displayName: 'Olga Owner', role: 'owner', password: PASSWORD });
  await client.call('users.create', { username: 'sami', displayName: 'Sami Staff', role: 'staff', password: PASSWORD });
  await client.call('users.create', { username: 'anne', displayName: 'Anne Accountant', role: 'accountant', password: PASSWORD });
}

const USER_OF: Record<Role, string> = { owner: 'olga', staff: 'sami', accountant: 'anne' };

describe('users and roles', () => {
  test('sign-in is off until the first user, who must be an owner and stays signed in', async () => {
    const { client } = await openGuarded();
    expect(await client.call('session.status', {})).toEqual({ signInRequired: false, user: null, expiresAt: null });
    // Without sign-in everything is allowed, and changes are the local account's.
    await client.call('company.save', DEMO_COMPANY);
    expect(await client.tryCall('users.create', { username: 'sami', displayName: 'Sami', role: 'staff', password: PASSWORD })).toMatchObject({
      ok: false,
      error: { details: { issues: [{ key: 'safety.issues.firstMustBeOwner' }] } },
    });
    expect(await client.tryCall('users.create', { username: 'olga', displayName: 'Olga', role: 'owner', password: 'short' })).toMatchObject({
      ok: false,
      error: { details: { issues: [{ key: 'safety.issues.passwordTooShort' }] } },
    });
    await client.call('users.create', { username: 'olga', displayName: 'Olga', role: 'owner', password: PASSWORD });
    expect(await client.call('session.status', {})).toMatchObject({ signInRequired: true, user: { username: 'olga', role: 'owner' } });
    // The password is never stored in clear, and the audit log holds only a digest of its hash.
    const row = t!.kontor.database.sqlite.prepare("SELECT password_hash FROM app_user WHERE username = 'olga'").pluck().get() as string;
    expect(row).toMatch(/^scrypt\$1024\$8\$1\$/);
    const logged = t!.kontor.database.sqlite.prepare("SELECT after_json FROM audit_log WHERE table_name = 'app_user'").pluck().get() as string;
    expect(logged).not.toContain(row);
    expect(JSON.parse(logged)).toMatchObject({ password_hash: expect.stringMatching(/^sha256:/) as unknown });
  });

  test('role × call matrix: each role may make exactly the calls its permissions allow; a refused call changes nothing', async () => {
    const { client } = await openGuarded();
    await client.call('company.save', DEMO_COMPANY);
    await client.call('products.create', productInput());
    await addPeople(client);
    const sqlite = t!.kontor.database.sqlite;

    for (const role of ROLES) {
      await client.call('session.signOut', {});
      await client.call('session.signIn', { username: USER_OF[role], password: PASSWORD });
      const before = dumpTables(sqlite, ['job']);
      for (const name of CALL_NAMES) {
        // Input the schema refuses: an allowed call stops at validation, a refused one before it.
        const input = name === 'jobs.start' ? { kind: 'database.backup', input: {}, extra: 1 } : null;
        const result = await client.tryCall(name, input as never);
        expect(result.ok, `${role} ${name}`).toBe(false);
        const allowed = roleMay(role, permissionOf(name, input));
        if (name.startsWith('session.') && name !== 'session.changePassword') continue;
        expect(result.ok ? 'ok' : result.error.code, `${role} ${name}`).toBe(allowed ? 'VALIDATION' : 'FORBIDDEN');
      }
      expect(dumpTables(sqlite, ['job']), role).toEqual(before);
    }

    // Real calls: staff edits the catalogue but not the company; the accountant neither.
    await client.call('session.signOut', {});
    await client.call('session.signIn', { username: 'sami', password: PASSWORD });
    const draft = await client.call('products.getBySku', { sku: 'RUG-1' });
    const product = await client.call('products.setStatus', { id: draft.id, revision: draft.revision, status: 'draft' });
    expect(product.status).toBe('draft');
    const refused = await client.tryCall('company.save', { ...DEMO_COMPANY, legalName: 'Taken over SARL' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect((await client.call('company.get', {}))?.legalName).toBe(DEMO_COMPANY.legalName);
    await client.call('session.signOut', {});
    await client.call('session.signIn', { username: 'anne', password: PASSWORD });
    const before = dumpTables(sqlite, ['job']);
    expect(await client.tryCall('products.delete', { id: product.id, revision: product.revision })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(dumpTables(sqlite, ['job'])).toEqual(before);
    expect((await client.call('products.list', {})).total).toBe(1);
    // Changes are recorded under the person's name.
    expect(sqlite.prepare("SELECT DISTINCT actor FROM audit_log WHERE table_name = 'app_user'").pluck().all()).toContain('local:tester');
    expect(sqlite.prepare("SELECT actor FROM audit_log WHERE table_name = 'product' ORDER BY seq DESC LIMIT 1").pluck().get()).toBe('user:sami');
  });

  test('signed out, only the sign-in screen\'s calls answer', async () => {
    const { client } = await openGuarded();
    await addPeople(client);
    await client.call('session.signOut', {});
    expect(await client.tryCall('products.list', {})).toMatchObject({ ok: false, error: { code: 'SIGN_IN_REQUIRED' } });
    expect(await client.tryCall('users.create', { username: 'eve', displayName: 'Eve', role: 'owner', password: PASSWORD })).toMatchObject({
      ok: false,
      error: { code: 'SIGN_IN_REQUIRED' },
    });
    expect((await client.call('app.getPreferences', {})).language).toBeDefined();
    expect(await client.call('session.status', {})).toMatchObject({ signInRequired: true, user: null });
  });

  test(`${LOCKOUT.attempts} wrong passwords lock the account for ${LOCKOUT.minutes} minutes, even against the right one`, async () => {
    const { client, clock } = await openGuarded();
    await addPeople(client);
    await client.call('session.signOut', {});
    for (let i = 1; i < LOCKOUT.attempts; i++) {
      expect(await client.tryCall('session.signIn', { username: 'sami', password: 'guess' + i })).toMatchObject({ ok: false, error: { message: 'Wrong username or password.' } });
    }
    const locked = await client.tryCall('session.signIn', { username: 'sami', password: 'guess-last' });
    expect(locked).toMatchObject({ ok: false, error: { code: 'SIGN_IN_REQUIRED', details: { reason: 'locked' } } });
    expect(await client.tryCall('session.signIn', { username: 'sami', password: PASSWORD })).toMatchObject({ ok: false, error: { details: { reason: 'locked' } } });
    // An unknown name answers like a wrong password: nothing tells which usernames exist.
    expect(await client.tryCall('session.signIn', { username: 'nobody', password: PASSWORD })).toMatchObject({ ok: false, error: { message: 'Wrong username or password.' } });
    clock.now += LOCKOUT.minutes * 60_000 + 1000;
    expect(await client.call('session.signIn', { username: 'sami', password: PASSWORD })).toMatchObject({ user: { username: 'sami' } });
  });

  test('a session ends after the timeout without activity; activity keeps it alive', async () => {
    const { client, clock } = await openGuarded();
    await addPeople(client);
    clock.now += SESSION_TIMEOUT_MS - 60_000;
    await client.call('products.list', {});
    clock.now += SESSION_TIMEOUT_MS - 60_000;
    expect((await client.call('products.list', {})).total).toBe(0);
    clock.now += SESSION_TIMEOUT_MS + 1;
    expect(await client.tryCall('products.list', {})).toMatchObject({ ok: false, error: { code: 'SIGN_IN_REQUIRED' } });
  });

  test('the last owner cannot be demoted or disabled; an owner can reset a password, which lifts a lockout', async () => {
    const { client } = await openGuarded();
    await addPeople(client);
    const users = await client.call('users.list', {});
    const olga = users.find((u) => u.username === 'olga')!;
    expect(await client.tryCall('users.update', { id: olga.id, role: 'staff' })).toMatchObject({ ok: false, error: { details: { issues: [{ key: 'safety.issues.lastOwner' }] } } });
    expect(await client.tryCall('users.update', { id: olga.id, disabled: true })).toMatchObject({ ok: false, error: { details: { issues: [{ key: 'safety.issues.lastOwner' }] } } });
    const sami = users.find((u) => u.username === 'sami')!;
    await client.call('users.update', { id: sami.id, password: 'a brand new one' });
    await client.call('session.signOut', {});
    expect(await client.call('session.signIn', { username: 'sami', password: 'a brand new one' })).toMatchObject({ user: { role: 'staff' } });
  });
});
