import { safeStorage } from 'electron';
import { SCHEME_SAFE_STORAGE, keyFileSecretBox, wrapSecretBox, type SecretBox } from '../core/connectors/secretBox.ts';

/**
 * Marketplace credentials in the desktop app: sealed with the OS keychain through safeStorage
 * (Keychain on macOS, DPAPI on Windows, libsecret/kwallet on Linux). Where safeStorage would only
 * obfuscate (Linux without a keyring: the "basic_text" backend) the core's 0600 key file is the
 * better choice and is used instead. Call after app `ready`.
 */
export function appSecretBox(dataDir: string): SecretBox {
  const weak = process.platform === 'linux' && safeStorage.getSelectedStorageBackend?.() === 'basic_text';
  if (!safeStorage.isEncryptionAvailable() || weak) return keyFileSecretBox(dataDir);
  return wrapSecretBox(
    SCHEME_SAFE_STORAGE,
    "the desktop app's OS keychain (Electron safeStorage)",
    (plain) => safeStorage.encryptString(plain),
    (sealed) => safeStorage.decryptString(sealed),
  );
}
