import { readFileSync } from 'node:fs';
import { rootKeyFromBase64, type RootKeyProvider } from './root-key.js';
import { RootKeyTokenError, type Pkcs11RootKeySettings } from './root-key-pkcs11.js';
import { FileRootKeyVersions, Pkcs11RootKeyVersions } from './root-key-version-stores.js';
import { VersionedRootKey } from './root-key-versions.js';

/** Where the root key comes from (README "Settings", docs/architecture.md "Root of trust"). */
export type RootKeySettings =
  | { readonly provider: 'file'; readonly file: string }
  | { readonly provider: 'env'; readonly base64: string }
  | ({ readonly provider: 'pkcs11' } & Pkcs11RootKeySettings);

export type RootKeyProviderName = RootKeySettings['provider'];
export const ROOT_KEY_PROVIDERS: readonly RootKeyProviderName[] = ['file', 'env', 'pkcs11'];

type Env = Readonly<Record<string, string | undefined>>;

/**
 * Reads DEW_ROOT_KEY_PROVIDER (file by default; env when DEW_ROOT_KEY is set) and the provider's
 * own variables. The PIN is read from DEW_PKCS11_PIN_FILE (or DEW_PKCS11_PIN, a Kubernetes Secret)
 * here and kept only in the returned settings.
 */
export function rootKeySettingsFromEnv(env: Env, defaultFile: string): RootKeySettings {
  const provider = env.DEW_ROOT_KEY_PROVIDER ?? (env.DEW_ROOT_KEY ? 'env' : 'file');
  switch (provider) {
    case 'file':
      return { provider, file: env.DEW_ROOT_KEY_FILE ?? defaultFile };
    case 'env':
      if (!env.DEW_ROOT_KEY) throw new RootKeyTokenError('DEW_ROOT_KEY_PROVIDER=env needs DEW_ROOT_KEY (base64 of 32 bytes)');
      return { provider, base64: env.DEW_ROOT_KEY };
    case 'pkcs11':
      return { provider, ...pkcs11SettingsFromEnv(env) };
    default:
      throw new RootKeyTokenError(`DEW_ROOT_KEY_PROVIDER must be one of ${ROOT_KEY_PROVIDERS.join(', ')}, got "${provider}"`);
  }
}

function pkcs11SettingsFromEnv(env: Env): Pkcs11RootKeySettings {
  const module = env.DEW_PKCS11_MODULE;
  if (!module) throw new RootKeyTokenError('DEW_ROOT_KEY_PROVIDER=pkcs11 needs DEW_PKCS11_MODULE (the PKCS#11 library path, e.g. /usr/lib/softhsm/libsofthsm2.so)');
  const slot = env.DEW_PKCS11_SLOT;
  if (slot !== undefined && !/^\d{1,4}$/.test(slot)) throw new RootKeyTokenError(`DEW_PKCS11_SLOT must be a slot index 0..9999, got "${slot}"`);
  if (!env.DEW_PKCS11_TOKEN_LABEL && slot === undefined) throw new RootKeyTokenError('DEW_ROOT_KEY_PROVIDER=pkcs11 needs DEW_PKCS11_TOKEN_LABEL or DEW_PKCS11_SLOT');
  return {
    module,
    ...(env.DEW_PKCS11_TOKEN_LABEL ? { tokenLabel: env.DEW_PKCS11_TOKEN_LABEL } : { slot: Number(slot) }),
    pin: pinFromEnv(env),
    keyLabel: env.DEW_PKCS11_KEY_LABEL || 'dew-root',
  };
}

function pinFromEnv(env: Env): string {
  const file = env.DEW_PKCS11_PIN_FILE;
  if (file) {
    try {
      return readFileSync(file, 'utf8').replace(/\r?\n$/, '');
    } catch (err) {
      throw new RootKeyTokenError(`cannot read the PIN file ${file} (DEW_PKCS11_PIN_FILE): ${(err as NodeJS.ErrnoException).code ?? 'unreadable'}`);
    }
  }
  if (env.DEW_PKCS11_PIN) return env.DEW_PKCS11_PIN;
  throw new RootKeyTokenError('DEW_ROOT_KEY_PROVIDER=pkcs11 needs DEW_PKCS11_PIN_FILE (or DEW_PKCS11_PIN)');
}

export interface OpenedRootKey {
  readonly provider: RootKeyProvider;
  /** The versions of a file or token root key (rotation); absent for the env provider, which cannot rotate. */
  readonly versioned?: VersionedRootKey;
  /** True when this call created the key (a new file or a new token object). */
  readonly created: boolean;
  /** Releases a token session and zeroes the keys held (a no-op for the env provider). */
  close(): void;
}

/** Opens the configured root key at its newest version, creating version 1 on first start unless `create` is false. */
export function openRootKey(s: RootKeySettings, create = true): OpenedRootKey {
  switch (s.provider) {
    case 'file':
      return versioned(VersionedRootKey.open(new FileRootKeyVersions(s.file), create));
    case 'env':
      return { provider: rootKeyFromBase64(s.base64), created: false, close: () => undefined };
    case 'pkcs11': {
      const store = Pkcs11RootKeyVersions.open(s, create);
      try {
        const { root, created } = VersionedRootKey.open(store, create);
        return versioned({ root, created: created || store.created });
      } catch (err) {
        store.close();
        throw err;
      }
    }
    default:
      return unreachable(s);
  }
}

function versioned({ root, created }: { root: VersionedRootKey; created: boolean }): OpenedRootKey {
  return { provider: root, versioned: root, created, close: () => root.close() };
}

function unreachable(s: never): never {
  throw new Error(`unknown root key provider ${JSON.stringify(s)}`);
}
