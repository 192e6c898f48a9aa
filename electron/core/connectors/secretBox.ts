import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { chmodSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { KontorError } from '../../../shared/errors.ts';

/**
 * Seals marketplace credentials before they reach the database. The core never imports Electron:
 * the desktop shell injects a box backed by the OS keychain (`safeStorage`); the CLI, browser mode
 * and tests use `keyFileSecretBox`, a random 256-bit key in the data directory readable by its
 * owner only (mode 0600), with AES-256-GCM. Each sealed value starts with the id of the box that
 * sealed it, so a box refuses, by name, what another sealed.
 */
export interface SecretBox {
  /** One byte stored in front of every sealed value. */
  readonly scheme: number;
  readonly description: string;
  seal(plain: string): Uint8Array;
  open(sealed: Uint8Array): string;
}

export const KEY_FILE = 'marketplace-secrets.key';
export const SCHEME_KEY_FILE = 1;
export const SCHEME_SAFE_STORAGE = 2;

const SCHEME_NAMES: Record<number, string> = {
  [SCHEME_KEY_FILE]: `the key file ${KEY_FILE} in the data directory`,
  [SCHEME_SAFE_STORAGE]: "the desktop app's OS keychain (Electron safeStorage)",
};

export function keyFileSecretBox(dataDir: string): SecretBox {
  const path = join(dataDir, KEY_FILE);
  let key: Buffer | undefined;
  const load = (): Buffer => {
    if (key) return key;
    try {
      key = readFileSync(path);
      // A key readable by others is made private again rather than trusted as is.
      if ((statSync(path).mode & 0o077) !== 0 && process.platform !== 'win32') chmodSync(path, 0o600);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      const fresh = randomBytes(32);
      try {
        writeFileSync(path, fresh, { mode: 0o600, flag: 'wx' });
        key = fresh;
      } catch (raced) {
        // Another process created it first: use theirs.
        if ((raced as NodeJS.ErrnoException).code !== 'EEXIST') throw raced;
        key = readFileSync(path);
      }
    }
    if (key.length !== 32) throw new KontorError('INTERNAL', `${path} is not a Kontor key file (it should hold 32 bytes).`);
    return key;
  };
  return {
    scheme: SCHEME_KEY_FILE,
    description: SCHEME_NAMES[SCHEME_KEY_FILE] as string,
    seal(plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', load(), iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return Buffer.concat([Buffer.from([SCHEME_KEY_FILE]), iv, cipher.getAuthTag(), body]);
    },
    open(sealed) {
      const bytes = Buffer.from(sealed);
      checkScheme(bytes, SCHEME_KEY_FILE);
      const decipher = createDecipheriv('aes-256-gcm', load(), bytes.subarray(1, 13));
      decipher.setAuthTag(bytes.subarray(13, 29));
      try {
        return Buffer.concat([decipher.update(bytes.subarray(29)), decipher.final()]).toString('utf8');
      } catch {
        throw new KontorError('MARKETPLACE_REFUSED', `The stored marketplace credentials cannot be opened with ${path} (was the key file replaced?). Enter the credentials again.`);
      }
    },
  };
}

/** A box around an encrypt/decrypt pair such as Electron's safeStorage, adding the scheme byte. */
export function wrapSecretBox(scheme: number, description: string, encrypt: (plain: string) => Buffer, decrypt: (sealed: Buffer) => string): SecretBox {
  return {
    scheme,
    description,
    seal: (plain) => Buffer.concat([Buffer.from([scheme]), encrypt(plain)]),
    open(sealed) {
      const bytes = Buffer.from(sealed);
      checkScheme(bytes, scheme);
      return decrypt(bytes.subarray(1));
    },
  };
}

function checkScheme(bytes: Buffer, expected: number): void {
  const scheme = bytes[0] ?? 0;
  if (scheme === expected) return;
  const by = SCHEME_NAMES[scheme] ?? `an unknown scheme (${scheme})`;
  throw new KontorError('MARKETPLACE_REFUSED', `These marketplace credentials were sealed with ${by} and cannot be opened here; use that program, or enter the credentials again.`);
}
