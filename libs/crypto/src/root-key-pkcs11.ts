import { createRequire } from 'node:module';
import { randomBytes } from 'node:crypto';
import type * as P11 from 'pkcs11js';
import type { RootKeyProvider } from './root-key.js';
import { UnsealError } from './aead.js';
import { gcmOpenOverEcb, gcmSealOverEcb } from './gcm-over-ecb.js';
import { clearingOpenSslErrors } from './openssl-error-queue.js';

/**
 * The root key as a PKCS#11 secret-key object (docs/architecture.md, "Root of trust"): AES-256,
 * CKA_TOKEN, CKA_SENSITIVE, not extractable, found by label. Wrap and unwrap run in the token
 * (CKM_AES_GCM, a fresh 12-byte IV, the caller's binding as AAD), so the key's bytes never enter
 * this process. Blob layout: 0x02 | iv(12) | ciphertext | tag(16) — the version byte tells a
 * token-wrapped blob from a file/env-wrapped one (0x01, aead.ts).
 *
 * A module that offers CKM_AES_ECB but not CKM_AES_GCM (p11-kit's client module, whose RPC carries
 * no GCM parameters: the token served by `p11-kit server` in another process, docs/architecture.md
 * "Where the key's bytes are") gets the same GCM computed here over the token's ECB
 * (gcm-over-ecb.ts): the same 0x02 blobs, which either way opens.
 */
export const TOKEN_WRAP_VERSION = 0x02;
const IV_BYTES = 12;
const TAG_BYTES = 16;

export interface Pkcs11RootKeySettings {
  /** Path of the PKCS#11 module (e.g. /usr/lib/softhsm/libsofthsm2.so). */
  readonly module: string;
  /** The token, by label or by slot index in C_GetSlotList(true); the label wins. */
  readonly tokenLabel?: string;
  readonly slot?: number;
  readonly pin: string;
  readonly keyLabel: string;
}

/** A startup refusal of the pkcs11 provider; its message names what is wrong, never the PIN. */
export class RootKeyTokenError extends Error {
  /** A refusal that may pass on a second look (the token not listed yet), unlike a wrong PIN. */
  constructor(message: string, readonly transient = false) {
    super(message);
    this.name = 'RootKeyTokenError';
  }
}

/**
 * Looks before a transient refusal is final: SoftHSM rewrites a token's file on every login, and a
 * process listing tokens meanwhile (the services start together) may not see the token at all.
 * About 30 looks over ~4 s; a wrong or locked PIN is never retried (it would count toward a lockout).
 */
const ATTEMPTS = 30;
const sleepSync = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

// pkcs11js is CommonJS whose constants Node's ESM loader cannot see as named exports; loaded only
// when this provider is chosen.
const p11js = (): typeof P11 => createRequire(import.meta.url)('pkcs11js') as typeof P11;

function codeOf(err: unknown): number | undefined {
  return (err as { code?: number }).code;
}

export class Pkcs11RootKey implements RootKeyProvider {
  private constructor(
    private readonly lib: typeof P11,
    private readonly p11: P11.PKCS11,
    private readonly session: P11.Handle,
    private readonly key: P11.Handle,
    readonly description: string,
    readonly created: boolean,
    private readonly ownsSession = true,
    /** GCM computed here over the token's CKM_AES_ECB (the module carries no CKM_AES_GCM). */
    private readonly gcmOverEcb = false,
  ) {}

  /** How wrap and unwrap reach the key: the token's own GCM, or GCM over its ECB (isolation through p11-kit). */
  get mechanism(): 'CKM_AES_GCM' | 'CKM_AES_ECB' {
    return this.gcmOverEcb ? 'CKM_AES_ECB' : 'CKM_AES_GCM';
  }

  /**
   * Another key of the same token by label, on this key's session (a root key version,
   * root-key-versions.ts): generated with the same template when absent and `create` is set,
   * null when absent otherwise. Closing it leaves the session to this key.
   */
  sibling(label: string, create: boolean): Pkcs11RootKey | null {
    const found = findKeys(this.lib, this.p11, this.session, label);
    if (found.length > 1) throw new RootKeyTokenError(`the token holds ${found.length} keys labelled ${label}; exactly one root key version must carry the label`);
    const name = this.description.replace(/\/key=.*$/, `/key=${label}`);
    if (found[0] !== undefined) return new Pkcs11RootKey(this.lib, this.p11, this.session, found[0], name, false, false, this.gcmOverEcb);
    if (!create) return null;
    return new Pkcs11RootKey(this.lib, this.p11, this.session, generate(this.lib, this.p11, this.session, label), name, true, false, this.gcmOverEcb);
  }

  /** The root key versions N ≥ 2 the token holds under `<base>.v<N>`. */
  versionsOf(base: string): number[] {
    return versionLabelsIn(secretKeyLabels(this.lib, this.p11, this.session), base);
  }

  /** Destroys the key object in the token (C_DestroyObject): a retired root key version. */
  destroyKey(): void {
    this.p11.C_DestroyObject(this.session, this.key);
  }

  /**
   * Loads the module, logs into the token (one session for the process: pkcs11js calls are
   * synchronous, so operations are serialized by the event loop) and finds the key by label,
   * generating it in the token when absent and `create` is set.
   */
  static open(s: Pkcs11RootKeySettings, create: boolean): Pkcs11RootKey {
    const lib = p11js();
    const p11 = loadModule(lib, s.module);
    for (let attempt = 1; ; attempt++) {
      try {
        return Pkcs11RootKey.#login(lib, p11, s, create);
      } catch (err) {
        // A bare PKCS#11 refusal (C_OpenSession, C_FindObjects…) while the token file is rewritten is transient too.
        const refusal = err instanceof RootKeyTokenError ? err : new RootKeyTokenError(`the PKCS#11 module ${s.module} refused: ${(err as Error).message}`, codeOf(err) !== undefined);
        if (!refusal.transient || attempt >= ATTEMPTS || !rescan(lib, p11)) {
          releaseModule(p11);
          throw refusal;
        }
        sleepSync(50 + Math.floor(Math.random() * 150));
      }
    }
  }

  static #login(lib: typeof P11, p11: P11.PKCS11, s: Pkcs11RootKeySettings, create: boolean): Pkcs11RootKey {
    const { slot, name } = findSlot(lib, p11, s);
    const session = p11.C_OpenSession(slot, lib.CKF_SERIAL_SESSION | lib.CKF_RW_SESSION);
    try {
      login(lib, p11, session, s.pin, name);
      // Once version 1 is retired (root-key-versions.ts), the newest `<label>.v<N>` stands for the root key.
      const label = findKeys(lib, p11, session, s.keyLabel).length > 0 ? s.keyLabel : (newestVersionLabel(lib, p11, session, s.keyLabel) ?? s.keyLabel);
      const found = findKeys(lib, p11, session, label);
      if (found.length > 1) throw new RootKeyTokenError(`${name} holds ${found.length} keys labelled ${label}; exactly one root key must carry the label`);
      const description = `pkcs11:${name}/key=${label}`;
      const overEcb = needsGcmOverEcb(lib, p11, slot, s.module);
      if (found[0] !== undefined) return new Pkcs11RootKey(lib, p11, session, found[0], description, false, true, overEcb);
      if (!create) throw new RootKeyTokenError(`${name} holds no key labelled ${s.keyLabel} (DEW_PKCS11_KEY_LABEL); \`make run\` or \`npm run dew -- root-key init\` creates it`, true);
      return new Pkcs11RootKey(lib, p11, session, generate(lib, p11, session, s.keyLabel), description, true, true, overEcb);
    } catch (err) {
      try {
        p11.C_CloseSession(session);
      } catch {
        // the session went with the token's state; the first refusal is the one to report
      }
      throw err;
    }
  }

  async wrap(plaintext: Uint8Array, aad: string): Promise<Buffer> {
    const iv = randomBytes(IV_BYTES);
    if (this.gcmOverEcb) return Buffer.concat([Buffer.of(TOKEN_WRAP_VERSION), iv, gcmSealOverEcb(this.#ecb, iv, Buffer.from(plaintext), this.#aad(aad))]);
    this.p11.C_EncryptInit(this.session, this.#gcm(iv, aad), this.key);
    const body = this.p11.C_Encrypt(this.session, Buffer.from(plaintext), Buffer.alloc(plaintext.length + TAG_BYTES));
    return Buffer.concat([Buffer.of(TOKEN_WRAP_VERSION), iv, body]);
  }

  async unwrap(wrapped: Uint8Array, aad: string): Promise<Buffer> {
    if (wrapped.length < 1 + IV_BYTES + TAG_BYTES) throw new UnsealError(`too short (${wrapped.length} bytes)`);
    if (wrapped[0] !== TOKEN_WRAP_VERSION) throw new UnsealError(`layout version ${wrapped[0]} is not token-wrapped (${TOKEN_WRAP_VERSION}); run root-key migrate`);
    const buf = Buffer.from(wrapped);
    const body = buf.subarray(1 + IV_BYTES);
    if (this.gcmOverEcb) {
      const opened = gcmOpenOverEcb(this.#ecb, buf.subarray(1, 1 + IV_BYTES), body, this.#aad(aad));
      if (opened === null) throw new UnsealError('authentication failed (wrong key, wrong owner binding or tampered bytes)');
      return opened;
    }
    this.p11.C_DecryptInit(this.session, this.#gcm(buf.subarray(1, 1 + IV_BYTES), aad), this.key);
    try {
      return Buffer.from(this.p11.C_Decrypt(this.session, body, Buffer.alloc(body.length)));
    } catch {
      throw new UnsealError('authentication failed (wrong key, wrong owner binding or tampered bytes)');
    }
  }

  /** Ends the session and finalizes the module (tools; services keep it for their lifetime). */
  close(): void {
    if (!this.ownsSession) return;
    try {
      this.p11.C_CloseSession(this.session);
    } finally {
      releaseModule(this.p11);
    }
  }

  #aad(aad: string): Buffer {
    return Buffer.from(`root:${aad}`, 'utf8');
  }

  #gcm(iv: Buffer, aad: string): P11.Mechanism {
    const parameter: P11.AesGCM = { type: this.lib.CK_PARAMS_AES_GCM, iv, aad: this.#aad(aad), ivBits: IV_BYTES * 8, tagBits: TAG_BYTES * 8 };
    return { mechanism: this.lib.CKM_AES_GCM, parameter };
  }

  /** AES-ECB in the token over whole blocks (one C_Encrypt per wrap or unwrap). */
  readonly #ecb = (blocks: Buffer): Buffer => {
    this.p11.C_EncryptInit(this.session, { mechanism: this.lib.CKM_AES_ECB }, this.key);
    return Buffer.from(this.p11.C_Encrypt(this.session, blocks, Buffer.alloc(blocks.length)));
  };
}

/**
 * True when the module offers CKM_AES_ECB but not CKM_AES_GCM on the slot (p11-kit 0.24's client
 * drops mechanisms whose parameters its RPC cannot carry); neither refuses the token.
 */
function needsGcmOverEcb(lib: typeof P11, p11: P11.PKCS11, slot: P11.Handle, module: string): boolean {
  const offered = p11.C_GetMechanismList(slot);
  if (offered.includes(lib.CKM_AES_GCM)) return false;
  if (offered.includes(lib.CKM_AES_ECB)) return true;
  throw new RootKeyTokenError(`the PKCS#11 module ${module} offers neither CKM_AES_GCM nor CKM_AES_ECB for the root key`);
}

// One initialised instance per module path in a process, shared by every provider opened on it
// (a second C_Initialize is refused; C_Finalize ends every session, so only the last close runs it).
const modules = new Map<string, { p11: P11.PKCS11; users: number }>();

function loadModule(lib: typeof P11, path: string): P11.PKCS11 {
  const known = modules.get(path);
  if (known) {
    known.users += 1;
    return known.p11;
  }
  const p11 = clearingOpenSslErrors(new lib.PKCS11());
  try {
    p11.load(path);
    initialize(lib, p11);
  } catch (err) {
    throw new RootKeyTokenError(`cannot load the PKCS#11 module ${path} (DEW_PKCS11_MODULE): ${(err as Error).message}`);
  }
  modules.set(path, { p11, users: 1 });
  return p11;
}

/** p11-kit's client module refuses C_Initialize(NULL) with CKR_CANT_LOCK; it takes the OS locking flag. */
function initialize(lib: typeof P11, p11: P11.PKCS11): void {
  try {
    p11.C_Initialize();
  } catch (err) {
    if (codeOf(err) !== lib.CKR_CANT_LOCK) throw err;
    p11.C_Initialize({ flags: lib.CKF_OS_LOCKING_OK });
  }
}

/** Makes the module list its tokens afresh; only the module's sole user may (C_Finalize ends every session). */
function rescan(lib: typeof P11, p11: P11.PKCS11): boolean {
  const known = [...modules.values()].find((m) => m.p11 === p11);
  if (known?.users !== 1) return false;
  p11.C_Finalize();
  initialize(lib, p11);
  return true;
}

function releaseModule(p11: P11.PKCS11): void {
  for (const [path, m] of modules) {
    if (m.p11 !== p11 || --m.users > 0) continue;
    modules.delete(path);
    p11.C_Finalize();
  }
}

/** Logs the session in; a refusal names the token and the setting, never the PIN. */
function login(lib: typeof P11, p11: P11.PKCS11, session: P11.Handle, pin: string, name: string): void {
  try {
    p11.C_Login(session, lib.CKU_USER, pin);
  } catch (err) {
    const code = codeOf(err);
    if (code === lib.CKR_USER_ALREADY_LOGGED_IN) return; // another provider of this process on the same token
    if (code === lib.CKR_PIN_INCORRECT || code === lib.CKR_PIN_LEN_RANGE) throw new RootKeyTokenError(`the PIN for ${name} is wrong (DEW_PKCS11_PIN_FILE / DEW_PKCS11_PIN)`);
    if (code === lib.CKR_PIN_LOCKED) throw new RootKeyTokenError(`the user PIN of ${name} is locked; unlock it with the token's SO PIN`);
    throw new RootKeyTokenError(`cannot log into ${name}: ${(err as Error).message}`, true);
  }
}

function findSlot(lib: typeof P11, p11: P11.PKCS11, s: Pkcs11RootKeySettings): { slot: P11.Handle; name: string } {
  const slots = p11.C_GetSlotList(true);
  if (s.tokenLabel !== undefined) {
    const slot = slots.find((x) => p11.C_GetTokenInfo(x).label.trim() === s.tokenLabel);
    if (slot === undefined) throw new RootKeyTokenError(`no token labelled ${s.tokenLabel} in ${s.module} (DEW_PKCS11_TOKEN_LABEL); initialised tokens: ${slots.map((x) => p11.C_GetTokenInfo(x).label.trim()).join(', ') || 'none'}`, true);
    return { slot, name: `token ${s.tokenLabel}` };
  }
  const slot = slots[s.slot ?? 0];
  if (slot === undefined) throw new RootKeyTokenError(`no token in slot ${s.slot ?? 0} of ${s.module} (DEW_PKCS11_SLOT); ${slots.length} slot(s) hold a token`, true);
  const label = p11.C_GetTokenInfo(slot).label.trim();
  if ((p11.C_GetTokenInfo(slot).flags & lib.CKF_TOKEN_INITIALIZED) === 0) throw new RootKeyTokenError(`the token in slot ${s.slot ?? 0} is not initialised`);
  return { slot, name: `token ${label}` };
}

function findKeys(lib: typeof P11, p11: P11.PKCS11, session: P11.Handle, label: string): P11.Handle[] {
  p11.C_FindObjectsInit(session, [
    { type: lib.CKA_CLASS, value: lib.CKO_SECRET_KEY },
    { type: lib.CKA_LABEL, value: label },
  ]);
  try {
    return p11.C_FindObjects(session, 8);
  } finally {
    p11.C_FindObjectsFinal(session);
  }
}

/** Labels of the token's secret keys that name a root key version: `<base>.v<N>`. */
export function versionLabelsIn(labels: readonly string[], base: string): number[] {
  const prefix = `${base}.v`;
  return labels.flatMap((l) => (l.startsWith(prefix) && /^[1-9]\d{0,8}$/.test(l.slice(prefix.length)) ? [Number(l.slice(prefix.length))] : []));
}

function secretKeyLabels(lib: typeof P11, p11: P11.PKCS11, session: P11.Handle): string[] {
  p11.C_FindObjectsInit(session, [{ type: lib.CKA_CLASS, value: lib.CKO_SECRET_KEY }]);
  let handles: P11.Handle[];
  try {
    handles = p11.C_FindObjects(session, 1024);
  } finally {
    p11.C_FindObjectsFinal(session);
  }
  return handles.map((h) => p11.C_GetAttributeValue(session, h, [{ type: lib.CKA_LABEL }])[0]?.value?.toString('utf8') ?? '');
}

function newestVersionLabel(lib: typeof P11, p11: P11.PKCS11, session: P11.Handle, base: string): string | undefined {
  const versions = versionLabelsIn(secretKeyLabels(lib, p11, session), base);
  return versions.length === 0 ? undefined : `${base}.v${Math.max(...versions)}`;
}

function generate(lib: typeof P11, p11: P11.PKCS11, session: P11.Handle, label: string): P11.Handle {
  return p11.C_GenerateKey(session, { mechanism: lib.CKM_AES_KEY_GEN }, [{ type: lib.CKA_VALUE_LEN, value: 32 }, ...rootKeyTemplate(lib, label)]);
}

/**
 * The root key object's attributes (beside its length or value): an AES token key, private,
 * sensitive, not extractable, encrypt/decrypt only. Exported for the test that puts a key of known
 * bytes into a token (services/gateway/test/root-key-memory.e2e.spec.ts) so it is this very object.
 */
export function rootKeyTemplate(lib: typeof P11, label: string): P11.Template {
  return [
    { type: lib.CKA_CLASS, value: lib.CKO_SECRET_KEY },
    { type: lib.CKA_KEY_TYPE, value: lib.CKK_AES },
    { type: lib.CKA_TOKEN, value: true },
    { type: lib.CKA_PRIVATE, value: true },
    { type: lib.CKA_SENSITIVE, value: true },
    { type: lib.CKA_EXTRACTABLE, value: false },
    { type: lib.CKA_ENCRYPT, value: true },
    { type: lib.CKA_DECRYPT, value: true },
    { type: lib.CKA_WRAP, value: false },
    { type: lib.CKA_UNWRAP, value: false },
    // SoftHSM enables CMAC signing and derivation on an AES key unless told otherwise.
    { type: lib.CKA_SIGN, value: false },
    { type: lib.CKA_VERIFY, value: false },
    { type: lib.CKA_DERIVE, value: false },
    { type: lib.CKA_ID, value: randomBytes(16) },
    { type: lib.CKA_LABEL, value: label },
  ];
}
